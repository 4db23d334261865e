import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import {
  diffCatalogues,
  getCatalogueVersion,
  listCatalogueVersions,
  loadCatalogue,
  type CatalogueDiff,
} from '../../db/queries/catalogue.ts';
import { frameworkCsv } from '../../api/services/catalogue/csv.ts';
import {
  importCatalogue,
  type CatalogueImportReport,
  type CatalogueUpload,
} from '../../api/services/catalogue/import.ts';
import { defaultCatalogue, FRAMEWORK_IDS } from '../../indicators/index.ts';
import type { Catalogue, FrameworkId } from '../../indicators/index.ts';
import { stringOption, UsageError, type ParsedArgs } from '../args.ts';
import { cliActor, openCliDb } from '../db.ts';
import type { Command, CommandIo } from '../registry.ts';

const LISTED = 40;

function frameworkOption(args: ParsedArgs): FrameworkId | undefined {
  const f = stringOption(args, 'framework');
  if (f !== undefined && !(FRAMEWORK_IDS as readonly string[]).includes(f))
    throw new UsageError(`--framework must be one of ${FRAMEWORK_IDS.join(', ')}`);
  return f as FrameworkId | undefined;
}

/** Prints a diff for people: `+` added, `-` removed (retired), `~` changed with its fields. */
export function printDiff(diff: CatalogueDiff, io: CommandIo, labels: ReadonlyMap<string, string> = new Map()): void {
  io.out(
    `${diff.from ?? '(nothing)'} → ${diff.to}: ${diff.added.length} added, ${diff.removed.length} removed (retired), ${diff.changed.length} changed`,
  );
  const line = (mark: string, id: string, extra = '') =>
    io.out(`  ${mark} ${id}${labels.get(id) ? `  ${labels.get(id)}` : ''}${extra}`);
  const cap = <T>(xs: readonly T[], f: (x: T) => void, what: string) => {
    xs.slice(0, LISTED).forEach(f);
    if (xs.length > LISTED) io.out(`  … and ${xs.length - LISTED} more ${what}`);
  };
  cap(diff.added, (id) => line('+', id), 'added');
  cap(diff.removed, (id) => line('-', id), 'removed');
  cap(diff.changed, (c) => line('~', c.id, `  [${c.fields.join(', ')}]`), 'changed');
  for (const r of diff.records ?? [])
    io.out(
      `  ${r.change === 'added' ? '+' : r.change === 'removed' ? '-' : '~'} ${r.kind} ${r.id}${r.fields ? `  [${r.fields.join(', ')}]` : ''}`,
    );
}

function printReport(file: string, r: CatalogueImportReport, io: CommandIo, labels: ReadonlyMap<string, string>): void {
  const what = r.format === 'csv' ? `${r.framework ?? '?'} list, ${r.mode}` : 'whole catalogue';
  io.out(`${file} (${r.format}, ${what}) against catalogue ${r.from ?? '(none)'}`);
  if (!r.ok) {
    io.err(`Rejected (${r.errors.length} problem${r.errors.length === 1 ? '' : 's'}):`);
    for (const e of r.errors.slice(0, 100)) io.err(`  ${e.row ? `row ${e.row}, ` : ''}${e.field}: ${e.message}`);
    if (r.errors.length > 100) io.err(`  … and ${r.errors.length - 100} more`);
    io.err('Nothing was written: fix the file and import it again.');
    return;
  }
  if (r.diff) printDiff(r.diff, io, labels);
  for (const w of r.warnings) io.out(`  note: ${w.field} ${w.message}`);
  if (r.dryRun)
    io.out(`Dry run: nothing was written. Importing it would make version ${r.version} the catalogue in force.`);
  else
    io.out(
      `Version ${r.version} is now in force (${r.counts?.indicators} indicators); ${r.recomputed?.toLocaleString('en')} scores recomputed.`,
    );
}

function runImport(args: ParsedArgs, io: CommandIo): number {
  const [file, ...extra] = args.positionals;
  if (!file || extra.length) throw new UsageError('give exactly one file');
  const mode = stringOption(args, 'mode');
  if (mode !== undefined && mode !== 'replace' && mode !== 'merge')
    throw new UsageError('--mode must be replace or merge');
  const ext = extname(file).toLowerCase();
  const upload: CatalogueUpload = {
    text: readFileSync(file, 'utf8'),
    format: ext === '.json' ? ('json' as const) : ext === '.csv' ? ('csv' as const) : undefined,
    framework: frameworkOption(args),
    version: stringOption(args, 'version'),
    mode,
  };
  const { db } = openCliDb(io.env);
  try {
    const labels = new Map((loadCatalogue(db)?.indicators ?? []).map((i) => [i.id, i.label]));
    const actor = cliActor().name;
    const report = importCatalogue(db, upload, {
      dryRun: args.options['dry-run'] === true,
      source: basename(file),
      actor,
      at: new Date().toISOString(),
    });
    if (args.options.json === true) io.out(JSON.stringify(report, null, 2));
    else printReport(basename(file), report, io, labels);
    return report.ok ? 0 : 1;
  } finally {
    db.$client.close();
  }
}

