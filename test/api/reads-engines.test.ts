import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app.ts';
import { ENGINES, seededOnBothEngines, type Engine } from '../helpers/engines.ts';

// The public read routes moved to the awaited interface, answered in process by one app per engine
// over the same data (the seeded database, and its copy in a private PostgreSQL).
const both = seededOnBothEngines();

type App = ReturnType<typeof createApp>;
let apps: Record<Engine, App>;
beforeAll(() => {
  apps = {
    sqlite: createApp({ db: both.seeded(), data: both.engines.sqlite(), version: 'test' }),
    postgres: createApp({ db: both.seeded(), data: both.engines.postgres(), version: 'test' }),
  };
});

/** One answer: status, the headers a client reads, and the body's bytes. */
async function answer(engine: Engine, path: string, headers: Record<string, string> = {}) {
  const res = await apps[engine].request(path, { headers });
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
async function same(path: string, headers: Record<string, string> = {}) {
  const [s, p] = await Promise.all(ENGINES.map((e) => answer(e, path, headers)));
  expect({ ...p!, body: p!.body.toString('base64') }, path).toEqual({ ...s!, body: s!.body.toString('base64') });
  return s!;
}
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

  it('lists the boundary sets and answers the health check alike', async () => {
    const sets = json<{ id: string; uploadedBy: string | null }[]>(await same('/api/boundary-sets'));
    expect(sets.length).toBeGreaterThanOrEqual(2);
    expect(json<{ status: string }>(await same('/api/health'))).toEqual({ status: 'ok', version: 'test' });
  });
});
