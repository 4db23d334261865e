import type { AsyncDb } from '../../../db/async.ts';
import { SEED_ACTOR } from '../../../db/seed/index.ts';
import { updateBundledCatalogueAsync, type CatalogueUpdate } from '../../../db/seed/catalogue.ts';
import { recomputeAllAsync } from '../scores/rescore-async.ts';

/**
 * Brings a database served as it is (a later start on PostgreSQL) up to the bundled catalogue, as a
 * start on SQLite does in `seedDefaults`: the later bundled versions saved, renumbered observations
 * carried over, each audited as Vigil's own upgrade (`updateBundledCatalogueAsync`); then, when a
 * version was saved, every score rebuilt (`recomputeAllAsync`). A catalogue an admin imported is left
 * in force (`update.kept` says why). Returns what was done and the score rows rebuilt (null: none).
 */
export async function updateBundledAndRescore(
  data: AsyncDb,
  at = new Date().toISOString(),
): Promise<{ update: CatalogueUpdate; recomputed: number | null }> {
  const update = await updateBundledCatalogueAsync(data, SEED_ACTOR, at);
  return { update, recomputed: update.applied.length > 0 ? await recomputeAllAsync(data) : null };
}
