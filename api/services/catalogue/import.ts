import { sqliteHandleOf, type AsyncDb } from '../../../db/async.ts';
import type { Db } from '../../../db/client.ts';
import { appendAudit, auditAsync } from '../../../db/queries/audit.ts';
import {
  CATALOGUE_LOCK,
  catalogueAsync,
  catalogueWritesAsync,
  catalogueVersionIds,
  countObservationsByIndicator,
  diffCatalogues,
  isEmptyDiff,
  loadCatalogue,
  saveCatalogueVersion,
  type CatalogueDiff,
} from '../../../db/queries/catalogue.ts';
import { FRAMEWORK_IDS, validateCatalogue } from '../../../indicators/index.ts';
import type { Catalogue, FrameworkId, Indicator, Measurement } from '../../../indicators/index.ts';
import {
  CSV_COLUMNS,
  locateProblem,
  mergeFrameworkList,
  parseIndicatorCsv,
  type ImportProblem,
  type MergeMode,
} from './csv.ts';
import { recomputeAll } from '../scores/recompute.ts';
import { recomputeAllOffLoop } from '../scores/recompute-off-loop.ts';
import { recomputeAllAsync } from '../scores/rescore-async.ts';
import { withWriteLock } from '../../../db/write-lock.ts';

export type { ImportProblem, MergeMode } from './csv.ts';
export type { CatalogueDiff } from '../../../db/queries/catalogue.ts';

/** An uploaded catalogue file and how to read it. */
export interface CatalogueUpload {
  text: string;
  /** `json`: a whole catalogue; `csv`: one framework's indicator list. Sniffed from the text when absent. */
  format?: 'json' | 'csv';
  /** The framework a CSV list belongs to; inferred from its ids when absent. */
  framework?: FrameworkId;
  /** Label of the new version; by default the file's own (JSON) or the current one plus one (CSV). */
  version?: string;
  /** For a CSV list: `replace` (default) retires the framework's indicators the list leaves out; `merge` keeps them. */
  mode?: MergeMode;
}

/** What an import did or would do: every problem (row, field, message), warnings, and the diff. */
export interface CatalogueImportReport {
  ok: boolean;
  dryRun: boolean;
  format: 'json' | 'csv';
  framework: FrameworkId | null;
  mode: MergeMode | null;
  /** Label of the new version. */
  version: string | null;
  /** The version in force before the import. */
  from: string | null;
  errors: ImportProblem[];
  warnings: ImportProblem[];
  diff: CatalogueDiff | null;
  /** Indicators in force after the import, in all and per framework. */
  counts: { indicators: number; byFramework: Partial<Record<FrameworkId, number>> } | null;
  /** Score rows rebuilt after a real import. */
  recomputed?: number;
}

const VERSION_LABEL = /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/;

/** The label after `current` that is not taken: `2026.1` → `2026.2`, `draft` → `draft.1`. */
export function nextVersionLabel(current: string | null, taken: ReadonlySet<string>): string {
  const m = /^(.*?)(\d+)$/.exec(current ?? '');
  const [stem, start] = m ? [m[1]!, Number(m[2])] : [`${current ?? 'catalogue'}.`, 0];
  let n = start + 1;
  while (taken.has(`${stem}${n}`)) n++;
  return `${stem}${n}`;
}

function sniff(text: string): 'json' | 'csv' {
  const first = text.trimStart()[0];
  return first === '{' || first === '[' ? 'json' : 'csv';
}

function inferFramework(text: string): FrameworkId | undefined {
  const { rows } = parseIndicatorCsv(text);
  const seen = new Set(rows.map((r) => r.cells.framework ?? r.cells.id?.split('.')[0]));
  const [only] = seen;
  return seen.size === 1 && (FRAMEWORK_IDS as readonly unknown[]).includes(only) ? (only as FrameworkId) : undefined;
}

