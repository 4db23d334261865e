import { sqliteAsync } from '../../../db/async.ts';
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db } from '../../../db/client.ts';
import { listImportBatches } from '../../../db/queries/imports.ts';
import { getSetting, setSetting } from '../../../db/queries/settings.ts';
import { SEED_ACTOR } from '../../../db/seed/index.ts';
import type { Actor } from '../auth/actor.ts';
import { runImport } from '../imports/run-import.ts';

/** Setting that records when the bundled UCDP GED sample was loaded (and as which import batch). */
export const UCDP_SEED_SETTING = 'seed.ucdp';

/** The bundled UCDP GED sample (see db/seed/ucdp/README.md for its licence and provenance). */
export const UCDP_SAMPLE_FILE = fileURLToPath(new URL('../../../db/seed/ucdp/ged-sample.csv', import.meta.url));

/** The bundled data's actor, as the audit trail and `enteredBy` show it. */
const BUNDLED: Actor = { id: null, name: SEED_ACTOR, role: 'admin' };

/** What {@link seedUcdpSample} did: `loaded` (with the batch and observations written) or `skipped` (done before). */
export type UcdpSeedResult =
  { status: 'loaded'; batchId: number; observations: number; regions: number } | { status: 'skipped'; reason: string };

/**
 * Loads the bundled UCDP GED sample once, through the same importer a user's `vigil import-ucdp` or
 * upload goes through: events placed in regions, monthly indicators derived by the documented rules,
 * written as ONE import batch attributed to the bundled-data actor (all or nothing), then rescored.
 * Runs only while the `seed.ucdp` setting is unset. The setting is written after the batch commits;
 * should the process stop in between, the committed batch itself is found on the next start, so the
 * sample is never imported twice (and a user's rollback of it is respected). Throws when the import
 * is rejected or fails; nothing is written then and the next start tries again.
 */
export async function seedUcdpSample(db: Db, now = new Date()): Promise<UcdpSeedResult> {
  const done = getSetting(db, UCDP_SEED_SETTING);
  if (done) return { status: 'skipped', reason: `loaded before (${done})` };
  const fileName = basename(UCDP_SAMPLE_FILE);
  const earlier = listImportBatches(db).find((b) => b.createdBy === SEED_ACTOR && b.format === 'ucdp-ged');
  if (earlier) {
    setSetting(db, UCDP_SEED_SETTING, `${earlier.createdAt} batch ${earlier.id}`);
    return { status: 'skipped', reason: `found as import batch ${earlier.id}` };
  }
  const report = await runImport(sqliteAsync(db), BUNDLED, createReadStream(UCDP_SAMPLE_FILE), {
    fileName,
    dryRun: false,
    format: 'ucdp-ged',
    now,
  });
  if (report.status !== 'applied' || report.batchId === null) {
    const first = report.rowsRejected[0];
    throw new Error(
      `the bundled UCDP sample was rejected (${report.rowsRejectedCount} rows${first ? `; row ${first.row}, ${first.column}: ${first.reason}` : ''}); nothing was written`,
    );
  }
  setSetting(db, UCDP_SEED_SETTING, `${now.toISOString()} batch ${report.batchId}`);
  return {
    status: 'loaded',
    batchId: report.batchId,
    observations: report.wouldCreate + report.wouldSupersede,
    regions: report.regions,
  };
}
