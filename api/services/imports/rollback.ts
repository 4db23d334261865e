import type { AsyncDb } from '../../../db/async.ts';
import { auditAsync } from '../../../db/queries/audit.ts';
import { importBatchesAsync } from '../../../db/queries/imports.ts';
import { batchRevertAsync, OBSERVATIONS_LOCK } from '../../../db/queries/observations.ts';
import { withWriteLock } from '../../../db/write-lock.ts';
import { ApiError, notFound } from '../../errors.ts';
import type { Actor } from '../auth/actor.ts';
import { authorityOver, type Authority } from '../observations/ownership.ts';
import { rescoreAfterWriteAsync } from '../scores/rescore-async.ts';

/** What a rollback did, or (dry run) would do: the batch, its owner, the rows and the regions. */
export interface RollbackResult {
  batchId: number;
  fileName: string;
  createdBy: string;
  createdAt: string;
  /** The batch's observations retracted. */
  retracted: number;
  /** Earlier versions the batch had corrected, current again. */
  restored: number;
  /** Regions whose observations change, by code. */
  regions: string[];
  dryRun: boolean;
  rolledBackAt: string | null;
  /** Whether the caller may roll it back as they asked (own batch, admin, or an on-behalf-of reason). */
  allowed: boolean;
  onBehalfOf: string | null;
}

/** Thrown inside a dry run's transaction so that it is undone, carrying what it would have done. */
class DryRun extends Error {
  constructor(readonly result: RollbackResult) {
    super('dry run');
  }
}

/**
 * Rolls back an import batch as a whole, in one transaction holding the `observations` write lock (as
 * an analyst entry and an import write do), on either engine: its observations are
 * retracted and the ones it corrected become current again, exactly as before the import. Refused
 * (409) when the batch was already rolled back, or when some of its rows were corrected or retracted
 * since (roll back or undo those first), because the earlier state could then not be restored
 * exactly. Someone else's batch (the bundled data's included) needs an admin or an `onBehalfOf`
 * reason, kept in the audit log (403 otherwise). A `dryRun` does the same work in a transaction it
 * then undoes, and says what would happen and whether the caller may (for the confirmation people
 * see first). After the commit the scores of the regions touched are brought up to date.
 */
export async function rollbackBatch(
  data: AsyncDb,
  actor: Actor,
  batchId: number,
  opts: { now?: Date; dryRun?: boolean; onBehalfOf?: string } = {},
): Promise<RollbackResult> {
  const at = (opts.now ?? new Date()).toISOString();
  let result: RollbackResult;
  try {
    result = await withWriteLock(data, OBSERVATIONS_LOCK, async (tx) => {
      const batch = await importBatchesAsync.get(tx, batchId);
      if (!batch) throw notFound(`Import batch ${batchId}`);
      if (batch.state !== 'applied')
        throw new ApiError(409, 'conflict', `Import batch ${batchId} was already rolled back (${batch.rolledBackAt})`);
      const changed = await batchRevertAsync.changedSince(tx, batchId);
      if (changed.length) {
        throw new ApiError(
          409,
          'conflict',
          `Import batch ${batchId} cannot be rolled back exactly: observations ${changed.map((c) => `${c.id} (${c.state})`).join(', ')} were changed after it. Roll back or undo those changes first.`,
        );
      }
      let authority: Authority | null = null;
      try {
        authority = authorityOver(actor, batch.createdBy, `Import batch ${batchId}`, opts.onBehalfOf);
      } catch (e) {
        if (!opts.dryRun || !(e instanceof ApiError) || e.status !== 403) throw e;
      }
      const r = await batchRevertAsync.revert(tx, batchId, `rolled back with import batch ${batchId}`);
      const out: RollbackResult = {
        batchId,
        fileName: batch.fileName,
        createdBy: batch.createdBy,
        createdAt: batch.createdAt,
        ...r,
        dryRun: opts.dryRun === true,
        rolledBackAt: opts.dryRun ? null : at,
        allowed: authority !== null,
        onBehalfOf: authority?.onBehalfOf ?? null,
      };
      if (opts.dryRun) throw new DryRun(out);
      await importBatchesAsync.markRolledBack(tx, batchId, at);
      await auditAsync.append(tx, {
        at,
        actor: actor.name,
        action: 'rollback',
        entity: 'import_batch',
        entityId: String(batchId),
        before: { state: 'applied' },
        after: { state: 'rolled-back', restored: r.restored, retracted: r.retracted, ...authority },
        batchId,
      });
      return out;
    });
  } catch (e) {
    if (e instanceof DryRun) return e.result;
    throw e;
  }
  if (result.regions.length) await rescoreAfterWriteAsync(data, result.regions);
  return result;
}
