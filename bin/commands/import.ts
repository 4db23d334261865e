import { createReadStream, statSync } from 'node:fs';
import { basename } from 'node:path';
import { IMPORT_ENCODINGS, type ImportEncoding } from '../../api/services/imports/input.ts';
import { IMPORT_PROFILES } from '../../api/services/imports/profiles/index.ts';
import { IMPORT_FORMATS, type ImportFormat } from '../../api/services/imports/records.ts';
import type { ImportPhase, ImportReport } from '../../api/services/imports/report.ts';
import { runImport } from '../../api/services/imports/run-import.ts';
import { stringOption, UsageError, type ParsedArgs } from '../args.ts';
import { cliActor, openCliData } from '../db.ts';
import { startProgress, type Progress } from '../progress.ts';
import type { Command, CommandIo } from '../registry.ts';

const LISTED = 30;

/** Prints an import report for people: counts, the first rejections, unmatched names, what happened. */
export function printReport(r: ImportReport, io: CommandIo, seconds: number): void {
  const rate = seconds > 0 ? Math.round(r.rowsRead / seconds) : r.rowsRead;
  io.out(
    `${r.fileName} (${r.format}): ${r.rowsRead.toLocaleString('en')} rows read in ${seconds.toFixed(1)} s (${rate.toLocaleString('en')} rows/s), ${r.rowsOk.toLocaleString('en')} ok, ${r.rowsRejectedCount.toLocaleString('en')} rejected`,
  );
  io.out(`  profile ${r.profile}${r.sourceKey ? ` (source ${r.sourceKey})` : ''}`);
  const verb = r.status === 'applied' ? '' : 'would ';
  io.out(
    `  ${verb}create ${r.wouldCreate.toLocaleString('en')}, ${verb}supersede ${r.wouldSupersede.toLocaleString('en')}, unchanged ${r.unchanged.toLocaleString('en')}, in ${r.regions} regions`,
  );
  if (r.ucdp) {
    const u = r.ucdp as {
      byPolygon: number;
      byAdminName: number;
      derivedObservations: number;
      keptOtherSources?: number;
      attribution: string;
    };
    io.out(
      `  events placed by point ${u.byPolygon.toLocaleString('en')}, by admin-1 name ${u.byAdminName.toLocaleString('en')}; ${u.derivedObservations.toLocaleString('en')} monthly values derived${u.keptOtherSources ? `, ${u.keptOtherSources} left to other sources' observations` : ''}`,
    );
    io.out(`  ${u.attribution}`);
  }
  const dropped = Object.entries(r.dropped ?? {}).filter(([, n]) => n > 0);
  if (dropped.length) io.out(`  left out: ${dropped.map(([why, n]) => `${n.toLocaleString('en')} ${why}`).join(', ')}`);
  for (const w of r.warnings) io.out(`  note: ${w}`);
  if (r.rowsRejected.length) {
    io.err(
      `Rejected (${r.rowsRejectedCount.toLocaleString('en')} rows${r.rowsRejected.length > LISTED ? `, first ${LISTED} problems shown` : ''}):`,
    );
    for (const x of r.rowsRejected.slice(0, LISTED)) io.err(`  row ${x.row}, ${x.column}: ${x.reason}`);
  }
  if (r.unmatchedRegions.length)
    io.err(`Unmatched regions (${r.unmatchedRegions.length}): ${r.unmatchedRegions.slice(0, LISTED).join('; ')}`);
  if (r.status === 'applied') io.out(`Imported as batch ${r.batchId}. Undo with: vigil rollback ${r.batchId}`);
  else if (r.status === 'dry-run') io.out('Dry run: nothing was written.');
  else io.err('Nothing was written: fix the rejected rows and import again (all or nothing).');
}