const scale = (m: Measurement) =>
  m.kind === 'severity'
    ? `severity 0–${m.max}`
    : m.kind === 'binary'
      ? 'binary'
      : `${m.kind} (saturation ${m.saturation} ${m.unit})`;

/** The indicators a warning may be about (retired, or measured on another scale): their observations are counted. */
const rescaledOf = (diff: CatalogueDiff) =>
  diff.changed.filter((c) => c.fields.includes('measurement')).map((c) => c.id);
const warnedIds = (diff: CatalogueDiff | null) => (diff ? [...diff.removed, ...rescaledOf(diff)] : []);

function warningsFor(
  before: Catalogue | null,
  after: Catalogue,
  diff: CatalogueDiff,
  counts: ReadonlyMap<string, number>,
): ImportProblem[] {
  const old = new Map<string, Indicator>((before?.indicators ?? []).map((i) => [i.id, i]));
  const rescaled = rescaledOf(diff);
  const warnings: ImportProblem[] = [];
  for (const id of diff.removed) {
    const n = counts.get(id);
    if (n)
      warnings.push({
        field: id,
        message: `will be retired in ${after.version}: its ${n} observation(s) stay in the history but no longer count in scores`,
      });
  }
  const now = new Map(after.indicators.map((i) => [i.id, i]));
  for (const id of rescaled) {
    const n = counts.get(id);
    const [a, b] = [old.get(id), now.get(id)];
    if (n && a && b)
      warnings.push({
        field: id,
        message: `measurement changes from ${scale(a.measurement)} to ${scale(b.measurement)}; ${n} observation(s) were recorded on the old scale`,
      });
  }
  return warnings;
}

/**
 * Reads, merges and validates an upload against the catalogue in force, without writing: the report,
 * and the catalogue to save when the report is ok. A JSON file is a whole catalogue; a CSV file is one
 * framework's list merged into the current catalogue (see `mergeFrameworkList`).
 */
export function planCatalogueImport(db: Db, upload: CatalogueUpload): CataloguePlan {
  const current = loadCatalogue(db);
  const plan = planAgainst(current, new Set(catalogueVersionIds(db)), upload);
  return withWarnings(plan, current, countObservationsByIndicator(db, warnedIds(plan.report.diff)));
}

/** {@link planCatalogueImport} on the awaited interface (either engine): the same reads, the same plan. */
export async function planCatalogueImportAsync(data: AsyncDb, upload: CatalogueUpload): Promise<CataloguePlan> {
  const current = await catalogueAsync.load(data);
  const plan = planAgainst(current, new Set(await catalogueAsync.versionIds(data)), upload);
  return withWarnings(plan, current, await catalogueAsync.observationCounts(data, warnedIds(plan.report.diff)));
}

/** A planned import: the report, and the catalogue to save when the report is ok. */
export interface CataloguePlan {
  report: CatalogueImportReport;
  catalogue: Catalogue | null;
}

/** An ok plan's warnings, from the observation counts of the indicators it retires or rescales. */
function withWarnings(plan: CataloguePlan, current: Catalogue | null, counts: ReadonlyMap<string, number>) {
  const { report, catalogue } = plan;
  if (!catalogue || !report.diff) return plan;
  return { report: { ...report, warnings: warningsFor(current, catalogue, report.diff, counts) }, catalogue };
}

