import { sqliteAsync } from '../../db/async.ts';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { importBoundarySet } from '../../api/services/boundaries/import-set.ts';
import type { BoundarySetReport } from '../../api/services/boundaries/report.ts';
import { stringOption, UsageError } from '../args.ts';
import { cliActor, openCliDb } from '../db.ts';
import type { Command, CommandIo } from '../registry.ts';

const LISTED = 30;

/** Prints a boundary set report for people: fields, what was repaired or refused, parents, problems, versions. */
function printReport(r: BoundarySetReport, io: CommandIo): void {
  const f = r.fields;
  io.out(
    `${r.fileName} (${r.format}): ${r.features} features, level ${f.level}; code ${f.code}, names ${f.names.join(', ') || '(none: the code)'}, parent ${f.parent ?? '(by overlap)'}`,
  );
  for (const x of r.repaired) io.out(`  repaired: ${x.code} ${x.name} ${x.problem}`);
  const by = (k: string) => r.parents.filter((p) => p.by === k).length;
  if (r.parents.length) io.out(`  parents: ${by('field')} by parent code, ${by('overlap')} by largest overlap`);
  for (const p of r.parentCodes.filter((p) => p.by === 'overlap').slice(0, LISTED))
    io.out(`    ${p.value ?? '(no code)'} → ${p.region} (overlap ${Math.round((p.share ?? 0) * 100)} %)`);
  if (r.version) {
    const v = r.version;
    io.out(
      `  version ${v.version} of ${v.series}: ${v.added.length} added, ${v.retired.length} retired, ${v.restored.length} restored, ${v.changedGeometry.length} with changed geometry, ${v.unchanged} unchanged`,
    );
    if (v.retired.length) io.out(`    retired: ${v.retired.slice(0, LISTED).join(', ')}`);
    if (v.changedGeometry.length) io.out(`    changed geometry: ${v.changedGeometry.slice(0, LISTED).join(', ')}`);
  }
  if (r.problems.length) {
    io.err(`Problems (${r.problems.length}${r.problems.length > LISTED ? `, first ${LISTED} shown` : ''}):`);
    for (const p of r.problems.slice(0, LISTED)) io.err(`  ${p}`);
  }
  if (r.status === 'stored') io.out(`Stored as boundary set ${r.setId}.`);
  else if (r.status === 'dry-run') io.out('Dry run: nothing was written.');
  else io.err('Nothing was written: fix the problems and upload again.');
}

/**
 * `vigil boundaries import FILE --level 2 [--code-field …] [--name-field …] [--parent-field …]
 * [--dry-run]`: a boundary set (GeoJSON, TopoJSON or zipped Shapefile) through the same reader and
 * checks as `POST /api/boundary-sets`.
 */
export const boundariesCommand: Command = {
  name: 'boundaries',
  summary: 'Import a boundary set (admin-2 p-codes, COD-AB fields detected; --dry-run to check only)',
  usage:
    'import <file> [--level N] [--code-field F] [--name-field F] [--parent-field F] [--dry-run] [--name NAME] [--source S] [--licence L] [--valid-from YYYY-MM-DD] [--series ID] [--json]',
  flags: ['dry-run', 'json'],
  async run(args, io) {
    const [sub, file, ...rest] = args.positionals;
    if (sub !== 'import' || !file || rest.length) throw new UsageError('give: boundaries import <file>');
    const levelText = stringOption(args, 'level');
    const level = levelText === undefined ? undefined : Number(levelText);
    if (level !== undefined && !(Number.isInteger(level) && level >= 0 && level <= 3))
      throw new UsageError('--level must be 0, 1, 2 or 3');
    const validFrom = stringOption(args, 'valid-from');
    if (validFrom !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(validFrom))
      throw new UsageError('--valid-from must be a date YYYY-MM-DD');
    const bytes = new Uint8Array(readFileSync(file));
    const { db } = openCliDb(io.env);
    try {
      const report = await importBoundarySet(sqliteAsync(db), bytes, {
        fileName: basename(file),
        dryRun: args.options['dry-run'] === true,
        level,
        codeField: stringOption(args, 'code-field'),
        nameField: stringOption(args, 'name-field'),
        parentField: stringOption(args, 'parent-field'),
        name: stringOption(args, 'name'),
        source: stringOption(args, 'source'),
        licence: stringOption(args, 'licence'),
        validFrom,
        series: stringOption(args, 'series'),
        actor: cliActor(),
      });
      if (args.options.json === true) io.out(JSON.stringify(report, null, 2));
      else printReport(report, io);
      return report.status === 'refused' ? 1 : 0;
    } finally {
      db.$client.close();
    }
  },
};