function runVersions(args: ParsedArgs, io: CommandIo): number {
  const { db } = openCliDb(io.env);
  try {
    const versions = listCatalogueVersions(db);
    if (args.options.json === true) {
      io.out(JSON.stringify(versions, null, 2));
      return 0;
    }
    for (const v of versions) {
      const d = v.diff;
      const change = !d
        ? ''
        : d.from === null
          ? `first load, ${d.added.length} indicators`
          : `against ${d.from}: +${d.added.length} -${d.removed.length} ~${d.changed.length}`;
      io.out(
        `${v.isCurrent ? '*' : ' '} ${v.id.padEnd(12)} ${v.loadedAt}  ${change}  (${v.source}${v.loadedBy ? `, ${v.loadedBy}` : ''})`,
      );
    }
    io.out('* = in force');
    return 0;
  } finally {
    db.$client.close();
  }
}

function runDiff(args: ParsedArgs, io: CommandIo): number {
  const [a, b, ...extra] = args.positionals;
  if (!a || !b || extra.length)
    throw new UsageError('give two version labels, e.g. vigil catalogue diff 2026.1 2026.2');
  const { db } = openCliDb(io.env);
  try {
    const [va, vb] = [getCatalogueVersion(db, a), getCatalogueVersion(db, b)];
    for (const [label, v] of [
      [a, va],
      [b, vb],
    ] as const)
      if (!v) throw new UsageError(`no catalogue version '${label}' (see vigil catalogue versions)`);
    const [before, after] = [va!.snapshot, vb!.snapshot];
    const diff = diffCatalogues({ ...before, version: a }, { ...after, version: b });
    if (args.options.json === true) io.out(JSON.stringify(diff, null, 2));
    else printDiff(diff, io, new Map([...before.indicators, ...after.indicators].map((i) => [i.id, i.label])));
    return 0;
  } finally {
    db.$client.close();
  }
}

function runExport(args: ParsedArgs, io: CommandIo): number {
  const framework = frameworkOption(args);
  const label = stringOption(args, 'version');
  if (label && args.options.bundled === true) throw new UsageError('give --version or --bundled, not both');
  const { db } = openCliDb(io.env);
  try {
    const catalogue: Catalogue | null | undefined =
      args.options.bundled === true
        ? defaultCatalogue
        : label
          ? getCatalogueVersion(db, label)?.snapshot
          : loadCatalogue(db);
    if (!catalogue) throw new UsageError(label ? `no catalogue version '${label}'` : 'no catalogue is loaded');
    io.out(framework ? frameworkCsv(catalogue, framework).trimEnd() : JSON.stringify(catalogue, null, 2));
    return 0;
  } finally {
    db.$client.close();
  }
}

const SUB: Record<string, (args: ParsedArgs, io: CommandIo) => number> = {
  import: runImport,
  versions: runVersions,
  diff: runDiff,
  export: runExport,
};

/** `vigil catalogue import|versions|diff|export`: catalogue versions from the command line. */
export const catalogueCommand: Command = {
  name: 'catalogue',
  summary:
    'Import a catalogue version (a framework list as CSV, or a whole catalogue as JSON), list versions, diff two, export',
  usage:
    'import <file> [--framework afac] [--version 2026.2] [--mode replace|merge] [--dry-run] [--json]\n' +
    '       vigil catalogue versions [--json]\n' +
    '       vigil catalogue diff <a> <b> [--json]\n' +
    '       vigil catalogue export [--framework afac] [--version 2026.1 | --bundled]   (CSV for one framework, else JSON;\n' +
    '         --bundled: the catalogue this release ships, which start-up does not apply over an imported one)',
  flags: ['dry-run', 'json', 'bundled'],
  async run(args, io) {
    const [sub, ...rest] = args.positionals;
    const run = sub ? SUB[sub] : undefined;
    if (!run)
      throw new UsageError(sub ? `unknown subcommand '${sub}'` : 'say what to do: import, versions, diff or export');
    return run({ ...args, positionals: rest }, io);
  },
};
