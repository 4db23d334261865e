import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InferResponseType } from 'hono/client';
import { startApp, type TestApp } from '../helpers/app.ts';

let server: TestApp;
const get = (path: string) => server.request(`${path}`);
const json = async <T = Record<string, unknown>>(path: string): Promise<T> => {
  const res = await get(path);
  expect(res.status, path).toBe(200);
  return (await res.json()) as T;
};

type Client = TestApp['client'];
/** A row of /api/scores, as the app's types say. */
type Row = InferResponseType<Client['scores']['$get'], 200>[number];
/** A score taken apart, as the app's types say. */
type Explanation = InferResponseType<Client['regions'][':code']['explain']['$get'], 200>;

const rowOf = async (region: string, period: string, lens: string, level: number, scenario = 'baseline') =>
  (await json<Row[]>(`/api/scores?period=${period}&lens=${lens}&level=${level}&scenario=${scenario}`)).find(
    (r) => r.region === region,
  )!;
const sum = (e: Explanation) => e.contributions.reduce((a, c) => a + c.points, 0);

beforeAll(async () => {
  // The documented historical cases alone (no bundled UCDP events), which these expectations describe.
  server = await startApp();
});
afterAll(() => server?.close());

describe('explain', () => {
  it('explains Ninewa in August 2014 with the very score the map shows, contribution by contribution', async () => {
    const e = await json<Explanation>('/api/regions/IQ-NI/explain?period=2014-08&lens=tip');
    const row = await rowOf('IQ-NI', '2014-08', 'tip', 1);
    expect(e).toMatchObject({ region: 'IQ-NI', level: 1, period: '2014-08', lens: 'tip', scenario: 'baseline' });
    expect(e.score).toBe(row.score);
    expect(e.class).toBe(row.class);
    expect(e.coverage).toBe(row.coverage);
    expect(e.confidence).toBe(row.confidence);
    expect(e.score).toBeGreaterThanOrEqual(8);
    expect(sum(e)).toBeCloseTo(e.score!, 9);
    const observed = e.contributions.filter((c) => c.observed);
    expect(observed.length).toBe(row.evidence.indicators);
    expect(
      observed.every(
        (c) => c.sourceCitation && c.observationId !== null && c.observedPeriod === '2014-08' && c.ageMonths === 0,
      ),
    ).toBe(true);
    expect(e.contributions.filter((c) => !c.observed).every((c) => c.points === 0 && c.value === null)).toBe(true);
    expect(e.contributions.length).toBeGreaterThan(observed.length);
    expect(e.forms[0]!.form).toBe('sexual_slavery');
    expect(e.drivers.map((d) => d.indicatorId)).toEqual(row.drivers.map((d) => d.indicatorId));
  });

  it('explains a country through the region its roll-up came from, and says so', async () => {
    const row = await rowOf('IRQ', '2016-07', 'tip', 0);
    expect(row.rolledUpFrom).toBe('IQ-NI');
    const e = await json<Explanation>('/api/regions/IRQ/explain?period=2016-07&lens=tip');
    expect(e.score).toBe(row.score);
    expect(e.trend).toBe(row.trend);
    expect(e.rolledUpFrom).toEqual({ region: 'IQ-NI', name: expect.any(String) });
    expect(e.notes.join(' ')).toContain('IQ-NI');
    expect(sum(e)).toBeCloseTo(e.score!, 9);
  });

  it('shows country-level evidence beside a region that has none of its own, never as its score', async () => {
    const regions = await json<{ code: string }[]>('/api/regions?level=1&parent=LBY');
    const code = regions[0]!.code;
    const e = await json<Explanation>(`/api/regions/${code}/explain?period=2016-07&lens=tip`);
    const row = await rowOf(code, '2016-07', 'tip', 1);
    expect(e.score).toBe(row.score);
    const observed = e.contributions.filter((c) => c.observed);
    expect(observed.length).toBeGreaterThan(1);
    expect(observed.every((c) => c.inherited)).toBe(true);
    expect(e.score).toBeNull();
    expect(e.class).toBe('insufficient-data');
    expect(row).toMatchObject({ score: null, basis: 'country', drivers: [] });
    expect(e.country).toMatchObject({ region: 'LBY', name: 'Libya' });
    expect(e.notes.join(' ')).toMatch(
      /No evidence recorded for .+ itself: \d+ country-level records for Libya are shown beside it/,
    );
    expect(e.contributions.every((c) => c.points === 0)).toBe(true);
  });

  it('never gives back a count below 5, not even through its normalised value', async () => {
    const e = await json<Explanation>('/api/regions/NG-BO/explain?period=2014-12&lens=tip');
    const c = e.contributions.find((x) => x.indicatorId === 'tip.children-in-attacks')!;
    expect(c).toMatchObject({ observed: true, value: null, display: '<5 children', suppressed: true });
    expect(e.class).toBe('insufficient-data');
    expect(e.notes.join(' ')).toContain('corroborated');
  });

  it('answers under a scenario with that scenario’s scores', async () => {
    const e = await json<Explanation>('/api/regions/NG-BO/explain?period=2017-11&lens=tip&scenario=children-focus');
    const row = await rowOf('NG-BO', '2017-11', 'tip', 1, 'children-focus');
    const base = await rowOf('NG-BO', '2017-11', 'tip', 1);
    expect(e.scenario).toBe('children-focus');
    expect(e.score).toBe(row.score);
    expect(sum(e)).toBeCloseTo(e.score!, 9);
    expect(row.score).not.toBe(base.score);
  });
});

