import {
  activeWindows,
  MODEL_CONFIG,
  prepareLens,
  roundTo,
  scoreFamilies,
  sensitivity,
} from '../../../indicators/index.ts';
import type { Lens, Period, Weights } from '../../../indicators/index.ts';
import type { ModelInputs } from './model-inputs.ts';

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
    }).map((r) => ({ region: r.score.region, score: r.score.score, class: r.score.class }));
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
