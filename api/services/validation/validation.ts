import { createHash } from 'node:crypto';
import { DOCUMENTED_ONSETS, MODEL_CONFIG, MODEL_VERSION, validateModel } from '../../../indicators/index.ts';
import type { ValidationResult } from '../../../indicators/index.ts';
import type { Db } from '../../../db/client.ts';
import { currentCatalogueVersion } from '../../../db/queries/catalogue.ts';
import { evidenceState } from '../../../db/queries/observations.ts';
import { getSetting, setSetting } from '../../../db/queries/settings.ts';
import { modelInputs } from '../scores/model-inputs.ts';

/** The setting the last validation is stored in, with what it was computed from. */
export const VALIDATION_SETTING = 'validation.result';

/** A validation as stored: the result, when, and the state of the data and model it was computed on. */
export interface StoredValidation extends ValidationResult {
  computedAt: string;
  /** {@link validationBasis} at the time of computing. */
  basis: string;
  seconds: number;
}

/**
 * What a validation depends on: the model version, the catalogue version and the current
 * observations and regions. A stored validation whose basis differs from today's is stale.
 */
export function validationBasis(db: Db): string {
  const parts = [MODEL_VERSION, currentCatalogueVersion(db) ?? 'none', evidenceState(db).key];
  return createHash('sha1').update(parts.join('|')).digest('hex').slice(0, 16);
}

/** The last stored validation, or null when none was ever computed (or it cannot be read). */
export function storedValidation(db: Db): StoredValidation | null {
  const raw = getSetting(db, VALIDATION_SETTING);
  if (!raw) return null;
  try {
    return JSON.parse(raw) as StoredValidation;
  } catch {
    return null;
  }
}

/**
 * Computes the validation (backtest of the documented onsets, structural sensitivity, class
 * changes between methods) on the current observations, stores it with its basis, and returns it.
 * Null when there is nothing to validate (no catalogue or no observation). Synchronous and CPU-bound
 * (seconds on the bundled data): the server runs it in a process of its own (see `runner.ts`).
 */
export function computeValidation(
  db: Db,
  onProgress?: (done: number, total: number) => void,
  now: () => Date = () => new Date(),
): StoredValidation | null {
  const basis = validationBasis(db);
  const inputs = modelInputs(db);
  if (!inputs) return null;
  const t0 = performance.now();
  const result = validateModel({
    catalogue: inputs.catalogue,
    regions: inputs.regions,
    observations: inputs.observations,
    periods: inputs.periods,
    weights: inputs.weights('baseline'),
    config: MODEL_CONFIG,
    onsets: DOCUMENTED_ONSETS,
    ...(onProgress ? { onProgress } : {}),
  });
  const stored: StoredValidation = {
    ...result,
    computedAt: now().toISOString(),
    basis,
    seconds: Math.round((performance.now() - t0) / 100) / 10,
  };
  setSetting(db, VALIDATION_SETTING, JSON.stringify(stored));
  return stored;
}
