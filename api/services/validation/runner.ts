import { fileURLToPath } from 'node:url';
import type { AsyncDb } from '../../../db/async.ts';
import type { Db } from '../../../db/client.ts';
import { evidenceState, evidenceStateAsync } from '../../../db/queries/observations.ts';
import { jobDatabaseOf, runJob } from '../../../db/child-job.ts';
import { sqliteOf } from '../../../db/queries/raw.ts';
import {
  computeValidation,
  computeValidationAsync,
  storedValidation,
  storedValidationAsync,
  validationBasis,
  validationBasisAsync,
  type StoredValidation,
} from './validation.ts';

const JOB = fileURLToPath(new URL('./job.ts', import.meta.url));

/** Steps of a running validation, for a progress bar. */
export interface Progress {
  done: number;
  total: number;
}

/** Where the validation of a database stands. */
export type ValidationState =
  | { status: 'current'; stored: StoredValidation }
  | { status: 'stale'; stored: StoredValidation; computing: Progress }
  | { status: 'computing'; computing: Progress }
  | { status: 'failed'; error: string }
  | { status: 'empty' };

interface Run {
  basis: string;
  progress: Progress;
  settled: Promise<void>;
}

const runs = new WeakMap<Db, Run>();
const failures = new WeakMap<Db, { basis: string; error: string }>();

/** Runs the job in a child process at low priority; resolves when it has stored its result. */
async function runInChild(path: string, progress: Progress): Promise<void> {
  const { outcome, code, stderr } = await runJob<{ ok?: boolean; error?: string }>(JOB, [path], (msg) => {
    const m = msg as Partial<Progress>;
    if (m.done !== undefined && m.total !== undefined) Object.assign(progress, { done: m.done, total: m.total });
  });
  if (!outcome?.ok) throw new Error(outcome?.error ?? `the validation process exited with ${code}: ${stderr}`);
}

/** Computes in this process, after the current request has been answered (in-memory databases: tests). */
function runHere(db: Db, progress: Progress): Promise<void> {
  return new Promise((resolve, reject) =>
    setImmediate(() => {
      try {
        computeValidation(db, (done, total) => Object.assign(progress, { done, total }));
        resolve();
      } catch (e) {
        reject(e instanceof Error ? e : new Error(String(e)));
      }
    }),
  );
}

/**
 * The validation of `db` as it stands, starting a computation when the stored one is missing or
 * stale (never two at once for one database; a failed one is not retried until the data change).
 * A file database is validated in a child process at low priority, so requests keep being answered
 * meanwhile; an in-memory one in this process.
 */
export function validationState(db: Db): ValidationState {
  const stored = storedValidation(db);
  const basis = validationBasis(db);
  if (stored && stored.basis === basis) return { status: 'current', stored };
  const failed = failures.get(db);
  if (failed && failed.basis === basis) return { status: 'failed', error: failed.error };
  let run = runs.get(db);
  if (!run) {
    if (evidenceState(db).observations === 0) return { status: 'empty' };
    const progress: Progress = { done: 0, total: 1 };
    const client = sqliteOf(db);
    const work = client.memory ? runHere(db, progress) : runInChild(client.name, progress);
    const started: Run = {
      basis,
      progress,
      settled: work
        .then(
          () => void failures.delete(db),
          (e: Error) => void failures.set(db, { basis, error: e.message }),
        )
        .finally(() => runs.delete(db)),
    };
    runs.set(db, (run = started));
  }
  return stored
    ? { status: 'stale', stored, computing: run.progress }
    : { status: 'computing', computing: run.progress };
}

const runsAsync = new WeakMap<object, Run>();
const failuresAsync = new WeakMap<object, { basis: string; error: string }>();

/**
 * {@link validationState} of data read through `a` (PostgreSQL): the stored validation and its basis
 * read there, a computation started in a child process that opens the same database
 * (`jobDatabaseOf`: its own pool) and stores its result in it, where every API process reads it.
 * Never two at once in one process; a failed one is not retried until the data change.
 */
export async function validationStateAsync(a: AsyncDb): Promise<ValidationState> {
  const [stored, basis] = await Promise.all([storedValidationAsync(a), validationBasisAsync(a)]);
  if (stored && stored.basis === basis) return { status: 'current', stored };
  const key = a.db as object;
  const failed = failuresAsync.get(key);
  if (failed && failed.basis === basis) return { status: 'failed', error: failed.error };
  let run = runsAsync.get(key);
  if (!run) {
    if ((await evidenceStateAsync(a)).observations === 0) return { status: 'empty' };
    run = runsAsync.get(key);
  }
  if (!run) {
    const progress: Progress = { done: 0, total: 1 };
    const where = jobDatabaseOf(a);
    const work = where
      ? runInChild(where, progress)
      : computeValidationAsync(a, (done, total) => Object.assign(progress, { done, total })).then(() => {});
    const started: Run = {
      basis,
      progress,
      settled: work
        .then(
          () => void failuresAsync.delete(key),
          (e: Error) => void failuresAsync.set(key, { basis, error: e.message }),
        )
        .finally(() => runsAsync.delete(key)),
    };
    runsAsync.set(key, (run = started));
  }
  return stored
    ? { status: 'stale', stored, computing: run.progress }
    : { status: 'computing', computing: run.progress };
}

/** Resolves when the running computation of `a` (started by {@link validationStateAsync}), if any, has finished. */
export async function validationSettledAsync(a: AsyncDb): Promise<void> {
  await runsAsync.get(a.db as object)?.settled;
}

/** Resolves when the running computation of `db`, if any, has finished (stored or failed). */
export async function validationSettled(db: Db): Promise<void> {
  await runs.get(db)?.settled;
}
