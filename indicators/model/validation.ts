import type { Catalogue, DocumentedOnset, ModelObservation, Period, Weights } from '../types.ts';
import { LENSES, METHODS, type Method } from '../vocabulary.ts';
import { backtest, LEAD_WINDOW, type BacktestRow } from './backtest.ts';
import { observationsByRegion, type RegionRef } from './batch.ts';
import { classChanges, type ClassChanges } from './class-changes.ts';
import { MODEL_VERSION, type ModelConfig } from './config.ts';
import { prepareLens } from './lens.ts';
import { structuralSensitivity, type StructuralResult } from './structural.ts';

/** Everything {@link validateModel} reads: plain data, so the computation can run in a worker. */
export interface ValidationInput {
  catalogue: Pick<Catalogue, 'indicators'>;
  regions: readonly RegionRef[];
  /** Every current observation (own records; inheritance is derived here). */
  observations: readonly ModelObservation[];
  /** Every month from the first observation to the last. */
  periods: readonly Period[];
  /** The baseline scenario's weights, by indicator id. */
  weights: Weights;
  config: ModelConfig;
  onsets: readonly DocumentedOnset[];
  /** Seeded weight draws of the structural sensitivity (default: the config's sensitivity settings). */
  weightRuns?: number;
  /** Called as the work advances (steps done, steps in all), for a progress bar. */
  onProgress?: (done: number, total: number) => void;
}

/** What the validation page shows, computed for one model version. */
export interface ValidationResult {
  modelVersion: string;
  /** The trafficking lens's backtest of each documented onset under `v2` and `v1`. */
  backtest: { lens: 'tip'; leadWindow: number; rows: BacktestRow[] };
  sensitivity: StructuralResult;
  /** Region-months changing class from `v1` to `v2`, per lens. */
  classChanges: ClassChanges[];
}

/** Weight draws of the structural sensitivity when none is asked for: enough for a stable median, quick on the bundled data. */
export const DEFAULT_WEIGHT_RUNS = 20;

/**
 * Validates the risk model on the observations given: the backtest of the documented onsets, the
 * structural sensitivity of the trafficking lens's ranking, and how many region-months change class
 * between the methods. Pure: same input, same result.
 * @example validateModel({ catalogue, regions, observations, periods, weights, config: MODEL_CONFIG, onsets: DOCUMENTED_ONSETS })
 */
export function validateModel(input: ValidationInput): ValidationResult {
  const { catalogue, regions, periods, weights, config } = input;
  const byRegion = observationsByRegion(input.observations, regions);
  const weightRuns = input.weightRuns ?? DEFAULT_WEIGHT_RUNS;
  const steps = 1 + (weightRuns + 7) + LENSES.length;
  let done = 0;
  const step = () => input.onProgress?.(++done, steps);
  const lens = (l: (typeof LENSES)[number], method: Method) => prepareLens(catalogue, l, weights, config, method);
  const tip = Object.fromEntries(METHODS.map((m) => [m, lens('tip', m)])) as Record<Method, ReturnType<typeof lens>>;
  const rows = backtest({ lenses: tip, regions, byRegion, onsets: input.onsets });
  step();
  const sensitivity = structuralSensitivity({
    catalogue,
    regions,
    byRegion,
    periods,
    lens: 'tip',
    weights,
    config,
    top: config.sensitivity.top,
    weightRuns,
    weightSpread: config.sensitivity.spread,
    seed: config.sensitivity.seed,
    onProgress: () => step(),
  });
  const changes = LENSES.map((l) => {
    const c = classChanges(lens(l, 'v1'), lens(l, 'v2'), regions, byRegion, periods);
    step();
    return c;
  });
  return {
    modelVersion: MODEL_VERSION,
    backtest: { lens: 'tip', leadWindow: LEAD_WINDOW, rows },
    sensitivity,
    classChanges: changes,
  };
}
