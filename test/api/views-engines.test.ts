import { beforeAll, describe, expect, it } from 'vitest';
import { scoredPeriods } from '../../db/queries/scores.ts';
import { appsWithClosedSqlite, type App } from '../helpers/engine-apps.ts';
import { ENGINES, sameOnEngines, seededOnBothEngines, type Engine } from '../helpers/engines.ts';

// Score and alert views computed for another scenario or method than the stored one (baseline, v2):
// in the read pool over the SQLite file on one engine, in process from awaited reads on PostgreSQL,
// by the same code. The PostgreSQL app gets a closed SQLite handle: a read left on it would fail.
const both = seededOnBothEngines();
const app = {} as Record<Engine, App>;
let periods: string[];

/** A made-up district under Iraq's Ninewa (the seeded data have none): it inherits its region's and country's records. */
const DISTRICT = { code: 'IQ-NI-T1', name: 'Test district', level: 2, parent: 'IQ-NI' };

/** Non-baseline views: scenarios under the default method, and the other method under the baseline and a scenario. */
const VIEWS = [
  'scenario=children-focus',
  'scenario=direct-evidence',
  'scenario=structural-drivers',
  'method=v1',
  'scenario=sexual-exploitation-focus&method=v1',
];

beforeAll(async () => {
  for (const engine of ENGINES) {
    const data = both.engines[engine]();
    await data.db.insert(data.t.regions).values(DISTRICT);
  }
  Object.assign(app, appsWithClosedSqlite(both));
  periods = scoredPeriods(both.seeded());
});

async function answer(engine: Engine, path: string) {
  const res = await app[engine].request(path);
  return { status: res.status, period: res.headers.get('X-Vigil-Period'), body: (await res.json()) as unknown };
}

/** The same request on both engines, the answers checked equal; the SQLite one is returned. */
const same = (path: string) => sameOnEngines((e) => answer(e, path), path);

type Row = { region: string; score: number | null };

describe('views computed for another scenario or method, on both engines', () => {
  it('GET /api/scores and /api/scores/map are the same for each view, level and month, and differ from the baseline', async () => {
    const middle = periods[Math.floor(periods.length / 2)]!;
    let scored = 0;
    let differ = 0;
    for (const view of VIEWS)
      for (const rest of ['', '&level=1&lens=tip', `&level=2&period=${middle}`, `&level=1&parent=IRQ&lens=crsv`]) {
        const { status, body, period } = await same(`/api/scores?${view}${rest}`);
        expect(status, `${view}${rest}`).toBe(200);
        expect(period).toMatch(/^\d{4}-\d{2}$/);
        const rows = body as Row[];
        scored += rows.filter((r) => r.score !== null).length;
        const base = (await answer('sqlite', `/api/scores?${rest.slice(1)}`)).body as Row[];
        expect(rows.map((r) => r.region)).toEqual(base.map((r) => r.region));
        if (rows.some((r, i) => r.score !== base[i]!.score)) differ++;
        const map = await same(`/api/scores/map?${view}${rest}`);
        expect(map.status).toBe(200);
      }
    expect(scored).toBeGreaterThan(100);
    expect(differ).toBeGreaterThan(5);
    // The district is listed at level 2, under its region.
    const districts = (await same(`/api/scores?scenario=children-focus&level=2&parent=IQ-NI`)).body as Row[];
    expect(districts.map((r) => r.region)).toContain(DISTRICT.code);
  });

  it('a region’s series and explanation are the same for each view: a country, a region, a district', async () => {
    let scored = 0;
    for (const view of VIEWS)
      for (const code of ['IRQ', 'IQ-NI', DISTRICT.code, 'SDN']) {
        const series = await same(`/api/regions/${code}/scores?${view}&from=${periods[2]}`);
        expect(series.status, `${code} ${view}`).toBe(200);
        scored += (series.body as Row[]).filter((r) => r.score !== null).length;
        const explain = await same(`/api/regions/${code}/explain?${view}&lens=tip`);
        expect(explain.status, `${code} ${view}`).toBe(200);
        expect((explain.body as { region: string }).region).toBe(code);
      }
    expect(scored).toBeGreaterThan(100);
  });

  it('alerts of a month, a region’s alerts and risers are the same under other scenarios', async () => {
    let alerts = 0;
    let risers = 0;
    for (const scenario of ['children-focus', 'direct-evidence', 'structural-drivers']) {
      for (const period of [periods.at(-1)!, periods.at(-7)!, periods[Math.floor(periods.length / 2)]!]) {
        const month = await same(`/api/alerts?scenario=${scenario}&period=${period}&lens=overall`);
        expect(month.status).toBe(200);
        alerts += (month.body as unknown[]).length;
      }
      expect((await same(`/api/alerts?scenario=${scenario}&level=1&lang=fr`)).status).toBe(200);
      for (const code of ['SDN', 'IQ-NI', 'IRQ', DISTRICT.code]) {
        const region = await same(`/api/regions/${code}/alerts?scenario=${scenario}&lens=overall`);
        expect(region.status).toBe(200);
        alerts += (region.body as unknown[]).length;
      }
      for (const q of ['', '&level=0&months=12', `&period=${periods.at(-7)}&limit=5&lens=crsv`]) {
        const r = await same(`/api/risers?scenario=${scenario}${q}`);
        expect(r.status).toBe(200);
        risers += (r.body as unknown[]).length;
      }
    }
    expect(alerts).toBeGreaterThan(10);
    expect(risers).toBeGreaterThan(0);
  });

  it('GET /api/scenarios/{id}/compare is the same for two scenarios, against the baseline and each other', async () => {
    let moves = 0;
    for (const q of [
      'children-focus/compare',
      'direct-evidence/compare?base=children-focus&lens=overall',
      `structural-drivers/compare?level=0&period=${periods.at(-7)}`,
      'baseline/compare?base=direct-evidence&level=2',
    ]) {
      const { status, body } = await same(`/api/scenarios/${q}`);
      expect(status, q).toBe(200);
      const cmp = body as { period: string | null; moves: { delta: number | null }[] };
      expect(cmp.period, q).toMatch(/^\d{4}-\d{2}$/);
      moves += cmp.moves.filter((m) => m.delta !== null && m.delta !== 0).length;
    }
    expect(moves).toBeGreaterThan(5);
    expect((await same('/api/scenarios/nope/compare')).status).toBe(400);
    expect((await same('/api/scenarios/children-focus/compare?base=nope')).status).toBe(400);
  });

  it('bad input answers alike: an unknown scenario, method or region', async () => {
    expect((await same('/api/scores?scenario=nope')).status).toBe(400);
    expect((await same('/api/scores?method=v9')).status).toBe(400);
    expect((await same('/api/regions/NOPE/scores?scenario=children-focus')).status).toBe(404);
    expect((await same('/api/regions/NOPE/alerts?scenario=children-focus')).status).toBe(404);
    expect((await same('/api/risers?scenario=nope')).status).toBe(400);
  });
});
