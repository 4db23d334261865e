import { CONFIDENCES, RISK_CLASSES, SCORE_CLASSES } from '../../../indicators/index.ts';
import type { ScoreClass } from '../../../indicators/index.ts';

/** What one row of the ranking table needs from a score row of `/api/scores`. */
export interface RankingInput {
  region: string;
  name: string;
  score: number | null;
  class: string;
  coverage: number;
  confidence: string | null;
  trend: number | null;
  trend12: number | null;
  evidence: { sources: number; own: number };
  basis: 'own' | 'country' | 'none';
  conditionsOnly: boolean;
}

/** A ranking row: the score row with its country (code and name) attached. */
export interface RankingRow extends RankingInput {
  country: string;
  countryName: string;
}

/** Columns the table sorts by. */
export const SORT_KEYS = [
  'name',
  'country',
  'score',
  'class',
  'trend',
  'trend12',
  'coverage',
  'confidence',
  'sources',
] as const;
export type SortKey = (typeof SORT_KEYS)[number];

/** Sort direction. */
export type SortDir = 'asc' | 'desc';

/** Rows per page of the table. */
export const PAGE_SIZE = 50;

/** The table's view as held in the URL (besides month, lens, level and weighting, which all pages share). */
export interface RankingView {
  /** ISO3 code of the country whose regions are shown, or null for all. */
  country: string | null;
  /** One class, or null for all. */
  cls: ScoreClass | null;
  /** Only regions scored on their own evidence (not country-level records alone, not missing). */
  ownOnly: boolean;
  sort: SortKey;
  dir: SortDir;
  /** 1-based page. */
  page: number;
}

/** Columns whose first click sorts ascending (text); the others start with the largest first. */
const ASCENDING_FIRST: readonly SortKey[] = ['name', 'country'];

/** The direction a column sorts in when first chosen. */
export function defaultDir(key: SortKey): SortDir {
  return ASCENDING_FIRST.includes(key) ? 'asc' : 'desc';
}

/** Reads a {@link RankingView} from query parameters, ignoring malformed values. */
export function parseRankingView(params: URLSearchParams): RankingView {
  const sort = params.get('sort');
  const key: SortKey = SORT_KEYS.includes(sort as SortKey) ? (sort as SortKey) : 'score';
  const dir = params.get('dir');
  const cls = params.get('class');
  const country = params.get('country');
  const page = Number(params.get('page'));
  return {
    country: country && /^[A-Z]{3}$/.test(country) ? country : null,
    cls: SCORE_CLASSES.includes(cls as ScoreClass) ? (cls as ScoreClass) : null,
    ownOnly: params.get('own') === '1',
    sort: key,
    dir: dir === 'asc' || dir === 'desc' ? dir : defaultDir(key),
    page: Number.isInteger(page) && page >= 1 ? page : 1,
  };
}

/**
 * The view's URL parameters, defaults left out (null removes a parameter), for `setParams`.
 * @example rankingParams({ ...view, sort: 'trend' }) // { sort: 'trend', dir: null, … }
 */
export function rankingParams(v: RankingView): Record<string, string | null> {
  return {
    country: v.country,
    class: v.cls,
    own: v.ownOnly ? '1' : null,
    sort: v.sort === 'score' ? null : v.sort,
    dir: v.dir === defaultDir(v.sort) ? null : v.dir,
    page: v.page > 1 ? String(v.page) : null,
  };
}

/** The view after a click on a column header: the same column flips direction, another starts at its default. */
export function toggleSort(v: RankingView, key: SortKey): RankingView {
  const dir = v.sort === key ? (v.dir === 'asc' ? 'desc' : 'asc') : defaultDir(key);
  return { ...v, sort: key, dir, page: 1 };
}

/** Attaches each row's country: a country is its own; a region's is its parent (from the region list). A missing name becomes the code. */
export function withCountries(
  rows: readonly RankingInput[],
  parents: ReadonlyMap<string, string | null>,
  names: ReadonlyMap<string, string>,
): RankingRow[] {
  return rows.map((r) => {
    const country = parents.get(r.region) ?? r.region;
    // Some boundary sets leave a region's name empty: its code stands in, so it sorts and links.
    return { ...r, name: r.name || r.region, country, countryName: names.get(country) ?? country };
  });
}

/** Keeps the rows the view's filters let through. */
export function filterRows(rows: readonly RankingRow[], v: RankingView): RankingRow[] {
  return rows.filter(
    (r) =>
      (v.country === null || r.country === v.country) &&
      (v.cls === null || r.class === v.cls) &&
      (!v.ownOnly || r.basis === 'own'),
  );
}

/** Rank of a class for sorting: risk classes in order, then insufficient data, then no data (always last). */
const CLASS_RANK = new Map<string, number>(RISK_CLASSES.map((c, i) => [c, i + 2]));
CLASS_RANK.set('insufficient-data', 1);
CLASS_RANK.set('no-data', 0);
const CONFIDENCE_RANK = new Map<string, number>(CONFIDENCES.map((c, i) => [c, i]));

/** A row's value for a numeric column; null when it has none (missing is never a low value). */
function numeric(r: RankingRow, key: Exclude<SortKey, 'name' | 'country'>): number | null {
  switch (key) {
    case 'score':
      return r.score;
    case 'class':
      return CLASS_RANK.get(r.class) ?? 0;
    case 'trend':
      return r.trend;
    case 'trend12':
      return r.trend12;
    case 'coverage':
      return r.basis === 'none' ? null : r.coverage;
    case 'confidence':
      return r.confidence === null ? null : (CONFIDENCE_RANK.get(r.confidence) ?? null);
    case 'sources':
      return r.basis === 'none' ? null : r.evidence.sources;
    default: {
      const never: never = key;
      return never;
    }
  }
}

const byName = (a: RankingRow, b: RankingRow) => a.name.localeCompare(b.name, 'en') || a.region.localeCompare(b.region);

/** Among rows without a value: those with country-level records before those with no data at all. */
const missingFirst = (a: RankingRow, b: RankingRow) => Number(a.basis === 'none') - Number(b.basis === 'none');

/**
 * Sorts rows by a column. Rows without a value for the column come last in either direction, so a
 * region with no score never appears among the lowest; ties fall back to the name.
 * @example sortRows(rows, 'score', 'desc') // highest scores first, then regions with no score
 */
export function sortRows(rows: readonly RankingRow[], key: SortKey, dir: SortDir): RankingRow[] {
  const sign = dir === 'asc' ? 1 : -1;
  const out = [...rows];
  if (key === 'name') return out.sort((a, b) => sign * byName(a, b));
  if (key === 'country')
    return out.sort((a, b) => sign * a.countryName.localeCompare(b.countryName, 'en') || byName(a, b));
  return out.sort((a, b) => {
    const x = numeric(a, key);
    const y = numeric(b, key);
    if (x === null || y === null) return x === y ? missingFirst(a, b) || byName(a, b) : x === null ? 1 : -1;
    return sign * (x - y) || byName(a, b);
  });
}

/** The page of rows to show (the page clamped to those that exist) and how many pages there are. */
export function pageOf<T>(rows: readonly T[], page: number): { rows: T[]; page: number; pages: number } {
  const pages = Math.max(1, Math.ceil(rows.length / PAGE_SIZE));
  const p = Math.min(Math.max(1, page), pages);
  return { rows: rows.slice((p - 1) * PAGE_SIZE, p * PAGE_SIZE), page: p, pages };
}
