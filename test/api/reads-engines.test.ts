import { describe, expect, it } from 'vitest';
import { openPg } from '../../db/pg/client.ts';
import { ENGINES, sameOnEngines, seededOnBothEngines, type Engine } from '../helpers/engines.ts';
import { appsOnBothEngines } from '../helpers/engine-apps.ts';

// The public read routes moved to the awaited interface, answered in process by one app per engine
// over the same data (the seeded database, and its copy in a private PostgreSQL).
const both = seededOnBothEngines();

const apps = appsOnBothEngines(both);

/** One answer: status, the headers a client reads, and the body's bytes. */
async function answer(engine: Engine, path: string, headers: Record<string, string> = {}) {
  const res = await apps()[engine].request(path, { headers });
  const body = Buffer.from(await res.arrayBuffer());
  return {
    status: res.status,
    etag: res.headers.get('ETag'),
    type: res.headers.get('Content-Type'),
    encoding: res.headers.get('Content-Encoding'),
    body,
  };
}

/** Both engines' answers to `path`, checked equal byte for byte; the SQLite one is returned. */
const same = (path: string, headers: Record<string, string> = {}) =>
  sameOnEngines(
    (e) => answer(e, path, headers),
    path,
    (a) => ({ ...a, body: a.body.toString('base64') }),
  );
const json = <T>(a: { body: Buffer }) => JSON.parse(a.body.toString()) as T;

describe('catalogue', () => {
  it('answers the same bytes on both engines', async () => {
    expect(json<unknown[]>(await same('/api/frameworks')).length).toBe(4);
    expect(json<unknown[]>(await same('/api/indicators')).length).toBeGreaterThan(50);
    await same('/api/indicators?framework=tip&relevance=direct&lang=fr');
    await same('/api/indicators?form=sexual_exploitation');
    expect((await same('/api/indicators?group=nope')).status).toBe(400);
    await same('/api/indicator-groups?framework=crsv');
    await same('/api/exploitation-forms?lang=ar');
    const versions = json<{ id: string }[]>(await same('/api/catalogue/versions'));
    expect(versions.length).toBeGreaterThan(0);
    expect(json<{ snapshot: unknown }>(await same(`/api/catalogue/versions/${versions[0]!.id}`)).snapshot).toBeTruthy();
    expect((await same('/api/catalogue/versions/nope')).status).toBe(404);
  });
});

describe('regions', () => {
  it('lists and profiles regions with the same bytes on both engines', async () => {
    expect(json<unknown[]>(await same('/api/regions')).length).toBeGreaterThan(150);
    const sudan = json<{ code: string }[]>(await same('/api/regions?level=1&parent=SDN'));
    expect(sudan.length).toBeGreaterThan(5);
    await same('/api/regions?level=2');
    await same('/api/regions?level=2&parent=SDN');
    const profile = json<{ neighbours: unknown[]; children: unknown[] }>(await same('/api/regions/SDN?lang=fr'));
    expect(profile.neighbours.length).toBeGreaterThan(3);
    expect(profile.children.length).toBe(sudan.length);
    const first = json<{ parent: { code: string } }>(await same(`/api/regions/${sudan[0]!.code}`));
    expect(first.parent.code).toBe('SDN');
    expect((await same('/api/regions/NOPE')).status).toBe(404);
    expect((await same('/api/regions?level=9')).status).toBe(400);
  });
});

