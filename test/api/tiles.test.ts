import { gunzipSync } from 'node:zlib';
import type { FeatureCollection } from 'geojson';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { topology } from 'topojson-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { startApp, type TestApp } from '../helpers/app.ts';
import { tileAt } from '../helpers/areas.ts';

let app: TestApp;
beforeAll(async () => {
  app = await startApp();
});
afterAll(() => app.close());

/** Decodes a tile's `regions` layer: each feature's id, code, name and number of vertices. */
function regionsOf(bytes: Uint8Array) {
  const layer = new VectorTile(new PbfReader(bytes)).layers.regions;
  if (!layer) return [];
  return Array.from({ length: layer.length }, (_, i) => {
    const f = layer.feature(i);
    return {
      id: f.id,
      type: f.type,
      code: f.properties.code,
      name: f.properties.name,
      vertices: f.loadGeometry().reduce((n, ring) => n + ring.length, 0),
    };
  });
}

async function tile(path: string, init?: RequestInit) {
  const res = await app.request(path, init);
  return { res, bytes: new Uint8Array(await res.arrayBuffer()) };
}

describe('GET /api/tiles/{level}/{z}/{x}/{y}.pbf', () => {
  it('cuts first-level regions into tiles carrying the region code, with an id stable across tiles and zooms', async () => {
    const [x5, y5] = tileAt(43.1, 36.3, 5); // Mosul, Nineveh (IQ-NI)
    const { res, bytes } = await tile(`/api/tiles/1/5/${x5}/${y5}.pbf`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.mapbox-vector-tile');
    const z5 = regionsOf(bytes);
    const nineveh = z5.find((f) => f.code === 'IQ-NI');
    expect(nineveh).toMatchObject({ type: 3, name: expect.stringMatching(/Ninawa|Nineveh|Ninewa/) });
    expect(nineveh!.id).toBeGreaterThan(0);
    // The same region at zoom 2 and 7: the same numeric id, and fewer vertices where it is drawn smaller.
    const [x2, y2] = tileAt(43.1, 36.3, 2);
    const z2 = regionsOf((await tile(`/api/tiles/1/2/${x2}/${y2}.pbf`)).bytes);
    const [x7, y7] = tileAt(43.1, 36.3, 7);
    const z7 = regionsOf((await tile(`/api/tiles/1/7/${x7}/${y7}.pbf`)).bytes);
    const at2 = z2.find((f) => f.code === 'IQ-NI');
    expect(at2?.id).toBe(nineveh!.id);
    expect(z7.find((f) => f.code === 'IQ-NI')?.id).toBe(nineveh!.id);
    expect(at2!.vertices).toBeLessThan(nineveh!.vertices);
    // A world tile holds regions of every continent (the smallest left out at this zoom; a region
    // crossing the antimeridian comes twice, wrapped).
    const world = regionsOf((await tile('/api/tiles/1/0/0/0.pbf')).bytes);
    expect(new Set(world.map((f) => f.code)).size).toBeGreaterThan(2000);
    expect(world.map((f) => f.code)).toEqual(expect.arrayContaining(['IQ-NI', 'NG-BO', 'US-TX']));
  });

  it('serves countries too, and an empty tile where no region reaches', async () => {
    const [x, y] = tileAt(43.1, 36.3, 4);
    const countries = regionsOf((await tile(`/api/tiles/0/4/${x}/${y}.pbf`)).bytes);
    expect(countries.map((f) => f.code)).toEqual(expect.arrayContaining(['IRQ', 'SYR', 'TUR']));
    const [ox, oy] = tileAt(-140, -45, 6); // the South Pacific
    const ocean = await tile(`/api/tiles/1/6/${ox}/${oy}.pbf`);
    expect(ocean.res.status).toBe(200);
    expect(ocean.bytes.length).toBe(0);
  });

  it('answers 304 to its ETag, and gzip when asked', async () => {
    const { res, bytes } = await tile('/api/tiles/1/3/5/3.pbf');
    const etag = res.headers.get('etag')!;
    expect(etag).toMatch(/^".+\.3\.5\.3"$/);
    expect((await app.request('/api/tiles/1/3/5/3.pbf', { headers: { 'If-None-Match': etag } })).status).toBe(304);
    const gz = await tile('/api/tiles/1/3/5/3.pbf', { headers: { 'Accept-Encoding': 'gzip' } });
    expect(gz.res.headers.get('content-encoding')).toBe('gzip');
    expect(gz.bytes.length).toBeLessThan(bytes.length);
    expect(Buffer.from(gunzipSync(gz.bytes)).equals(Buffer.from(bytes))).toBe(true);
  });

  it('names the bad part of a tile address', async () => {
    const field = async (path: string) => {
      const res = await app.request(path);
      expect(res.status, path).toBe(400);
      return ((await res.json()) as { error: { fields: { field: string; message: string }[] } }).error.fields;
    };
    expect(await field('/api/tiles/1/9/0/0.pbf')).toEqual([{ field: 'z', message: 'must be 0 to 8' }]);
    expect(await field('/api/tiles/1/2/4/0.pbf')).toEqual([{ field: 'x', message: 'must be below 4 at zoom 2' }]);
    expect(await field('/api/tiles/1/2/0/7.pbf')).toEqual([{ field: 'y', message: 'must be below 4 at zoom 2' }]);
    expect((await field('/api/tiles/1/2/0/1.png'))[0]!.field).toBe('y');
    expect((await field('/api/tiles/3/0/0/0.pbf'))[0]!.field).toBe('level');
  });

  it('cuts a boundary set again when it is replaced, and only then', async () => {
    const before = await tile('/api/tiles/1/0/0/0.pbf');
    const again = await tile('/api/tiles/1/0/0/0.pbf');
    expect(again.res.headers.get('etag')).toBe(before.res.headers.get('etag'));
    const admin1: FeatureCollection = {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { code: 'XX-SQ', name: 'Square' },
          geometry: {
            type: 'Polygon',
            coordinates: [
              [
                [10, 10],
                [20, 10],
                [20, 20],
                [10, 20],
                [10, 10],
              ],
            ],
          },
        },
      ],
    };
    const square = topology({ admin1 });
    const { db, t } = app.data;
    await db
      .update(t.boundarySets)
      .set({ topology: JSON.stringify(square), loadedAt: '2099-01-01T00:00:00Z' })
      .where(and(eq(t.boundarySets.level, 1), eq(t.boundarySets.isActive, true)));
    const after = await tile('/api/tiles/1/0/0/0.pbf');
    expect(after.res.headers.get('etag')).not.toBe(before.res.headers.get('etag'));
    expect(regionsOf(after.bytes)).toEqual([{ id: 1, type: 3, code: 'XX-SQ', name: 'Square', vertices: 5 }]);
  });
});
