import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from '../helpers/app.ts';

// Heavy requests (a sensitivity run rescores every region once per random weighting) run in processes
// of their own, so the event loop stays free for everyone else; the gate bounds how many run at once.
// In process over a database file, as the server runs them: the children are real.

const SENSITIVITY = '/api/sensitivity?period=2016-07&lens=tip&level=0&runs=20';
const SCORES = '/api/scores?period=2016-07&lens=tip&level=1';

describe('eight heavy requests in flight', () => {
  let server: TestApp;
  beforeAll(() => {
    server = startApp({ env: { VIGIL_HEAVY_JOBS: '8', VIGIL_HEAVY_JOBS_PER_CLIENT: '8' } });
  });
  afterAll(() => server?.close());

  it('leave /api/health and a cached /api/scores answered before any of them finishes', async () => {
    expect((await server.request(SCORES)).status).toBe(200); // cached from here on
    const order: string[] = [];
    const heavy = Array.from({ length: 8 }, (_, i) =>
      server.request(`${SENSITIVITY}&seed=${i + 1}`).then(async (res) => {
        order.push('sensitivity');
        return { status: res.status, body: (await res.json()) as { seed: number; topRegions: unknown[] } };
      }),
    );
    const health = await server.request('/api/health');
    order.push('health');
    const scores = await server.request(SCORES);
    order.push('scores');
    expect(health.status).toBe(200);
    expect(scores.status).toBe(200);
    expect(order).toEqual(['health', 'scores']);

    const done = await Promise.all(heavy);
    expect(order).toHaveLength(10);
    for (const [i, r] of done.entries()) {
      expect(r.status).toBe(200);
      expect(r.body.seed).toBe(i + 1);
      expect(r.body.topRegions.length).toBeGreaterThan(0);
    }
  }, 300_000);
});

describe('the heavy-work gate (defaults: 2 at once, 1 per client)', () => {
  let server: TestApp;
  beforeAll(() => {
    server = startApp({ env: { VIGIL_TRUST_PROXY: 'true' } });
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
