import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RegionCodeSchema } from '../../api/schemas.ts';
import { startServer, type RunningServer } from '../helpers/server.ts';

let server: RunningServer;
const get = (path: string, init?: RequestInit) => fetch(`${server.url}${path}`, init);

beforeAll(async () => {
  server = await startServer();
  console.log(`server start-up on an empty database: ${Math.round(server.startupMs)} ms`);
});
afterAll(() => server?.stop());

describe('public API on the bundled data', () => {
  it('reports health and version', async () => {
    const res = await get('/api/health');
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.status).toBe('ok');
    expect(body.version).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('lists every Natural Earth country and first-level region', async () => {
    const level1 = (await (await get('/api/regions?level=1')).json()) as {
      code: string;
      level: number;
      parent: string;
    }[];
    expect(level1.length).toBeGreaterThan(4000);
    expect(level1.every((r) => r.level === 1 && r.parent)).toBe(true);
    expect(new Set(level1.map((r) => r.code)).size).toBe(level1.length);
    const iraq = (await (await get('/api/regions?level=1&parent=IRQ')).json()) as { code: string; name: string }[];
    expect(iraq.map((r) => r.code)).toContain('IQ-NI');
    const countries = (await (await get('/api/regions?level=0')).json()) as { code: string }[];
    expect(countries.map((c) => c.code)).toEqual(expect.arrayContaining(['IRQ', 'NGA', 'LBY', 'SSD']));
  });

  it('gives every region a code the API accepts, Natural Earth placeholders included (Somaliland, Kashmir)', async () => {
    const all = (await (await get('/api/regions')).json()) as { code: string; name: string; level: number }[];
    const bad = all.filter((r) => !RegionCodeSchema.safeParse(r.code).success);
    expect(bad).toEqual([]);
    const somaliland = all.find((r) => r.name === 'Somaliland' && r.level === 1)!;
    expect(somaliland.code).toBe('SOL-X00');
    const res = await get(`/api/regions/${somaliland.code}/scores`);
    expect(res.status).toBe(200);
    expect(all.find((r) => r.name === 'Kashmir' && r.level === 1)?.code).toBe('KAS-X00');
  });

  it('serves boundaries whose features carry the region codes the scores use', async () => {
    const res = await get('/api/boundaries/1', { headers: { 'Accept-Encoding': 'gzip' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBeTruthy();
    const topo = (await res.json()) as {
      type: string;
      objects: Record<string, { geometries: { properties: { code: string } }[] }>;
    };
    expect(topo.type).toBe('Topology');
    const geoms = Object.values(topo.objects)[0]!.geometries;
    expect(geoms.length).toBeGreaterThan(4000);
    expect(geoms.find((g) => g.properties.code === 'IQ-NI')).toBeDefined();
    const again = await get('/api/boundaries/1', { headers: { 'If-None-Match': res.headers.get('etag')! } });
    expect(again.status).toBe(304);
  });

  it('lists months with data, and scores one row per region with the documented fields', async () => {
    const periods = (await (await get('/api/periods')).json()) as string[];
    expect(periods.length).toBeGreaterThan(0);
    expect(periods.every((p) => /^\d{4}-\d{2}$/.test(p))).toBe(true);
    const t0 = performance.now();
    const res = await get(`/api/scores?period=${periods.at(-1)}&lens=tip&level=1`);
    const text = await res.text();
    console.log(`/api/scores level 1: ${text.length} bytes in ${(performance.now() - t0).toFixed(1)} ms`);
    expect(res.status).toBe(200);
    const rows = JSON.parse(text) as Record<string, unknown>[];
    expect(rows.length).toBeGreaterThan(4000);
    for (const key of ['region', 'score', 'class', 'coverage', 'trend', 'drivers']) expect(rows[0]).toHaveProperty(key);
    const scored = rows.filter((r) => r.score !== null);
    expect(scored.length).toBeGreaterThan(0);
    expect(scored.every((r) => (r.score as number) >= 0 && (r.score as number) <= 10)).toBe(true);
    // No score: nothing at all (no-data), or country-level records only (shown beside the region, never as its score).
    for (const r of rows.filter((r) => r.score === null))
      if (r.basis === 'country') expect(r.class).toBe('insufficient-data');
      else expect(r).toMatchObject({ class: 'no-data', coverage: 0, basis: 'none' });
  });

  it('scores a documented hotspot: Ninewa (Iraq) in the months after August 2014', async () => {
    const series = (await (await get('/api/regions/IQ-NI/scores?lens=tip&from=2014-08&to=2015-06')).json()) as {
      period: string;
      score: number | null;
    }[];
    expect(series.some((s) => s.score !== null && s.score >= 6)).toBe(true);
  });

  it('rejects bad parameters with a 400 naming the parameter', async () => {
    for (const [query, field] of [
      ['period=2014-13', 'period'],
      ['period=latest', 'period'],
      ['lens=everything', 'lens'],
      ['level=3', 'level'],
    ] as const) {
      const res = await get(`/api/scores?${query}`);
      expect(res.status, query).toBe(400);
      const body = (await res.json()) as {
        error: { code: string; message: string; fields: { field: string; message: string }[] };
      };
      expect(body.error.fields.map((f) => f.field)).toContain(field);
      expect(body.error.message).toContain(field);
    }
  });

  it('answers unknown API routes and regions with 404 envelopes', async () => {
    expect((await get('/api/nothing-here')).status).toBe(404);
    const res = await get('/api/regions/ZZ-ZZ/scores');
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('not_found');
  });
});
