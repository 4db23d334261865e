import { beforeAll, describe, expect, it } from 'vitest';
import {
  mapScoresBody,
  mapScoresBodyAsync,
  scoresBody,
  scoresBodyAsync,
  type ScoresView,
} from '../../api/services/scores/scores-body.ts';
import type { AsyncDb } from '../../db/async.ts';
import { listRegions, regionsAsync } from '../../db/queries/regions.ts';
import { readScores, scoredPeriods, scoresAsync } from '../../db/queries/scores.ts';
import { LENSES } from '../../indicators/index.ts';
import { ENGINES, seededOnBothEngines } from '../helpers/engines.ts';

// The seeded database, and the same data copied into a real PostgreSQL: one set of assertions runs on both.
let months: string[];
/** The month with the most scored first-level regions, and the country of one of them. */
let busy: { period: string; country: string };
const both = seededOnBothEngines();

beforeAll(async () => {
  months = scoredPeriods(both.seeded());
  busy = both
    .seeded()
    .$client.prepare(
      `select s.period, r.parent as country from scores s join regions r on r.code = s.region_code
       where s.lens = 'overall' and s.level = 1 and s.score is not null
       group by s.period order by count(*) desc, s.period limit 1`,
    )
    .get() as typeof busy;
});

const view = (period: string, lens: (typeof LENSES)[number], level: number, parent?: string): ScoresView => ({
  period,
  lens,
  level,
  scenario: 'baseline',
  method: 'v2',
  ...(parent ? { parent } : {}),
});
const byRegion = <R extends { regionCode: string }>(rows: R[]) =>
  [...rows].sort((x, y) => (x.regionCode < y.regionCode ? -1 : 1));

describe.each(ENGINES)('score reads through the async interface on %s', (engine) => {
  let a: AsyncDb;
  beforeAll(() => {
    a = both.engines[engine]();
  });

  it('lists the stored months of each scenario, as the synchronous query does', async () => {
    expect(months.length).toBeGreaterThan(12);
    const stored = await scoresAsync.storedMonths(a);
    expect(a.engine).toBe(engine);
    expect(stored.filter((m) => m.scenario === 'baseline').map((m) => m.period)).toEqual(months);
    expect(new Set(stored.map((m) => m.scenario))).toEqual(new Set(['baseline']));
    expect(await regionsAsync.levels(a)).toEqual([
      ...new Set(
        listRegions(both.seeded())
          .map((r) => r.level)
          .sort(),
      ),
    ]);
  });

  it('reads the rows of one month, lens and level that readScores reads, for every lens of three months', async () => {
    let scored = 0;
    for (const period of [months[0]!, busy.period, months.at(-1)!])
      for (const lens of LENSES)
        for (const level of [0, 1]) {
          const q = { scenario: 'baseline', lens, period, level };
          const rows = await scoresAsync.at(a, q);
          expect(byRegion(rows), `${period} ${lens} ${level}`).toEqual(byRegion(readScores(both.seeded(), q)));
          scored += rows.filter((r) => r.score !== null && r.drivers.length > 0).length;
        }
    expect(scored).toBeGreaterThan(40);
    expect(await scoresAsync.at(a, { scenario: 'baseline', lens: 'overall', period: '1900-01', level: 0 })).toEqual([]);
  });

  it('builds the /api/scores body and its map form equal to the synchronous route’s, every lens, both levels, one country', async () => {
    const { period, country } = busy;
    for (const lens of LENSES)
      for (const q of [view(period, lens, 0), view(period, lens, 1), view(period, lens, 1, country)]) {
        const body = await scoresBodyAsync(a, q);
        expect(JSON.stringify(body), `${lens} ${q.level} ${q.parent ?? ''}`).toBe(
          JSON.stringify(scoresBody(both.seeded(), q)),
        );
        expect(JSON.stringify(await mapScoresBodyAsync(a, q))).toBe(JSON.stringify(mapScoresBody(both.seeded(), q)));
      }
    const regions = await scoresBodyAsync(a, view(period, 'overall', 1, country));
    expect(regions.body.length).toBeGreaterThan(1);
    expect(regions.body.some((r) => r.score !== null && r.drivers.length > 0)).toBe(true);
    const all = await scoresBodyAsync(a, view(period, 'overall', 1));
    expect(all.body.length).toBeGreaterThan(4000);
    expect(all.body.filter((r) => r.class === 'no-data').length).toBeGreaterThan(4000);
    expect(regions.headers['X-Vigil-Period']).toBe(period);
  });

  it('computes a view of another scenario or method from the awaited model inputs, as the synchronous body does', async () => {
    for (const q of [
      { ...view(months.at(-1)!, 'overall', 0), method: 'v1' as const },
      { ...view(busy.period, 'tip', 1, busy.country), scenario: 'children-focus' },
    ]) {
      const body = await scoresBodyAsync(a, q);
      expect(body).toEqual(scoresBody(both.seeded(), q));
      expect(body.body.filter((r) => r.score !== null).length).toBeGreaterThan(0);
    }
  });
});
