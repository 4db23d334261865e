import type { Lens } from '../../../indicators/index.ts';
import type { Cell } from './csv.ts';
import type { WireScore } from '../scores/score-wire.ts';
import { msg, type ApiMessageId, type Lang } from '../../i18n.ts';

/**
 * One region's score as `/api/scores` returns it, with the region's parent (a first-level region's
 * country, a district's first-level region) and, for a district, the country above that.
 */
export type ScoreWireRow = WireScore & {
  region: string;
  name: string;
  parent?: string | null;
  country?: string | null;
  /** The first month of the retirement a district is in, in the row's month (null while in force). */
  retiredSince?: string | null;
};

/** What every row of a score export repeats, so that a file read alone says what it holds. */
export interface TableContext {
  lens: Lens;
  level: number;
  scenario: string;
  catalogueVersion: string | null;
  /** The credits the licences of the boundaries and data ask for (the export metadata's `attribution`). */
  attribution: readonly string[];
}

/** One row of a score export: the wire row flattened. */
export interface ExportRow {
  region: string;
  name: string;
  /** A district's first-level region (districts only). */
  adm1: string | null;
  country: string | null;
  level: number;
  period: string;
  lens: Lens;
  scenario: string;
  catalogue_version: string | null;
  score: number | null;
  class: string;
  coverage: number;
  confidence: string | null;
  trend_3m: number | null;
  trend_12m: number | null;
  indicators_observed: number;
  groups_observed: number;
  sources_observed: number;
  signs_observed: number;
  basis: string;
  conditions_only: boolean;
  rolled_up_from: string | null;
  /** Districts: the first month (YYYY-MM) of the retirement the district is in, empty while in force. */
  retired_since: string | null;
  top_drivers: string;
  credit: string;
}

/** A column of the CSV exports: its header, its HXL hashtag per level, and how to read it from a row. */
interface Column {
  key: keyof ExportRow;
  hxl: (level: number) => string;
  levels?: readonly number[];
}

const place = (level: number) => (level === 0 ? '#country' : level === 1 ? '#adm1' : '#adm2');

/** Where a row's score was rolled up from: a country's first-level region, a first-level region's district. */
const rollupTag = (level: number) => (level === 0 ? '#adm1+code+rollup' : '#adm2+code+rollup');

/**
 * The columns of the CSV exports, in order. Metadata (period, lens, scenario, catalogue version, and
 * the credits the data's licences ask for) are ordinary columns repeated on every row, so that a spreadsheet filter, a pivot table or the
 * HXL Proxy keeps them with the data; `country` appears for first-level regions and districts, `adm1`
 * for districts only. A district is tagged `#adm2+code+pcode` (its code is the boundary set's p-code),
 * which both the HXL standard's `#adm2+code` and the `#adm2+pcode` that COD tables use select.
 */
export const COLUMNS: readonly Column[] = [
  { key: 'region', hxl: (l) => `${place(l)}+code${l === 2 ? '+pcode' : ''}` },
  { key: 'name', hxl: (l) => `${place(l)}+name` },
  { key: 'adm1', hxl: () => '#adm1+code', levels: [2] },
  { key: 'country', hxl: () => '#country+code', levels: [1, 2] },
  { key: 'level', hxl: () => '#meta+admin_level' },
  { key: 'period', hxl: () => '#date+month' },
  { key: 'lens', hxl: () => '#meta+lens' },
  { key: 'scenario', hxl: () => '#meta+scenario' },
  { key: 'catalogue_version', hxl: () => '#meta+catalogue_version' },
  { key: 'score', hxl: () => '#severity+num+score' },
  { key: 'class', hxl: () => '#severity+class' },
  { key: 'coverage', hxl: () => '#indicator+num+coverage' },
  { key: 'confidence', hxl: () => '#meta+confidence' },
  { key: 'trend_3m', hxl: () => '#indicator+num+trend_3m' },
  { key: 'trend_12m', hxl: () => '#indicator+num+trend_12m' },
  { key: 'indicators_observed', hxl: () => '#indicator+indicators_observed' },
  { key: 'groups_observed', hxl: () => '#indicator+groups_observed' },
  { key: 'sources_observed', hxl: () => '#indicator+sources_observed' },
  { key: 'signs_observed', hxl: () => '#indicator+signs_observed' },
  { key: 'basis', hxl: () => '#meta+basis' },
  { key: 'conditions_only', hxl: () => '#meta+conditions_only' },
  { key: 'rolled_up_from', hxl: rollupTag },
  { key: 'retired_since', hxl: () => '#date+retired', levels: [2] },
  { key: 'top_drivers', hxl: () => '#description+drivers' },
  { key: 'credit', hxl: () => '#meta+credit' },
];

/** The columns used for a level. */
export function columnsFor(level: number): readonly Column[] {
  return COLUMNS.filter((c) => !c.levels || c.levels.includes(level));
}

/** Drivers in one cell: `label (+points)` joined by semicolons, strongest first. */
export function driversCell(drivers: ScoreWireRow['drivers']): string {
  return drivers.map((d) => `${d.label} (+${d.points.toFixed(2)})`).join('; ');
}

/**
 * Flattens a wire row for export. The counts of evidence behind the score (indicators, groups,
 * sources, signs) are published as they are: they count pieces of evidence, never people.
 */
export function toExportRow(r: ScoreWireRow, ctx: TableContext): ExportRow {
  return {
    region: r.region,
    name: r.name,
    adm1: ctx.level === 2 ? (r.parent ?? null) : null,
    country: ctx.level === 0 ? r.region : ctx.level === 1 ? (r.parent ?? null) : (r.country ?? null),
    level: ctx.level,
    period: r.period,
    lens: ctx.lens,
    scenario: ctx.scenario,
    catalogue_version: ctx.catalogueVersion,
    score: r.score,
    class: r.class,
    coverage: r.coverage,
    confidence: r.confidence,
    trend_3m: r.trend,
    trend_12m: r.trend12,
    indicators_observed: r.evidence.indicators,
    groups_observed: r.evidence.groups,
    sources_observed: r.evidence.sources,
    signs_observed: r.evidence.signs,
    basis: r.basis,
    conditions_only: r.conditionsOnly,
    rolled_up_from: r.rolledUpFrom,
    retired_since: r.retiredSince ?? null,
    top_drivers: driversCell(r.drivers),
    credit: ctx.attribution.join('; '),
  };
}

/**
 * Header row, then (for HXL) the hashtag row, then one line of cells per region. The header row is
 * the column keys, or in French or Arabic the columns' names in that language (`export.column.*`);
 * the hashtag row and the cells are the same in every language.
 */
export function scoreTable(
  rows: readonly ExportRow[],
  level: number,
  { hxl = false, lang = 'en' }: { hxl?: boolean; lang?: Lang } = {},
): Cell[][] {
  const cols = columnsFor(level);
  const head: Cell[][] = [
    cols.map((c) => (lang === 'en' ? c.key : msg(lang, `export.column.${c.key}` as ApiMessageId))),
  ];
  if (hxl) head.push(cols.map((c) => c.hxl(level)));
  return [...head, ...rows.map((r) => cols.map((c) => r[c.key]))];
}
