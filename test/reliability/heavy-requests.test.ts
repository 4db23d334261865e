import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from '../helpers/app.ts';

// Heavy requests (a sensitivity run rescores every region once per random weighting) run in processes
// of their own, so the event loop stays free for everyone else; the gate bounds how many run at once.
// In process over a database file, as the server runs them: the children are real.

const SENSITIVITY = '/api/sensitivity?period=2016-07&lens=tip&level=0&runs=20';
const SCORES = '/api/scores?period=2016-07&lens=tip&level=1';

/**
 * Sends `paths` at once (with `SCORES` cached first), then `/api/health` and `SCORES` one after the
 * other: the order of the answers when those two were in (`early`), and then of all, with the heavy
 * answers.
 */
async function whileInFlight(server: TestApp, paths: string[]) {
  expect((await server.request(SCORES)).status).toBe(200); // cached from here on
  const order: string[] = [];
  const heavy = paths.map((path) =>
    server.request(path).then(async (res) => {
      order.push(path);
      return { path, status: res.status, text: await res.text(), type: res.headers.get('Content-Type') };
    }),
  );
  const health = await server.request('/api/health');
  order.push('health');
  const scores = await server.request(SCORES);
  order.push('scores');
  const early = [...order];
  return { early, health, scores, done: await Promise.all(heavy), order };
}

describe('eight heavy requests in flight', () => {
  let server: TestApp;
  beforeAll(async () => {
    server = await startApp({ env: { VIGIL_HEAVY_JOBS: '8', VIGIL_HEAVY_JOBS_PER_CLIENT: '8' } });
  });
  afterAll(() => server?.close());

  it('leave /api/health and a cached /api/scores answered before any of them finishes', async () => {
    const paths = Array.from({ length: 8 }, (_, i) => `${SENSITIVITY}&seed=${i + 1}`);
    const { early, health, scores, done, order } = await whileInFlight(server, paths);
    expect(health.status).toBe(200);
    expect(scores.status).toBe(200);
    expect(early).toEqual(['health', 'scores']);

    expect(order).toHaveLength(10);
    for (const [i, r] of done.entries()) {
      expect(r.status).toBe(200);
      const body = JSON.parse(r.text) as { seed: number; topRegions: unknown[] };
      expect(body.seed).toBe(i + 1);
      expect(body.topRegions.length).toBeGreaterThan(0);
    }
  }, 300_000);
});

// Downloads, months not cached yet, a scenario's scores, series and alerts, explanations and briefs
// are built in the worker pool (threads on their own read-only connections): the event loop only
// hands them over.
const HEAVY_READS = [
  '/api/export/scores.geojson?period=2016-07&lens=tip&level=1',
  '/api/alerts?period=2015-07&lens=tip&scenario=direct-evidence',
  '/api/export/scores.csv?period=2016-07&lens=tip&level=1',
  '/api/export/scores.hxl.csv?period=2015-07&lens=overall&level=1',
  '/api/scores?period=2016-07&lens=tip&level=1&scenario=children-focus',
  '/api/regions/IRQ/scores?lens=tip&scenario=structural-drivers',
  '/api/regions/IRQ/explain?period=2016-07&lens=tip',
  '/api/export/brief?region=IRQ&period=2016-07&lens=tip',
  '/api/scenarios/children-focus/compare?period=2016-07&lens=tip&level=1',
  // The first tile of a boundary set builds the set's whole tile index (not gated: the map asks for many tiles at once).
  '/api/tiles/1/0/0/0.pbf',
];