describe('scores under scenarios, series, alerts, risers, scenarios and sensitivity', () => {
  it('keeps the documented row shape for every scenario', async () => {
    for (const scenario of ['baseline', 'structural-drivers']) {
      const rows = await json<Row[]>(`/api/scores?period=2016-07&lens=tip&level=0&scenario=${scenario}`);
      const scored = rows.filter((r) => r.score !== null);
      expect(scored.length).toBeGreaterThan(5);
      for (const key of [
        'region',
        'name',
        'score',
        'class',
        'coverage',
        'confidence',
        'trend',
        'trend12',
        'drivers',
        'rolledUpFrom',
        'evidence',
      ])
        expect(scored[0]).toHaveProperty(key);
    }
  });

  it('returns one row per month for a region, months without evidence as no-data', async () => {
    const series = await json<{ period: string; score: number | null; class: string }[]>(
      '/api/regions/IQ-NI/scores?lens=tip&from=2014-06&to=2014-09',
    );
    expect(series.map((s) => s.period)).toEqual(['2014-06', '2014-07', '2014-08', '2014-09']);
    // Under v2 a month of ageing lowers the August evidence: very high, then high.
    expect(series.map((s) => s.class)).toEqual(['no-data', 'no-data', 'very-high', 'high']);
    const later = await json<{ period: string; score: number | null; class: string }[]>(
      '/api/regions/IQ-NI/scores?lens=tip&from=2015-05&to=2015-12&scenario=children-focus',
    );
    expect(later).toHaveLength(8);
    expect(later.some((s) => s.score === null && s.class === 'no-data')).toBe(true);
  });

  it('raises alerts with one-line reasons in the month Ninewa was overrun', async () => {
    const alerts = await json<
      {
        region: string;
        name: string;
        level: number;
        lens: string;
        period: string;
        kind: string;
        reason: string;
        score: number | null;
        previousScore: number | null;
      }[]
    >('/api/alerts?period=2014-08&lens=tip');
    const ninewa = alerts.filter((a) => a.region === 'IQ-NI');
    expect(ninewa.map((a) => a.kind).sort()).toEqual(['class-up', 'new-direct-indicator']);
    for (const a of alerts) {
      expect(a.reason.length).toBeGreaterThan(10);
      expect(a.reason.split('\n')).toHaveLength(1);
      expect(a).toMatchObject({ lens: 'tip', period: '2014-08' });
    }
    expect(alerts.some((a) => a.region === 'IRQ' && a.level === 0 && a.kind === 'class-up')).toBe(true);
    const countries = await json<{ level: number }[]>('/api/alerts?period=2016-07&lens=tip&level=0');
    expect(countries.length).toBeGreaterThan(0);
    expect(countries.every((a) => a.level === 0)).toBe(true);
  });

  it('lists risers among classed regions', async () => {
    const rows = await json<Row[]>('/api/risers?period=2016-07&lens=tip&level=1&months=12&limit=5');
    expect(rows.length).toBeLessThanOrEqual(5);
    for (let i = 1; i < rows.length; i++) expect(rows[i - 1]!.trend12!).toBeGreaterThanOrEqual(rows[i]!.trend12!);
    expect(rows.every((r) => r.class !== 'insufficient-data' && r.trend12! > 0)).toBe(true);
  });

  it('lists the scenarios and compares one with the baseline', async () => {
    const list = await json<{ id: string; label: string; reweighted: number }[]>('/api/scenarios');
    expect(list[0]!.id).toBe('baseline');
    expect(list.map((s) => s.id)).toEqual(
      expect.arrayContaining(['children-focus', 'sexual-exploitation-focus', 'structural-drivers']),
    );
    expect(list.find((s) => s.id === 'children-focus')!.reweighted).toBeGreaterThan(0);
    const cmp = await json<{
      scenario: string;
      summary: { regions: number; moved: number };
      moves: { region: string; name: string; delta: number | null }[];
    }>('/api/scenarios/direct-evidence/compare?period=2016-07&lens=tip&level=0');
    expect(cmp.scenario).toBe('direct-evidence');
    expect(cmp.summary.regions).toBe(cmp.moves.length);
    expect(cmp.summary.moved).toBeGreaterThan(0);
    for (let i = 1; i < cmp.moves.length; i++)
      expect(Math.abs(cmp.moves[i - 1]!.delta ?? 0)).toBeGreaterThanOrEqual(Math.abs(cmp.moves[i]!.delta ?? 0));
  });

  it('reports rank stability under perturbed weights, the same on every call', async () => {
    const path = '/api/sensitivity?period=2016-07&lens=tip&level=0&runs=50';
    const a = await json<{
      runs: number;
      topRegions: { region: string; baseRank: number; inTopShare: number }[];
      meanSpearman: number;
    }>(path);
    const b = await json(path);
    expect(b).toEqual(a);
    expect(a.runs).toBe(50);
    expect(a.topRegions.length).toBeGreaterThan(3);
    expect(a.topRegions[0]!.baseRank).toBe(1);
    expect(a.meanSpearman).toBeGreaterThan(0);
  });
});