/** Runs an import from a file path, streaming it, with a progress bar; shared by `import` and `import-ucdp` (which names its profile). */
export async function importFile(args: ParsedArgs, io: CommandIo, forcedProfile?: string): Promise<number> {
  const file = args.positionals[0];
  if (!file || args.positionals.length > 1) throw new UsageError('give exactly one file');
  const format = (stringOption(args, 'format') ?? 'auto') as ImportFormat;
  if (!IMPORT_FORMATS.includes(format)) throw new UsageError(`--format must be one of ${IMPORT_FORMATS.join(', ')}`);
  const profile = forcedProfile ?? stringOption(args, 'profile');
  if (profile && !IMPORT_PROFILES.some((p) => p.name === profile))
    throw new UsageError(`--profile must be one of ${IMPORT_PROFILES.map((p) => p.name).join(', ')}`);
  const encoding = stringOption(args, 'encoding') as ImportEncoding | undefined;
  if (encoding && !IMPORT_ENCODINGS.includes(encoding))
    throw new UsageError(`--encoding must be one of ${IMPORT_ENCODINGS.join(', ')}`);
  const size = statSync(file).size;
  const { data, close } = await openCliData(args, io.env);
  try {
    const stream = createReadStream(file, { highWaterMark: 1 << 20 });
    let bytes = 0;
    stream.on('data', (chunk) => (bytes += chunk.length));
    const dryRun = args.options['dry-run'] === true;
    const t0 = performance.now();
    const times: Partial<Record<ImportPhase, number>> = { read: t0 };
    let phase: ImportPhase = 'read';
    let bar: Progress = startProgress('Reading', size, io.interactive);
    const report = await runImport(data, cliActor(), stream, {
      fileName: basename(file),
      dryRun,
      format,
      profile,
      encoding,
      mapping: stringOption(args, 'mapping'),
      onProgress: (p, rows, total) => {
        if (p !== phase) {
          if (phase === 'read') bar.update(size, rows);
          bar.stop();
          times[p] = performance.now();
          phase = p;
          if (p === 'rescore') {
            bar = startProgress('Rescore', 1, false);
            if (io.interactive) io.err(`Recomputing scores of ${rows.toLocaleString('en')} regions…`);
            return;
          }
          bar = startProgress(dryRun ? 'Checking' : 'Writing', total ?? rows, io.interactive);
        }
        bar.update(p === 'read' ? bytes : rows, rows);
      },
    });
    const end = performance.now();
    bar.stop();
    if (args.options.json === true) io.out(JSON.stringify(report, null, 2));
    else {
      printReport(report, io, ((times.rescore ?? end) - t0) / 1000);
      const span = (a: ImportPhase, b: number | undefined) =>
        times[a] === undefined ? '' : `${a} ${(((b ?? end) - times[a]!) / 1000).toFixed(1)} s`;
      io.out(
        `  time: ${[span('read', times.write), span('write', times.rescore), span('rescore', end)].filter(Boolean).join(', ')}`,
      );
    }
    return report.rowsRejectedCount > 0 ? 1 : 0;
  } finally {
    await close();
  }
}

/**
 * `vigil import [--profile NAME] <file> [--database-url postgres://…]`: a file through its import
 * profile into the SQLite file `VIGIL_DB` or, with `--database-url` or VIGIL_DATABASE_URL, into
 * PostgreSQL (the same service as `POST /imports`), all or nothing.
 */
export const importCommand: Command = {
  name: 'import',
  summary: 'Import a file through an import profile (detected, or --profile; all or nothing; --dry-run to check only)',
  usage: `[--profile ${IMPORT_PROFILES.map((p) => p.name).join('|')}] <file> [--dry-run] [--encoding ${IMPORT_ENCODINGS.join('|')}] [--format auto|hxl|csv|ucdp-ged] [--mapping field=Header,…] [--json] [--database-url postgres://… (default VIGIL_DATABASE_URL)]`,
  flags: ['dry-run', 'json'],
  run: (args, io) => importFile(args, io),
};