/** The plan against the catalogue in force (`current`) and the labels `taken`, warnings left for {@link withWarnings}. Pure. */
function planAgainst(current: Catalogue | null, taken: ReadonlySet<string>, upload: CatalogueUpload): CataloguePlan {
  const format = upload.format ?? sniff(upload.text);
  const framework = format === 'csv' ? (upload.framework ?? inferFramework(upload.text) ?? null) : null;
  const report: CatalogueImportReport = {
    ok: false,
    dryRun: true,
    format,
    framework,
    mode: format === 'csv' ? (upload.mode ?? 'replace') : null,
    version: null,
    from: current?.version ?? null,
    errors: [],
    warnings: [],
    diff: null,
    counts: null,
  };
  const fail = (errors: ImportProblem[]) => ({ report: { ...report, errors }, catalogue: null });

  if (upload.text.trim() === '') return fail([{ field: 'file', message: 'is empty' }]);
  if (upload.version !== undefined && !VERSION_LABEL.test(upload.version))
    return fail([
      { field: 'version', message: 'must be 1–40 letters, digits, dots, dashes or underscores, e.g. 2026.2' },
    ]);
  if (format === 'json' && upload.framework)
    return fail([
      { field: 'framework', message: 'applies to a CSV framework list only; a JSON file is a whole catalogue' },
    ]);

  let input: unknown;
  let locate: (path: string) => Omit<ImportProblem, 'message'> = (path) => ({ field: path });
  const errors: ImportProblem[] = [];
  if (format === 'json') {
    try {
      input = JSON.parse(upload.text);
    } catch (e) {
      return fail([{ field: 'file', message: `is not valid JSON: ${(e as Error).message}` }]);
    }
    if (input && typeof input === 'object' && !Array.isArray(input)) {
      const own = (input as { version?: unknown }).version;
      if (upload.version !== undefined || own === undefined)
        input = { ...input, version: upload.version ?? nextVersionLabel(current?.version ?? null, taken) };
    }
  } else {
    if (!current)
      return fail([
        { field: 'file', message: 'a framework list is merged into the catalogue in force, and there is none yet' },
      ]);
    const parsed = parseIndicatorCsv(upload.text);
    if (parsed.problems.length) return fail(parsed.problems);
    if (!framework)
      return fail([
        {
          field: 'framework',
          message: `say which framework this list belongs to (one of ${FRAMEWORK_IDS.join(', ')}); its ids do not tell`,
        },
      ]);
    const version = upload.version ?? nextVersionLabel(current.version, taken);
    const merged = mergeFrameworkList(current, framework, parsed.rows, report.mode ?? 'replace', version);
    errors.push(...merged.problems);
    input = merged.candidate;
    locate = (path) => locateProblem(path, merged);
  }

  const checked = validateCatalogue(input);
  if (!checked.ok) errors.push(...checked.errors.map((e) => ({ ...locate(e.path || 'file'), message: e.message })));
  if (errors.length || !checked.ok) return fail(dedupe(errors));
  const catalogue = checked.catalogue;
  if (taken.has(catalogue.version))
    return fail([
      {
        field: 'version',
        message: `'${catalogue.version}' is already loaded; choose another label (e.g. ${nextVersionLabel(current?.version ?? catalogue.version, taken)})`,
      },
    ]);
  const diff = diffCatalogues(current, catalogue);
  if (isEmptyDiff(diff))
    return fail([
      { field: 'file', message: `changes nothing: it matches the catalogue in force (${current?.version})` },
    ]);
  const byFramework: Partial<Record<FrameworkId, number>> = {};
  for (const i of catalogue.indicators) byFramework[i.framework] = (byFramework[i.framework] ?? 0) + 1;
  return {
    report: {
      ...report,
      ok: true,
      version: catalogue.version,
      diff,
      counts: { indicators: catalogue.indicators.length, byFramework },
    },
    catalogue,
  };
}