describe('bad requests', () => {
  it('names the field at fault', async () => {
    for (const [path, field] of [
      ['/api/scores?scenario=nope', 'scenario'],
      ['/api/scores?scenario=Not_An_Id', 'scenario'],
      ['/api/regions/IQ-NI/scores?scenario=nope', 'scenario'],
      ['/api/regions/IQ-NI/explain?scenario=nope', 'scenario'],
      ['/api/regions/IQ-NI/explain?lens=everything', 'lens'],
      ['/api/regions/IQ-NI/explain?period=2014-13', 'period'],
      ['/api/alerts?period=latest', 'period'],
      ['/api/alerts?scenario=nope', 'scenario'],
      ['/api/alerts?level=3', 'level'],
      ['/api/risers?months=5', 'months'],
      ['/api/risers?limit=0', 'limit'],
      ['/api/scenarios/nope/compare', 'scenario'],
      ['/api/scenarios/children-focus/compare?base=nope', 'base'],
      ['/api/sensitivity?runs=0', 'runs'],
      ['/api/sensitivity?spread=2', 'spread'],
    ] as const) {
      const res = await get(path);
      expect(res.status, path).toBe(400);
      const body = (await res.json()) as { error: { fields: { field: string }[] } };
      expect(
        body.error.fields.map((f) => f.field),
        path,
      ).toContain(field);
    }
  });

  it('answers an unknown region with 404', async () => {
    expect((await get('/api/regions/ZZ-ZZ/explain')).status).toBe(404);
  });
});
