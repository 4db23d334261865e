import { pgAsync, sqliteAsync, type AsyncDb } from '../../db/async.ts';
import { openPg } from '../../db/pg/client.ts';
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import type { ImportPhase } from '../../api/services/imports/report.ts';
import { runImport } from '../../api/services/imports/run-import.ts';
import { cliActor, openCliDb } from '../../bin/db.ts';

// What `vigil import <file>` does, with each phase timed and the process's peak memory reported as
// JSON on stdout: the import benchmark runs it in a child process so that its memory is its own.
// With VIGIL_DATABASE_URL it imports into that PostgreSQL database instead (`--engine postgres`).
const file = process.argv[2]!;
const t0 = performance.now();
const url = process.env.VIGIL_DATABASE_URL;
let data: AsyncDb;
let close: () => Promise<unknown>;
if (url) {
  const pg = openPg(url);
  data = pgAsync(pg);
  close = () => pg.$client.end();
} else {
  const { db } = openCliDb();
  // `import-child.ts <file> normal`: the import benchmark's baseline for durable commits (openDb sets FULL).
  if (process.argv[3] === 'normal') db.$client.pragma('synchronous = NORMAL');
  data = sqliteAsync(db);
  close = async () => db.$client.close();
}
const opened = performance.now();
const times: Partial<Record<ImportPhase, number>> = {};
const report = await runImport(data, cliActor(), createReadStream(file, { highWaterMark: 1 << 20 }), {
  fileName: basename(file),
  dryRun: false,
  format: 'csv',
  onProgress: (phase) => {
    times[phase] ??= performance.now();
  },
});
const end = performance.now();
await close();
const s = (a: number | undefined, b: number | undefined) =>
  a === undefined || b === undefined ? null : (b - a) / 1000;
console.log(
  JSON.stringify({
    status: report.status,
    rowsRead: report.rowsRead,
    rowsOk: report.rowsOk,
    created: report.wouldCreate,
    rejected: report.rowsRejectedCount,
    openSeconds: s(t0, opened),
    readSeconds: s(opened, times.write ?? end),
    writeSeconds: s(times.write, times.rescore ?? end),
    rescoreSeconds: s(times.rescore, times.rescore === undefined ? undefined : end),
    totalSeconds: s(opened, end),
    maxRssMb: process.resourceUsage().maxRSS / 1024,
  }),
);
