import { beforeAll, describe, expect, it } from 'vitest';
import { monthAlerts, regionAlerts, type AlertWire } from '../../api/services/alerts/alerts.ts';
import { topRisers } from '../../api/services/alerts/risers.ts';
import { getRegion } from '../../db/queries/regions.ts';
import { scoredPeriods } from '../../db/queries/scores.ts';
import { openPg } from '../../db/pg/client.ts';
import { sameOnEngines, seededOnBothEngines, type Engine } from '../helpers/engines.ts';
import { appsOnBothEngines } from '../helpers/engine-apps.ts';

// The stored (baseline) alerts, region alerts and risers on the awaited interface: one app per engine
// over the same data (the seeded database, and its copy in a private PostgreSQL) answers alike, and
// as the synchronous services that answered before (still what the worker pool runs) answer.
const both = seededOnBothEngines();

const apps = appsOnBothEngines(both);
let periods: string[];
beforeAll(() => {
  periods = scoredPeriods(both.seeded());
});

async function answer(engine: Engine, path: string) {
  const res = await apps()[engine].request(path);
  return { status: res.status, language: res.headers.get('Content-Language'), body: (await res.json()) as unknown };
}

/** Both engines' answers to `path`, checked equal; the SQLite one is returned. */
const same = (path: string) => sameOnEngines((e) => answer(e, path), path);

describe('stored alerts on both engines', () => {
  it('answers /api/alerts alike, as the synchronous service does, over months, lenses, levels and languages', async () => {
    expect(periods.length).toBeGreaterThan(24);
    let seen = 0;
    for (const period of [periods.at(-1)!, periods.at(-7)!, periods[Math.floor(periods.length / 2)]!, periods[3]!])
      for (const lens of ['tip', 'overall', 'crsv'] as const) {
        const { status, body } = await same(`/api/alerts?period=${period}&lens=${lens}`);
        expect(status).toBe(200);
        expect(body).toEqual(monthAlerts(both.seeded(), { period, lens, scenario: 'baseline' }));
        seen += (body as unknown[]).length;
      }
    expect(seen).toBeGreaterThan(10);
    const latest = await same('/api/alerts');
    expect(latest.body).toEqual(monthAlerts(both.seeded(), { lens: 'tip', scenario: 'baseline' }));
    const fr = await same(`/api/alerts?period=${periods.at(-7)}&level=1&lang=fr`);
    expect(fr.language).toBe('fr');
    expect(fr.body).toEqual(
      monthAlerts(both.seeded(), { period: periods.at(-7)!, lens: 'tip', scenario: 'baseline', level: 1, lang: 'fr' }),
    );
    expect((await same('/api/alerts?period=2020-13')).status).toBe(400);
    expect((await same('/api/alerts?scenario=nope')).status).toBe(400);
  });

  it('answers a region’s alerts alike, as the synchronous service does', async () => {
    const all = (await same(`/api/alerts?period=${periods.at(-7)}&lens=overall`)).body as AlertWire[];
    const codes = [...new Set(all.map((a) => a.region))].slice(0, 4);
    expect(codes.length).toBeGreaterThan(0);
    let seen = 0;
    for (const code of [...codes, 'SDN', 'IQ-NI'])
      for (const query of ['', '?lens=overall&from=2015-01&to=2018-12', '?lang=ar']) {
        const { status, body } = await same(`/api/regions/${code}/alerts${query}`);
        expect(status).toBe(200);
        const q = Object.fromEntries(new URLSearchParams(query));
        const region = getRegion(both.seeded(), code)!;
        expect(body, `${code}${query}`).toEqual(
          regionAlerts(both.seeded(), region, { lens: 'tip', scenario: 'baseline', ...q } as Parameters<
            typeof regionAlerts
          >[2]),
        );
        seen += (body as unknown[]).length;
      }
    expect(seen).toBeGreaterThan(5);
    expect((await same('/api/regions/NOPE/alerts')).status).toBe(404);
    expect((await same('/api/regions/SDN/alerts?from=2019-01&to=2018-01')).status).toBe(400);
  });

  it('answers /api/risers alike, as the synchronous service does', async () => {
    let seen = 0;
    for (const query of [
      '',
      `?period=${periods.at(-7)}`,
      `?period=${periods.at(-7)}&months=12&level=0&limit=20`,
      `?period=${periods.at(-13)}&lens=crsv&level=1`,
    ]) {
      const { status, body } = await same(`/api/risers${query}`);
      expect(status).toBe(200);
      seen += (body as unknown[]).length;
      const q = Object.fromEntries(new URLSearchParams(query));
      expect(body).toEqual(
        topRisers(both.seeded(), {
          lens: 'tip',
          scenario: 'baseline',
          level: 1,
          limit: 10,
          ...q,
          ...(q.level ? { level: Number(q.level) } : {}),
          ...(q.limit ? { limit: Number(q.limit) } : {}),
          months: (q.months ? Number(q.months) : 3) as 3 | 12,
        }),
      );
    }
    expect(seen).toBeGreaterThan(5);
    expect((await same('/api/risers?months=6')).status).toBe(400);
  });

  it('still computes another scenario’s alerts (in the worker pool over SQLite)', async () => {
    const res = await answer('sqlite', `/api/alerts?period=${periods.at(-7)}&scenario=children-focus`);
    expect(res.status).toBe(200);
    expect(Array.isArray(res.body)).toBe(true);
  });

  it('lists the bundled scenarios alike, with the counts the catalogue gives', async () => {
    const { status, body } = await same('/api/scenarios');
    expect(status).toBe(200);
    const list = body as { id: string; reweighted: number; baseline: boolean }[];
    expect(list.find((s) => s.baseline)?.reweighted).toBe(0);
    expect(list.find((s) => s.id === 'children-focus')?.reweighted).toBeGreaterThan(0);
  });

  it('on PostgreSQL, sees at the next read the observations another pool withdrew', async () => {
    const path = `/api/alerts?period=${periods.at(-7)}&lens=overall`;
    expect(((await answer('postgres', path)).body as unknown[]).length).toBeGreaterThan(0);
    const other = openPg(both.url());
    try {
      await other.$client.query(`update observations set state = 'retracted', reason = 'test'`);
    } finally {
      await other.$client.end();
    }
    expect((await answer('postgres', path)).body).toEqual([]);
    expect(((await answer('sqlite', path)).body as unknown[]).length).toBeGreaterThan(0);
  });
});
