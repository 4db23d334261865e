import {
  activeWindows,
  MODEL_CONFIG,
  prepareLens,
  roundTo,
  scoreFamilies,
  sensitivity,
} from '../../../indicators/index.ts';
import type { Lens, Period, Weights } from '../../../indicators/index.ts';
import { fileURLToPath } from 'node:url';
import { runJob } from '../../../db/child-job.ts';
import type { Db } from '../../../db/client.ts';
import { perDataVersion, sqliteOf } from '../../../db/queries/raw.ts';
import { modelInputs, type ModelInputs } from './model-inputs.ts';

const JOB = fileURLToPath(new URL('./sensitivity-job.ts', import.meta.url));

/** Reports kept per data version: the most recent queries, the oldest dropped beyond this. */
const KEPT = 64;

/** What a sensitivity run is asked for. */
export interface SensitivityQuery {
  period: Period;
  lens: Lens;
  level: number;
  scenario: string;
  runs: number;
  spread: number;
  top: number;
  seed: number;
}

/** The sensitivity analysis as the API returns it. */
export type SensitivityReport = ReturnType<typeof compute>;

/**
 * Runs the weight-sensitivity analysis for one month, lens, level and scenario on the current
 * observations, with region names and rounded figures. Memoised until the next write.
 */
export function sensitivityAt(inputs: ModelInputs, q: SensitivityQuery): SensitivityReport {
  const key = `sensitivity|${JSON.stringify(q)}`;
  const hit = inputs.memo.get(key) as SensitivityReport | undefined;
  if (hit) return hit;
  const out = compute(inputs, q);
  inputs.memo.set(key, out);
  return out;
}

/** Reports of the current data, or their computations under way, by query. */
const reports = perDataVersion(() => new Map<string, Promise<SensitivityReport | null>>());

/**
 * The sensitivity report for `q`, computed off the event loop: in a low-priority child process
 * reading the database file (in this process, after the current request, for an in-memory database),
 * so that a run of a thousand rescorings never holds up other requests. The same query asked again,
 * or while it runs, shares the one computation until the data change. `admit` is asked before a new
 * computation starts (the heavy-work gate: it throws the 429 when too many run) and its result is
 * called when it ends.
 */
export function sensitivityReport(
  db: Db,
  q: SensitivityQuery,
  admit: () => () => void,
): Promise<SensitivityReport | null> {
  const kept = reports(db);
  const key = JSON.stringify(q);
  const hit = kept.get(key);
  if (hit) return hit;
  const release = admit();
  const client = sqliteOf(db);
  const work = client.memory ? inThisProcess(db, q) : inChild(client.name, key);
  const report = work.finally(release);
  kept.set(key, report);
  if (kept.size > KEPT) kept.delete(kept.keys().next().value as string);
  report.catch(() => kept.get(key) === report && kept.delete(key));
  return report;
}

function inThisProcess(db: Db, q: SensitivityQuery): Promise<SensitivityReport | null> {
  return new Promise((resolve, reject) =>
    setImmediate(() => {
      try {
        const inputs = modelInputs(db);
        resolve(inputs ? sensitivityAt(inputs, q) : null);
      } catch (e) {
        reject(e instanceof Error ? e : new Error(String(e)));
      }
    }),
  );
}

async function inChild(path: string, query: string): Promise<SensitivityReport | null> {
  const { outcome, code, stderr } = await runJob<
    { ok: true; report: SensitivityReport | null } | { ok: false; error: string }
  >(JOB, [path, query]);
  if (!outcome) throw new Error(`the sensitivity process exited with ${code}: ${stderr}`);
  if (!outcome.ok) throw new Error(outcome.error);
  return outcome.report;
}

function compute(inputs: ModelInputs, q: SensitivityQuery) {
  const scored = new Set(inputs.byRegion.keys());
  const parents = new Set(inputs.regions.flatMap((r) => (r.parent && scored.has(r.code) ? [r.parent] : [])));
  const regions = inputs.regions.filter((r) => scored.has(r.code) || parents.has(r.code));
  const windows = activeWindows(inputs.byRegion, inputs.lens(q.lens, q.scenario));
  const score = (w: Weights) =>
    scoreFamilies({
      lens: prepareLens(inputs.catalogue, q.lens, w, MODEL_CONFIG),
      periods: [q.period],
      regions,
      byRegion: inputs.byRegion,
      windows,
      level: q.level === 0 ? 0 : 1,
    })
      // Level 1 scoring yields the districts too: rank the regions of the level asked only.
      .filter((r) => r.level === q.level)
      .map((r) => ({ region: r.score.region, score: r.score.score, class: r.score.class }));
  const result = sensitivity({
    score,
    weights: inputs.weights(q.scenario),
    runs: q.runs,
    spread: q.spread,
    top: q.top,
    seed: q.seed,
  });
  const name = (code: string) => inputs.regionByCode.get(code)?.name ?? code;
  return {
    ...q,
    regions: result.regions,
    meanTopOverlap: roundTo(result.meanTopOverlap, 3),
    meanSpearman: roundTo(result.meanSpearman, 3),
    minSpearman: roundTo(result.minSpearman, 3),
    topRegions: result.topRegions.map((r) => ({
      ...r,
      name: name(r.region),
      baseScore: roundTo(r.baseScore, 2),
      inTopShare: roundTo(r.inTopShare, 3),
    })),
  };
}