describe('boundaries, boundary sets and health', () => {
  it('serves the same topology, ETag and gzip bytes on both engines, and 304 for the ETag', async () => {
    const countries = await same('/api/boundaries/0');
    expect(countries.status).toBe(200);
    expect(json<{ type: string }>(countries).type).toBe('Topology');
    await same('/api/boundaries/1?month=2020-01', { 'Accept-Encoding': 'gzip' });
    for (const engine of ENGINES) {
      const again = await answer(engine, '/api/boundaries/0', { 'If-None-Match': countries.etag! });
      expect(again.status, engine).toBe(304);
    }
    expect((await same('/api/boundaries/7')).status).toBe(400);
  });

  it('cuts the same vector tiles on both engines (read pool over SQLite, in process on PostgreSQL), 304 for the ETag', async () => {
    const world = await same('/api/tiles/0/0/0/0.pbf');
    expect(world.status).toBe(200);
    expect(world.body.length).toBeGreaterThan(1000);
    await same('/api/tiles/1/3/4/3.pbf?month=2020-01', { 'Accept-Encoding': 'gzip' });
    await same('/api/tiles/1/8/255/0.pbf');
    for (const engine of ENGINES)
      expect((await answer(engine, '/api/tiles/0/0/0/0.pbf', { 'If-None-Match': world.etag! })).status).toBe(304);
    expect((await same('/api/tiles/0/9/0/0.pbf')).status).toBe(400);
  });

  it('lists the boundary sets and answers the health check alike', async () => {
    const sets = json<{ id: string; uploadedBy: string | null }[]>(await same('/api/boundary-sets'));
    expect(sets.length).toBeGreaterThanOrEqual(2);
    expect(json<{ status: string }>(await same('/api/health'))).toEqual({ status: 'ok', version: 'test' });
  });
});

describe('scores', () => {
  it('answers /api/periods, /api/scores and /api/scores/map with the same bytes, compressed alike', async () => {
    const periods = json<string[]>(await same('/api/periods'));
    expect(periods.length).toBeGreaterThan(12);
    const latest = json<{ region: string; score: number | null }[]>(await same('/api/scores'));
    expect(latest.filter((r) => r.score !== null).length).toBeGreaterThan(10);
    await same(`/api/scores?period=${periods[0]}&lens=tip&level=1`);
    await same('/api/scores?level=1&parent=SDN');
    await same(`/api/scores/map?period=${periods.at(-2)}&level=1&lens=crsv`, { 'Accept-Encoding': 'br' });
    const map = await same('/api/scores/map', { 'Accept-Encoding': 'gzip' });
    expect(map.encoding).toBe('gzip');
    for (const engine of ENGINES)
      for (const path of ['/api/scores/map', '/api/scores']) {
        const { etag } = await answer(engine, path);
        expect((await answer(engine, path, { 'If-None-Match': etag! })).status, `${engine} ${path}`).toBe(304);
      }
    expect((await same('/api/scores?period=2020-13')).status).toBe(400);
  });

  it('on PostgreSQL, sees at the next read a write another pool made (a region renamed, a score changed)', async () => {
    const other = openPg(both.url());
    try {
      const before = await answer('postgres', '/api/scores');
      const map = await answer('postgres', '/api/scores/map');
      const period = before.etag && json<{ period: string }>(map).period;
      const row = json<{ region: string; score: number | null }[]>(before).find((r) => r.score !== null)!;
      await other.$client.query(`update regions set name = 'Renamed elsewhere' where code = $1`, [row.region]);
      await other.$client.query(
        `update scores set score = 99.5 where region_code = $1 and period = $2 and scenario = 'baseline' and lens = 'overall'`,
        [row.region, period],
      );
      const after = await answer('postgres', '/api/scores', { 'If-None-Match': before.etag! });
      expect(after.status).toBe(200);
      expect(json<{ region: string; name: string }[]>(after).find((r) => r.region === row.region)!.name).toBe(
        'Renamed elsewhere',
      );
      const mapAfter = json<{ regions: string[]; score: number[] }>(
        await answer('postgres', '/api/scores/map', { 'If-None-Match': map.etag! }),
      );
      expect(mapAfter.score[mapAfter.regions.indexOf(row.region)]).toBe(99.5);
      const profile = json<{ name: string }>(await answer('postgres', `/api/regions/${row.region}`));
      expect(profile.name).toBe('Renamed elsewhere');
      // SQLite is another database: untouched.
      expect(json<{ name: string }>(await answer('sqlite', `/api/regions/${row.region}`)).name).not.toBe(
        'Renamed elsewhere',
      );
    } finally {
      await other.$client.end();
    }
  });
});
