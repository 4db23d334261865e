import { createHash } from 'node:crypto';
import { DOCUMENTED_ONSETS, MODEL_CONFIG, MODEL_VERSION, validateModel } from '../../../indicators/index.ts';
import type { ValidationResult } from '../../../indicators/index.ts';
import type { AsyncDb } from '../../../db/async.ts';
import type { Db } from '../../../db/client.ts';
import { catalogueAsync, currentCatalogueVersion } from '../../../db/queries/catalogue.ts';
import { evidenceState, evidenceStateAsync } from '../../../db/queries/observations.ts';
import { getSetting, getSettingAsync, setSetting, setSettingAsync } from '../../../db/queries/settings.ts';
import { modelInputs, modelInputsAsync, type ModelInputs } from '../scores/model-inputs.ts';

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

/**
 * {@link validationBasis} awaited, on either engine: the same parts (the evidence key from
 * `evidenceStateAsync`), hashed the same way.
 */
export async function validationBasisAsync(a: AsyncDb): Promise<string> {
  const [version, evidence] = await Promise.all([catalogueAsync.currentVersion(a), evidenceStateAsync(a)]);
  const parts = [MODEL_VERSION, version ?? 'none', evidence.key];
  return createHash('sha1').update(parts.join('|')).digest('hex').slice(0, 16);
}

/** A stored validation's text read back, or null when it cannot be read. */
function parseStored(raw: string | undefined): StoredValidation | null {
  if (!raw) return null;
  try {
    return JSON.parse(raw) as StoredValidation;
  } catch {
    return null;
  }
}

/** The last stored validation, or null when none was ever computed (or it cannot be read). */
export function storedValidation(db: Db): StoredValidation | null {
  return parseStored(getSetting(db, VALIDATION_SETTING));
}

/** {@link storedValidation} awaited, on either engine. */
export async function storedValidationAsync(a: AsyncDb): Promise<StoredValidation | null> {
  return parseStored(await getSettingAsync(a, VALIDATION_SETTING));
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
  const stored = validationOf(inputs, basis, onProgress, now);
  setSetting(db, VALIDATION_SETTING, JSON.stringify(stored));
  return stored;
}

/**
 * {@link computeValidation} awaited, on either engine: every current observation read through `a`
 * (`modelInputsAsync`), the same validation computed, stored in the same setting.
 */
export async function computeValidationAsync(
  a: AsyncDb,
  onProgress?: (done: number, total: number) => void,
  now: () => Date = () => new Date(),
): Promise<StoredValidation | null> {
  const basis = await validationBasisAsync(a);
  const inputs = await modelInputsAsync(a);
  if (!inputs) return null;
  const stored = validationOf(inputs, basis, onProgress, now);
  await setSettingAsync(a, VALIDATION_SETTING, JSON.stringify(stored));
  return stored;
}

/** The validation of `inputs`, with its basis, when and how long it took. */
function validationOf(
  inputs: ModelInputs,
  basis: string,
  onProgress: ((done: number, total: number) => void) | undefined,
  now: () => Date,
): StoredValidation {
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
  return {
    ...result,
    computedAt: now().toISOString(),
    basis,
    seconds: Math.round((performance.now() - t0) / 100) / 10,
  };
}
