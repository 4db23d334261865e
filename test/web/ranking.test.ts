import { describe, expect, it } from 'vitest';
import {
  filterRows,
  pageOf,
  PAGE_SIZE,
  parseRankingView,
  rankingParams,
  sortRows,
  toggleSort,
  withCountries,
  type RankingInput,
  type RankingRow,
} from '../../web/features/table/ranking.ts';

const row = (region: string, score: number | null, cls: string, extra: Partial<RankingInput> = {}): RankingInput => ({
  region,
  name: region,
  score,
  class: cls,
  coverage: score === null ? 0 : 0.3,
  confidence: score === null ? null : 'medium',
  trend: null,
  trend12: null,
  evidence: { sources: score === null ? 0 : 2, own: score === null ? 0 : 3 },
  basis: score === null ? 'none' : 'own',
  conditionsOnly: false,
  ...extra,
});

const parents = new Map<string, string | null>([
  ['IQ-NI', 'IRQ'],
  ['IQ-BG', 'IRQ'],
  ['SY-RA', 'SYR'],
  ['SY-DA', 'SYR'],
  ['LY-TB', 'LBY'],
]);
const names = new Map([
  ['IRQ', 'Iraq'],
  ['SYR', 'Syria'],
  ['LBY', 'Libya'],
]);
const rows: RankingRow[] = withCountries(
  [
    row('IQ-NI', 7.2, 'high', { trend: 1.5, trend12: 0.2 }),
    row('SY-RA', 3.1, 'low', { trend: -0.4, confidence: 'high', evidence: { sources: 4, own: 6 } }),
    row('LY-TB', null, 'insufficient-data', { basis: 'country', coverage: 0.01, evidence: { sources: 1, own: 0 } }),
    row('SY-DA', null, 'no-data'),
    row('IQ-BG', 0.4, 'very-low', { trend: 0.1, conditionsOnly: true }),
  ],
  parents,
  names,
);
const codes = (rs: readonly RankingRow[]) => rs.map((r) => r.region);
const view = (q = '') => parseRankingView(new URLSearchParams(q));

describe('ranking table logic', () => {
  it('attaches each region’s country, and a country is its own', () => {
    expect(rows.find((r) => r.region === 'SY-RA')).toMatchObject({ country: 'SYR', countryName: 'Syria' });
    expect(withCountries([row('IRQ', 5, 'medium')], new Map([['IRQ', null]]), names)[0]).toMatchObject({
      country: 'IRQ',
      countryName: 'Iraq',
    });
  });

  it('puts regions without a score last whichever way the score is sorted: missing is never low', () => {
    expect(codes(sortRows(rows, 'score', 'desc'))).toEqual(['IQ-NI', 'SY-RA', 'IQ-BG', 'LY-TB', 'SY-DA']);
    expect(codes(sortRows(rows, 'score', 'asc'))).toEqual(['IQ-BG', 'SY-RA', 'IQ-NI', 'LY-TB', 'SY-DA']);
    // Among the missing, country-level records come before regions with no data at all, whatever their names.
    const unnamed = withCountries([row('AA-01', null, 'no-data', { name: '' })], parents, names);
    expect(unnamed[0]!.name).toBe('AA-01');
    expect(codes(sortRows([...unnamed, ...rows], 'score', 'desc')).slice(3)).toEqual(['LY-TB', 'AA-01', 'SY-DA']);
    // Changes: regions with no change recorded come after every real change, in both directions.
    expect(codes(sortRows(rows, 'trend', 'asc')).slice(0, 3)).toEqual(['SY-RA', 'IQ-BG', 'IQ-NI']);
    expect(codes(sortRows(rows, 'trend', 'desc')).slice(0, 3)).toEqual(['IQ-NI', 'IQ-BG', 'SY-RA']);
    // A region with no data has no coverage or sources to rank; a country-level record has its own.
    expect(codes(sortRows(rows, 'sources', 'asc'))).toEqual(['LY-TB', 'IQ-BG', 'IQ-NI', 'SY-RA', 'SY-DA']);
  });

  it('orders classes by risk, insufficient data and no data below every risk class', () => {
    expect(codes(sortRows(rows, 'class', 'desc'))).toEqual(['IQ-NI', 'SY-RA', 'IQ-BG', 'LY-TB', 'SY-DA']);
    expect(codes(sortRows(rows, 'confidence', 'desc'))).toEqual(['SY-RA', 'IQ-BG', 'IQ-NI', 'LY-TB', 'SY-DA']);
  });

  it('sorts text columns alphabetically with the name breaking ties', () => {
    expect(codes(sortRows(rows, 'country', 'asc'))).toEqual(['IQ-BG', 'IQ-NI', 'LY-TB', 'SY-DA', 'SY-RA']);
    expect(codes(sortRows(rows, 'name', 'desc'))).toEqual(['SY-RA', 'SY-DA', 'LY-TB', 'IQ-NI', 'IQ-BG']);
  });

  it('filters by country, class and own evidence', () => {
    expect(codes(filterRows(rows, view('country=SYR')))).toEqual(['SY-RA', 'SY-DA']);
    expect(codes(filterRows(rows, view('class=insufficient-data')))).toEqual(['LY-TB']);
    expect(codes(filterRows(rows, view('own=1')))).toEqual(['IQ-NI', 'SY-RA', 'IQ-BG']);
    expect(codes(filterRows(rows, view('country=SYR&own=1&class=low')))).toEqual(['SY-RA']);
  });

  it('reads the view from the URL, ignores malformed values and writes back only what differs from the defaults', () => {
    expect(view()).toEqual({ country: null, cls: null, ownOnly: false, sort: 'score', dir: 'desc', page: 1 });
    expect(view('sort=name')).toMatchObject({ sort: 'name', dir: 'asc' });
    expect(view('sort=drop&dir=up&class=bad&country=iraq&page=-2')).toEqual(view());
    const v = view('country=IRQ&class=high&own=1&sort=trend12&dir=asc&page=3');
    expect(v).toEqual({ country: 'IRQ', cls: 'high', ownOnly: true, sort: 'trend12', dir: 'asc', page: 3 });
    const params = rankingParams(v);
    expect(params).toEqual({ country: 'IRQ', class: 'high', own: '1', sort: 'trend12', dir: 'asc', page: '3' });
    const back = new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => e[1] !== null));
    expect(parseRankingView(back)).toEqual(v);
    expect(rankingParams(view())).toEqual({ country: null, class: null, own: null, sort: null, dir: null, page: null });
  });

  it('flips the direction on the same column, starts a new column at its natural direction, and goes back to page 1', () => {
    const v = view('page=4');
    expect(toggleSort(v, 'score')).toMatchObject({ sort: 'score', dir: 'asc', page: 1 });
    expect(toggleSort(toggleSort(v, 'score'), 'score')).toMatchObject({ dir: 'desc' });
    expect(toggleSort(v, 'name')).toMatchObject({ sort: 'name', dir: 'asc' });
    expect(toggleSort(v, 'coverage')).toMatchObject({ sort: 'coverage', dir: 'desc' });
  });

  it('pages rows, clamping a page past the end', () => {
    const many = Array.from({ length: PAGE_SIZE * 2 + 3 }, (_, i) => i);
    expect(pageOf(many, 1)).toMatchObject({ page: 1, pages: 3 });
    expect(pageOf(many, 3).rows).toEqual([PAGE_SIZE * 2, PAGE_SIZE * 2 + 1, PAGE_SIZE * 2 + 2]);
    expect(pageOf(many, 9).page).toBe(3);
    expect(pageOf([], 2)).toEqual({ rows: [], page: 1, pages: 1 });
  });
});
