import {
  activeWindows,
  MODEL_CONFIG,
  prepareLens,
  readingsAt,
  roundTo,
  scoreFamilies,
  sensitivityOfScores,
  sensitivityWeightings,
} from '../../../indicators/index.ts';
import type { ComparableScore, Lens, Period } from '../../../indicators/index.ts';
import { fileURLToPath } from 'node:url';
import type { AsyncDb } from '../../../db/async.ts';
import { jobDatabaseOf, runJob } from '../../../db/child-job.ts';
import type { Db } from '../../../db/client.ts';
import { perDataVersionAsync } from '../../../db/data-version.ts';
import { perDataVersion, sqliteOf } from '../../../db/queries/raw.ts';
import { modelInputs, type ModelInputs } from './model-inputs.ts';
import type { RegionRow } from '../../../db/queries/regions.ts';

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

/** Reports of the current data on either engine, or their computations under way, by query. */
const reportsAsync = perDataVersionAsync(async () => new Map<string, Promise<SensitivityReport | null>>());

/**
 * {@link sensitivityReport} for data read through `a` (PostgreSQL): the child process opens the
 * database `a` names (its own pool, `jobDatabaseOf`) and computes the report by the same code; kept
 * and shared per data version as on SQLite. The kept reports are looked up, and `admit` asked,
 * in the request's turn (`inTurn`, after the awaited data version), so that requests reach the
 * gate in the order they arrived.
 */
export async function sensitivityReportAsync(
  a: AsyncDb,
  q: SensitivityQuery,
  admit: () => () => void,
  inTurn: (check: () => Promise<SensitivityReport | null>) => Promise<SensitivityReport | null>,
): Promise<SensitivityReport | null> {
  const kept = await reportsAsync(a);
  const where = jobDatabaseOf(a);
  if (!where) throw new Error('the sensitivity process cannot open this database');
  return inTurn(() => {
    const key = JSON.stringify(q);
    const hit = kept.get(key);
    if (hit) return hit;
    const release = admit();
    const report = inChild(where, key).finally(release);
    kept.set(key, report);
    if (kept.size > KEPT) kept.delete(kept.keys().next().value as string);
    report.catch(() => kept.get(key) === report && kept.delete(key));
    return report;
  });
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

/**
 * Scores every weighting of the run family by family (a country with its regions and districts, or
 * a region without a country), reading one family's observations at a time: at full scale every
 * observation at once is gigabytes in a child process, one country's a few tens of megabytes. The
 * families do not bear on each other's scores, so the result is the same as scoring all at once.
 * Each region's history is cut once to the readings that can bear on the month (`readingsAt`), so
 * a weighting costs a pass over a few readings per region, not over ten years of them.
 */
function compute(inputs: ModelInputs, q: SensitivityQuery) {
  const weightings = sensitivityWeightings({
    weights: inputs.weights(q.scenario),
    runs: q.runs,
    spread: q.spread,
    seed: q.seed,
  });
  const lenses = weightings.map((w) => prepareLens(inputs.catalogue, q.lens, w, MODEL_CONFIG));
  const windowsLens = inputs.lens(q.lens, q.scenario);
  const scored: ComparableScore[][] = weightings.map(() => []);
  for (const members of families(inputs.regions)) {
    const byRegion = inputs.observationsFor(members.map((r) => r.code));
    const parents = new Set(members.flatMap((r) => (r.parent && byRegion.has(r.code) ? [r.parent] : [])));
    const regions = members.filter((r) => byRegion.has(r.code) || parents.has(r.code));
    if (!regions.length) continue;
    const windows = activeWindows(byRegion, windowsLens);
    // One month is scored under every weighting: read each region's history down to what can bear on it once.
    const readings = new Map([...byRegion].map(([code, obs]) => [code, readingsAt(obs, q.period)]));
    lenses.forEach((lens, i) => {
      const rows = scoreFamilies({
        lens,
        periods: [q.period],
        regions,
        byRegion: readings,
        windows,
        level: q.level === 0 ? 0 : 1,
      });
      // Level 1 scoring yields the districts too: rank the regions of the level asked only.
      for (const r of rows)
        if (r.level === q.level)
          scored[i]!.push({ region: r.score.region, score: r.score.score, class: r.score.class });
    });
  }
  const result = sensitivityOfScores(scored, q);
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

/**
 * The regions in groups that are scored apart: each country with its first-level regions and their
 * districts, and each first-level region without a country (with its districts) on its own.
 */
function families(regions: readonly RegionRow[]): RegionRow[][] {
  const byCode = new Map(regions.map((r) => [r.code, r]));
  const rootOf = (r: RegionRow): string => {
    if (r.level === 0 || !r.parent) return r.code;
    if (r.level === 2) return byCode.get(r.parent)?.parent ?? r.parent;
    return r.parent;
  };
  const out = new Map<string, RegionRow[]>();
  for (const r of regions) {
    const root = rootOf(r);
    const list = out.get(root);
    if (list) list.push(r);
    else out.set(root, [r]);
  }
  return [...out.values()];
}
