import { beforeAll, describe, expect, it } from 'vitest';
import { seriesBody } from '../../api/services/scores/scores-body.ts';
import { scoredPeriods } from '../../db/queries/scores.ts';
import { openPg } from '../../db/pg/client.ts';
import { ENGINES, sameOnEngines, seededOnBothEngines, type Engine } from '../helpers/engines.ts';
import { appsOnBothEngines } from '../helpers/engine-apps.ts';

// A region's stored series (GET /api/regions/{code}/scores, the baseline) on the awaited interface:
// one app per engine over the same data answers the same bytes, as the synchronous body (what the
// worker pool still builds for other scenarios) reads it.
const both = seededOnBothEngines();

const apps = appsOnBothEngines(both);
let periods: string[];
beforeAll(() => {
  periods = scoredPeriods(both.seeded());
});

async function answer(engine: Engine, path: string, headers: Record<string, string> = {}) {
  const res = await apps()[engine].request(path, { headers });
  return { status: res.status, etag: res.headers.get('ETag'), body: await res.text() };
}

/** Both engines' answers to `path`, checked equal byte for byte; the SQLite one is returned. */
const same = (path: string) => sameOnEngines((e) => answer(e, path), path);

describe('a region’s stored series on both engines', () => {
  it('answers the same bytes as the synchronous body, over regions, lenses and ranges', async () => {
    let scored = 0;
    for (const code of ['SDN', 'IQ-NI', 'LBY', 'NGA'])
      for (const query of [
        '',
        '?lens=tip',
        `?lens=crsv&from=${periods[5]}&to=${periods.at(-5)}`,
        '?from=1990-01&to=1990-06',
      ]) {
        const { status, body } = await same(`/api/regions/${code}/scores${query}`);
        expect(status).toBe(200);
        const q = Object.fromEntries(new URLSearchParams(query));
        const from = q.from && q.from > periods[0]! ? q.from : periods[0]!;
        const to = q.to && q.to < periods.at(-1)! ? q.to : periods.at(-1)!;
        const rows = JSON.parse(body) as { score: number | null }[];
        const expected =
          from > to
            ? []
            : seriesBody(both.seeded(), {
                region: code,
                from,
                to,
                lens: (q.lens ?? 'overall') as 'overall',
                scenario: 'baseline',
                method: 'v2',
              });
        expect(rows, `${code}${query}`).toEqual(JSON.parse(JSON.stringify(expected)));
        scored += rows.filter((r) => r.score !== null).length;
      }
    expect(scored).toBeGreaterThan(50);
    expect((await same('/api/regions/NOPE/scores')).status).toBe(404);
    expect((await same('/api/regions/SDN/scores?from=2019-01&to=2018-01')).status).toBe(400);
    expect((await same('/api/regions/SDN/scores?lens=nope')).status).toBe(400);
    for (const engine of ENGINES) {
      const { etag } = await answer(engine, '/api/regions/SDN/scores');
      expect((await answer(engine, '/api/regions/SDN/scores', { 'If-None-Match': etag! })).status, engine).toBe(304);
    }
  });

  it('computes another scenario’s series alike: in the worker pool over SQLite, in process on PostgreSQL', async () => {
    const res = await answer('sqlite', '/api/regions/SDN/scores?scenario=children-focus');
    expect(res.status).toBe(200);
    const baseline = JSON.parse((await answer('sqlite', '/api/regions/SDN/scores')).body) as { period: string }[];
    expect((JSON.parse(res.body) as { period: string }[]).map((r) => r.period)).toEqual(baseline.map((r) => r.period));
    const pg = await answer('postgres', '/api/regions/SDN/scores?scenario=children-focus');
    expect(pg.status).toBe(200);
    expect(pg.body).toBe(res.body);
  });

  it('on PostgreSQL, sees at the next read a score another pool changed', async () => {
    const path = '/api/regions/SDN/scores';
    const before = JSON.parse((await answer('postgres', path)).body) as { period: string; score: number | null }[];
    const month = before.find((r) => r.score !== null)!.period;
    const other = openPg(both.url());
    try {
      await other.$client.query(
        `update scores set score = 99.5 where region_code = 'SDN' and period = $1 and scenario = 'baseline' and lens = 'overall'`,
        [month],
      );
    } finally {
      await other.$client.end();
    }
    const after = JSON.parse((await answer('postgres', path)).body) as { period: string; score: number | null }[];
    expect(after.find((r) => r.period === month)!.score).toBe(99.5);
    const sqlite = JSON.parse((await answer('sqlite', path)).body) as { period: string; score: number | null }[];
    expect(sqlite.find((r) => r.period === month)!.score).not.toBe(99.5);
  });
});