describe('ten heavy public reads in flight', () => {
  let server: TestApp;
  beforeAll(async () => {
    server = await startApp({ env: { VIGIL_HEAVY_READS: '9', VIGIL_HEAVY_READS_PER_CLIENT: '9' } });
  });
  afterAll(() => server?.close());

  it('leave /api/health and a cached /api/scores answered before any of them finishes', async () => {
    const { early, health, scores, done, order } = await whileInFlight(server, HEAVY_READS);
    expect(health.status).toBe(200);
    expect(scores.status).toBe(200);
    expect(((await scores.json()) as unknown[]).length).toBeGreaterThan(100);
    expect(early).toEqual(['health', 'scores']);

    expect(order).toHaveLength(12);
    for (const r of done) expect(r.status, r.path).toBe(200);
    const [geojson, alerts, csv, hxl, scenario, series, explanation, brief, comparison, tile] = done;
    expect((JSON.parse(geojson!.text) as { features: unknown[] }).features.length).toBeGreaterThan(100);
    expect(csv!.text.split('\n').length).toBeGreaterThan(100);
    expect(hxl!.text.split('\n')[1]).toMatch(/^#/);
    expect(scenario!.type).toMatch(/json/);
    expect((JSON.parse(scenario!.text) as { region: string }[]).length).toBeGreaterThan(100);
    expect(Array.isArray(JSON.parse(alerts!.text))).toBe(true);
    expect((JSON.parse(series!.text) as { period: string }[]).length).toBeGreaterThan(12);
    expect((JSON.parse(explanation!.text) as { region: string }).region).toBe('IRQ');
    expect((JSON.parse(brief!.text) as { region: { code: string } }).region.code).toBe('IRQ');
    const cmp = JSON.parse(comparison!.text) as { scenario: string; period: string; summary: unknown };
    expect([cmp.scenario, cmp.period]).toEqual(['children-focus', '2016-07']);
    expect(cmp.summary).not.toBeNull();
    expect(tile!.type).toBe('application/vnd.mapbox-vector-tile');
    expect(tile!.text.length).toBeGreaterThan(1000);
  }, 300_000);
});

describe('the heavy-work gate (defaults: 2 at once, 1 per client)', () => {
  let server: TestApp;
  beforeAll(async () => {
    server = await startApp({ env: { VIGIL_TRUST_PROXY: 'true' } });
  });
  afterAll(() => server?.close());
  const from = (address: string, query: string) =>
    server.request(`${SENSITIVITY}&${query}`, { headers: { 'X-Forwarded-For': address } });

  it('refuses a second computation of one client and a third of the server with 429 and Retry-After, never a shared one', async () => {
    const a = from('10.0.0.1', 'seed=101');
    const aAgain = await from('10.0.0.1', 'seed=102');
    expect(aAgain.status).toBe(429);
    expect(aAgain.headers.get('Retry-After')).toMatch(/^\d+$/);
    const refusal = (await aAgain.json()) as { error: { code: string; message: string } };
    expect(refusal.error.code).toBe('busy');
    expect(refusal.error.message).toMatch(/You already have 1 heavy computation running/);

    const b = from('10.0.0.2', 'seed=103');
    const c = await from('10.0.0.3', 'seed=104');
    expect(c.status).toBe(429);
    expect(((await c.json()) as { error: { message: string } }).error.message).toMatch(/running 2 heavy computations/);

    // The same query as one under way is not new work: it shares that computation's answer.
    const shared = from('10.0.0.3', 'seed=101');
    const [ra, rb, rs] = await Promise.all([a, b, shared]);
    expect([ra.status, rb.status, rs.status]).toEqual([200, 200, 200]);
    expect(await rs.json()).toEqual(await ra.json());

    // Once they ended, the client refused before is served.
    expect((await from('10.0.0.3', 'seed=104')).status).toBe(200);
  }, 300_000);

  it('limits anonymous runs, naming the parameter', async () => {
    const res = await server.request(`/api/sensitivity?period=2016-07&runs=201`);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { fields: { field: string; message: string }[] } };
    expect(body.error.fields).toEqual([{ field: 'runs', message: 'must be at most 200 without signing in' }]);
  });
});

describe('the gate of heavy reads (defaults: 16 at once, 6 per client)', () => {
  let server: TestApp;
  beforeAll(async () => {
    server = await startApp({ env: { VIGIL_TRUST_PROXY: 'true', VIGIL_HEAVY_READS: '7' } });
  });
  afterAll(() => server?.close());
  const from = (address: string, path: string) => server.request(path, { headers: { 'X-Forwarded-For': address } });
  const month = (i: number) =>
    `/api/export/scores.csv?level=1&lens=tip&period=${2014 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;

  // Sent together, the requests are checked in the order they arrived, whatever order the reads before
  // the gate's check come back in (on PostgreSQL, any order), and before any build can end.
  it('refuses a seventh build of one client and an eighth of the server with 429 and Retry-After, never a shared or cached one', async () => {
    const first = Array.from({ length: 6 }, (_, i) => from('10.0.1.1', month(i)));
    const seventhSent = from('10.0.1.1', month(6));
    // The same file as one being built is not new work: it waits for that build.
    const shared = from('10.0.1.1', month(0));
    const other = from('10.0.1.2', month(7));
    const refusedSent = from('10.0.1.3', month(8));

    const seventh = await seventhSent;
    expect(seventh.status).toBe(429);
    expect(seventh.headers.get('Retry-After')).toMatch(/^\d+$/);
    const refusal = (await seventh.json()) as { error: { code: string; message: string } };
    expect(refusal.error.code).toBe('busy');
    expect(refusal.error.message).toMatch(/You already have 6 heavy computations running/);

    const refused = await refusedSent;
    expect(refused.status).toBe(429);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(/running 7 heavy/);

    const done = await Promise.all([...first, shared, other]);
    expect(done.map((r) => r.status)).toEqual(Array(8).fill(200));
    expect(await done[6]!.text()).toBe(await done[0]!.text());
    // Built once, kept: asked again while the server is free, or by the refused client, it is served.
    expect((await from('10.0.1.3', month(0))).status).toBe(200);
    expect((await from('10.0.1.3', month(8))).status).toBe(200);
  }, 300_000);
});
