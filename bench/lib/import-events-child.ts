import { sqliteAsync } from '../../db/async.ts';
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { runImport } from '../../api/services/imports/run-import.ts';
import { cliActor, openCliDb } from '../../bin/db.ts';

// What `vigil import --profile ucdp-ged FILE --dry-run` does (read, place every event, count, derive
// and check the monthly values, plan the batch), with the importer's own step timings (placement,
// derivation) and the process's peak memory reported as JSON on stdout: the events import benchmark
// runs it in a child process so that its memory is its own.
const file = process.argv[2]!;
const { db } = openCliDb();
const timings: Record<string, number> = {};
const t0 = performance.now();
/** When the importer starts planning the batch (its `write` phase): everything before is read, placement and derivation. */
let planFrom: number | undefined;
const report = await runImport(sqliteAsync(db), cliActor(), createReadStream(file, { highWaterMark: 1 << 20 }), {
  fileName: basename(file),
  dryRun: true,
  profile: 'ucdp-ged',
  timings,
  onProgress: (phase) => {
    if (phase === 'write') planFrom ??= performance.now();
  },
});
const seconds = (performance.now() - t0) / 1000;
db.$client.close();
const ucdp = report.ucdp as { byPolygon: number; byAdminName: number; derivedObservations: number };
console.log(
  JSON.stringify({
    status: report.status,
    rowsRead: report.rowsRead,
    rowsOk: report.rowsOk,
    rejected: report.rowsRejectedCount,
    dropped: report.dropped,
    byPolygon: ucdp.byPolygon,
    byAdminName: ucdp.byAdminName,
    derivedObservations: ucdp.derivedObservations,
    seconds,
    deriveSeconds: ((planFrom ?? performance.now()) - t0) / 1000,
    placementSeconds: (timings.placement ?? 0) / 1000,
    derivationSeconds: (timings.derivation ?? 0) / 1000,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
  }),
);
