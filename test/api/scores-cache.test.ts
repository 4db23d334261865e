import { gunzipSync, brotliDecompressSync } from 'node:zlib';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openDb } from '../../db/client.ts';
import { observationsAsync } from '../../db/queries/observations.ts';
import { rescoreAfterWriteAsync } from '../../api/services/scores/rescore-async.ts';
import { responseCache } from '../../api/services/scores/response-cache.ts';
import { startApp, type TestApp } from '../helpers/app.ts';

let server: TestApp;

beforeAll(async () => {
  server = await startApp();
});
afterAll(() => server?.close());

/** A GET with raw bytes back, as the app sent them (still encoded). */
async function get(
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  const res = await server.request(path, { headers });
  return { status: res.status, headers: Object.fromEntries(res.headers), body: Buffer.from(await res.arrayBuffer()) };
}

const MAP = '/api/scores?period=2014-08&lens=tip&level=1';

describe('score responses', () => {
  it('carry an ETag and answer 304 to a matching If-None-Match, with no body', async () => {
    const first = await get(MAP);
    expect(first.status).toBe(200);
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(first.headers['x-vigil-period']).toBe('2014-08');
    const again = await get(MAP, { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    expect((await get(MAP, { 'if-none-match': '"something-else"' })).status).toBe(200);
  });

  it('are compressed with brotli or gzip when the client accepts it, decoding to the same JSON', async () => {
    const plain = await get(MAP);
    const rows = JSON.parse(plain.body.toString()) as { region: string }[];
    expect(rows.length).toBeGreaterThan(4000);
    const gz = await get(MAP, { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.body.length).toBeLessThan(plain.body.length / 4);
    expect(gunzipSync(gz.body).equals(plain.body)).toBe(true);
    const br = await get(MAP, { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br.body).equals(plain.body)).toBe(true);
    expect(plain.headers.vary).toMatch(/Accept-Encoding/);
  });

  it('change as soon as another process rewrites the scores (a command-line import)', async () => {
    const before = await get('/api/scores?period=2014-08&lens=tip&level=1');
    const ninewa = () =>
      (JSON.parse(before.body.toString()) as { region: string; score: number | null }[]).find(
        (r) => r.region === 'IQ-NI',
      )!;
    await server.another(async (other) => {
      await observationsAsync.insert(other, {
        regionCode: 'IQ-NI',
        indicatorId: 'tip.slave-markets',
        period: '2014-08',
        value: 0,
        confidence: 'high',
        sourceCitation: 'test',
        enteredBy: 'test',
        enteredAt: '2026-01-01T00:00:00Z',
      });
      await rescoreAfterWriteAsync(other, ['IQ-NI']);
    });
    const after = await get('/api/scores?period=2014-08&lens=tip&level=1', {
      'if-none-match': before.headers.etag as string,
    });
    expect(after.status).toBe(200);
    expect(after.headers.etag).not.toBe(before.headers.etag);
    const now = (JSON.parse(after.body.toString()) as { region: string; score: number | null }[]).find(
      (r) => r.region === 'IQ-NI',
    )!;
    expect(now.score).not.toBe(ninewa().score);
  });

  it('computed live (a scenario) follow a write made on another connection, with no recompute and no notice', async () => {
    const live = '/api/scores?period=2014-08&lens=tip&level=1&scenario=children-focus';
    const scoreOf = async () =>
      (JSON.parse((await get(live)).body.toString()) as { region: string; score: number | null }[]).find(
        (r) => r.region === 'IQ-NI',
      )!.score!;
    const before = await scoreOf();
    // Another process (the command line, a second API process) writes an observation: nothing in
    // this process is told, only the data version moves.
    await server.another(async (other) => {
      await observationsAsync.insert(other, {
        regionCode: 'IQ-NI',
        indicatorId: 'tip.slave-markets',
        period: '2014-08',
        value: 1,
        confidence: 'high',
        sourceCitation: 'A second monitoring network, report 7',
        enteredBy: 'test',
        enteredAt: '2026-01-01T00:00:00Z',
      });
    });
    expect(await scoreOf()).toBeGreaterThan(before);
  });
});

describe('background preparation of likely next responses', () => {
  const app = (cache: ReturnType<typeof responseCache>, build: () => { body: unknown }) =>
    new Hono().get('/', (c) => cache.raw(c, 'k', build));

  it('builds a response after the current request, so the next request for it builds nothing', async () => {
    const db = openDb(':memory:');
    const cache = responseCache(db);
    let builds = 0;
    const build = () => ({ body: { n: ++builds } });
    cache.prefetch(() => [{ key: 'k', build }]);
    expect(builds).toBe(0);
    await new Promise((r) => setImmediate(r));
    expect(builds).toBe(1);
    const res = await app(cache, build).request('/');
    expect(await res.json()).toEqual({ n: 1 });
    expect(builds).toBe(1);
    db.$client.close();
  });

  it('does nothing once the database is closed, and never throws into the process', async () => {
    const db = openDb(':memory:');
    const cache = responseCache(db);
    let builds = 0;
    cache.prefetch(() => [{ key: 'a', build: () => ({ body: ++builds }) }]);
    db.$client.close();
    await new Promise((r) => setImmediate(r));
    expect(builds).toBe(0);

    const open = openDb(':memory:');
    const failing = responseCache(open);
    const errors: unknown[] = [];
    const spy = vi.spyOn(console, 'error').mockImplementation((...args) => void errors.push(args));
    failing.prefetch(() => [
      {
        key: 'b',
        build: () => {
          throw new Error('boom');
        },
      },
    ]);
    await new Promise((r) => setImmediate(r));
    spy.mockRestore();
    expect(String(errors[0])).toMatch(/Preparing b in the background failed/);
    open.$client.close();
  });
});