/** One problem per row and column (the first, most specific, wins), in row order. */
function dedupe(problems: ImportProblem[]): ImportProblem[] {
  const seen = new Set<string>();
  const out: ImportProblem[] = [];
  for (const p of problems) {
    const key = p.row === undefined ? `${p.field}|${p.message}` : `${p.row}|${p.field}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(p);
  }
  const col = (f: string) => (CSV_COLUMNS as readonly string[]).indexOf(f);
  return out.sort((a, b) => (a.row ?? 0) - (b.row ?? 0) || col(a.field) - col(b.field));
}

/** Who imports, when, and under what source label (a file name, `api upload`…). */
export interface ImportContext {
  dryRun: boolean;
  source: string;
  actor: string;
  at: string;
}

/**
 * Imports a catalogue file. A dry run only plans. Otherwise the file is planned again inside one
 * transaction and, when valid, saved as the new version in force with its audit entry (indicators the
 * new version leaves out are retired, never deleted); then every score is recomputed. An invalid file
 * writes nothing. Returns the report either way.
 */
export function importCatalogue(db: Db, upload: CatalogueUpload, ctx: ImportContext): CatalogueImportReport {
  const report = saveCatalogueImport(db, upload, ctx);
  return report.dryRun || !report.ok ? report : { ...report, recomputed: recomputeAll(db) };
}

/**
 * {@link importCatalogue} for the server: the same checks and write, then the recompute in a worker
 * thread (`recomputeAllOffLoop`), so that other requests are answered while every score is rebuilt.
 */
export async function importCatalogueOffLoop(
  db: Db,
  upload: CatalogueUpload,
  ctx: ImportContext,
): Promise<CatalogueImportReport> {
  const report = saveCatalogueImport(db, upload, ctx);
  return report.dryRun || !report.ok ? report : { ...report, recomputed: await recomputeAllOffLoop(db) };
}

/** The plan (a dry run), or the new version saved with its audit entry; scores not recomputed yet. */
function saveCatalogueImport(db: Db, upload: CatalogueUpload, ctx: ImportContext): CatalogueImportReport {
  if (ctx.dryRun) return planCatalogueImport(db, upload).report;
  const report = db.transaction((tx) => {
    const plan = planCatalogueImport(tx, upload);
    if (!plan.catalogue) return plan.report;
    const diff = saveCatalogueVersion(tx, plan.catalogue, ctx.source, ctx.actor, ctx.at);
    appendAudit(tx, importAudit(plan.catalogue.version, diff, ctx));
    return { ...plan.report, dryRun: false, diff };
  });
  return report.ok ? report : { ...report, dryRun: false };
}

/** The audit entry of a saved catalogue version, on either engine. */
function importAudit(version: string, diff: { from: unknown }, ctx: ImportContext) {
  return {
    at: ctx.at,
    actor: ctx.actor,
    action: 'import',
    entity: 'catalogue_version',
    entityId: version,
    before: { version: diff.from },
    after: { source: ctx.source, diff },
  };
}

/**
 * {@link importCatalogueOffLoop} for a server on either engine. SQLite keeps that path as it is (the
 * synchronous transaction, the recompute in worker threads). Otherwise the same plan is made again in
 * one transaction holding {@link CATALOGUE_LOCK}, through the awaited interface, and when valid the
 * version is saved with its audit entry; then every score is rebuilt (`recomputeAllAsync`). A dry run
 * only plans; an invalid file writes nothing.
 */
export async function importCatalogueAsync(
  data: AsyncDb,
  upload: CatalogueUpload,
  ctx: ImportContext,
): Promise<CatalogueImportReport> {
  const db = sqliteHandleOf(data);
  if (db) return importCatalogueOffLoop(db, upload, ctx);
  if (ctx.dryRun) return (await planCatalogueImportAsync(data, upload)).report;
  const report = await withWriteLock(data, CATALOGUE_LOCK, async (tx) => {
    const plan = await planCatalogueImportAsync(tx, upload);
    if (!plan.catalogue) return plan.report;
    const diff = await catalogueWritesAsync.save(tx, plan.catalogue, ctx.source, ctx.actor, ctx.at);
    await auditAsync.append(tx, importAudit(plan.catalogue.version, diff, ctx));
    return { ...plan.report, dryRun: false, diff };
  });
  if (!report.ok) return { ...report, dryRun: false };
  return { ...report, recomputed: await recomputeAllAsync(data) };
}
