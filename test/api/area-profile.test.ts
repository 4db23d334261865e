import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MultiPolygon, Polygon } from 'geojson';
import { shapefileZip } from '../../bench/lib/shapefile-writer.ts';
import type { AreaProfile } from '../../api/services/areas/area-profile.ts';
import { MAX_AREA_VERTICES } from '../../api/services/areas/area-geometry.ts';
import { startApp, type TestApp } from '../helpers/app.ts';
import { box, MOSUL } from '../helpers/areas.ts';

let app: TestApp;
beforeAll(async () => {
  app = await startApp();
});
afterAll(() => app?.close());

type Envelope = { error: { code: string; message: string; fields: { field: string; message: string }[] } };

const profile = (body: unknown) =>
  app.request('/api/areas/profile', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });

async function fieldsOf(res: Response) {
  return ((await res.json()) as Envelope).error.fields.map((f) => f.field);
}

describe('POST /api/areas/profile with a drawn polygon', () => {
  let p: AreaProfile;
  beforeAll(async () => {
    const res = await profile({ geometry: MOSUL, from: '2016-01', to: '2016-12', name: 'Mosul corridor' });
    expect(res.status).toBe(200);
    p = (await res.json()) as AreaProfile;
  });

  it('lists the regions inside with area shares summing to 1, and leaves out a region outside', () => {
    const codes = p.regions.map((r) => r.code);
    expect(codes[0]).toBe('IQ-NI');
    expect(codes).toContain('IQ-DA');
    expect(codes).not.toContain('IQ-BA');
    expect(codes).not.toContain('SY-HA');
    expect(p.regions.reduce((s, r) => s + r.share, 0)).toBeCloseTo(1, 3);
    const ni = p.regions.find((r) => r.code === 'IQ-NI')!;
    // About 1° × 1.1° at 36° N is some 11,000 km²; Nineveh is some 37,000 km², so the area holds a part of it.
    expect(p.area.areaKm2).toBeGreaterThan(9_000);
    expect(p.area.areaKm2).toBeLessThan(13_000);
    expect(ni.regionShare).toBeGreaterThan(0.1);
    expect(ni.regionShare).toBeLessThan(0.5);
    expect(p.area).toMatchObject({ kind: 'polygon', level: 1, from: '2016-01', to: '2016-12', name: 'Mosul corridor' });
  });

  it('gives each region its class month by month over the range, and the area’s class shares per month', () => {
    for (const r of p.regions) expect(r.classes.map((c) => c.period)).toHaveLength(12);
    expect(p.classesByMonth).toHaveLength(12);
    for (const m of p.classesByMonth) expect(Object.values(m.shares).reduce((s, x) => s + x, 0)).toBeCloseTo(1, 2);
    // Nineveh under ISIL in 2016 is documented in the bundled cases: it has a class, not "no data".
    expect(p.regions.find((r) => r.code === 'IQ-NI')!.classes.at(-1)!.class).not.toBe('no-data');
  });

  it('combines exploitation forms, drivers with sources, coverage and the monitoring gaps', () => {
    expect(p.forms.length).toBeGreaterThan(0);
    expect(p.forms.reduce((s, f) => s + f.share, 0)).toBeCloseTo(1, 2);
    expect(p.drivers.length).toBeGreaterThan(0);
    expect(p.drivers.some((d) => d.sources.length > 0)).toBe(true);
    for (const d of p.drivers) expect(d.regions.every((c) => p.regions.some((r) => r.code === c))).toBe(true);
    expect(p.coverage.regions).toBe(p.regions.length);
    expect(p.coverage.coverage).toBeGreaterThan(0);
    expect(p.sources.length).toBeGreaterThan(0);
    expect(p.dataGaps.riskFactors.length).toBeGreaterThan(0);
    for (const g of p.monitoringGaps) expect(g.share).toBeGreaterThan(0);
    // Coverage is partial: some risk factors of the lens have no evidence anywhere in the area, and say so.
    const unseen = p.dataGaps.riskFactors.filter((f) => f.observedShare === 0);
    expect(unseen.length).toBeGreaterThan(0);
    expect(p.dataGaps.riskFactors.some((f) => f.observedShare > 0)).toBe(true);
    const gap = p.monitoringGaps.filter((g) => g.kind === 'risk-factor');
    expect(gap).toHaveLength(1);
    for (const f of unseen) expect(gap[0]!.text).toContain(f.label);
    expect(p.metadata.title).toContain('Mosul corridor');
  });

  it('shows observed values as the public explanation does, so a count below 5 stays "<5"', async () => {
    for (const d of p.drivers) {
      const res = await app.request(`/api/regions/${d.strongestIn}/explain?period=2016-12&lens=tip`);
      const e = (await res.json()) as {
        contributions: { indicatorId: string; display: string | null; points: number }[];
      };
      const shown = e.contributions.filter((c) => c.indicatorId === d.indicatorId).map((c) => c.display ?? 'observed');
      expect(shown, d.indicatorId).toContain(d.value);
    }
    expect(new Set(p.drivers.flatMap((d) => d.regions)).size).toBeLessThanOrEqual(p.regions.length);
    for (const d of p.drivers) expect(new Set(d.regions).size, d.indicatorId).toBe(d.regions.length);
  });
});

describe('POST /api/areas/profile with a list of regions', () => {
  it('weights each region by its area and counts the whole of it', async () => {
    const res = await profile({ regions: ['IQ-NI', 'IQ-DA'], to: '2016-06' });
    expect(res.status).toBe(200);
    const p = (await res.json()) as AreaProfile;
    const [ni, da] = [p.regions.find((r) => r.code === 'IQ-NI')!, p.regions.find((r) => r.code === 'IQ-DA')!];
    expect(ni.share + da.share).toBeCloseTo(1, 3);
    expect(ni.share).toBeGreaterThan(da.share);
    expect(ni.share / da.share).toBeCloseTo(ni.areaKm2 / da.areaKm2, 1);
    expect(ni.regionShare).toBe(1);
    expect(p.area).toMatchObject({ kind: 'regions', from: '2015-07', to: '2016-06' });
  });
});

describe('POST /api/areas/profile refuses bad input with a 4xx naming the field', () => {
  it('a geometry that is not a polygon', async () => {
    const res = await profile({ geometry: { type: 'Point', coordinates: [43, 36] } });
    expect(res.status).toBe(400);
    expect(await fieldsOf(res)).toContain('geometry.type');
  });

  it('a Feature holding a line', async () => {
    const res = await profile({
      geometry: {
        type: 'Feature',
        properties: {},
        geometry: {
          type: 'LineString',
          coordinates: [
            [43, 36],
            [44, 37],
          ],
        },
      },
    });
    expect(res.status).toBe(400);
    expect(await fieldsOf(res)).toEqual(['geometry.geometry.type']);
  });

  it('projected coordinates (not WGS 84), by the position at fault', async () => {
    const res = await profile({
      geometry: { type: 'Polygon', coordinates: [box(4_740_000, 4_290_000, 4_850_000, 4_440_000)] },
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as Envelope;
    expect(body.error.fields[0]!.field).toBe('geometry.coordinates.0.0');
    expect(body.error.fields[0]!.message).toMatch(/WGS 84/);
  });

  it('a crs member naming another system', async () => {
    const res = await profile({ geometry: { ...MOSUL, crs: { type: 'name', properties: { name: 'EPSG:3857' } } } });
    expect(res.status).toBe(400);
    expect(await fieldsOf(res)).toEqual(['geometry.crs']);
  });

  it('a ring that is not closed, or too short', async () => {
    const open = await profile({ geometry: { type: 'Polygon', coordinates: [box(42, 35, 43, 36).slice(0, 4)] } });
    expect(open.status).toBe(400);
    expect(await fieldsOf(open)).toEqual(['geometry.coordinates.0']);
    const short = await profile({
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [42, 35],
            [43, 35],
            [42, 35],
          ],
        ],
      },
    });
    expect(short.status).toBe(400);
    expect(await fieldsOf(short)).toEqual(['geometry.coordinates.0']);
  });

  it('an area with nothing in it (at sea in the Mediterranean): 422', async () => {
    const res = await profile({ geometry: { type: 'Polygon', coordinates: [box(18, 34, 19, 35)] } });
    expect(res.status).toBe(422);
    expect(await fieldsOf(res)).toEqual(['geometry']);
  });

  it('too many vertices', async () => {
    const n = MAX_AREA_VERTICES + 1;
    const ring = Array.from({ length: n }, (_, i) => {
      const t = (2 * Math.PI * i) / n;
      return [43 + Math.cos(t), 36 + Math.sin(t)];
    });
    ring.push(ring[0]!);
    const res = await profile({ geometry: { type: 'Polygon', coordinates: [ring] } });
    expect(res.status).toBe(400);
    const body = (await res.json()) as Envelope;
    expect(body.error.fields[0]).toMatchObject({ field: 'geometry' });
    expect(body.error.fields[0]!.message).toContain(String(MAX_AREA_VERTICES));
  });

  it('both a geometry and regions, an unknown region, mixed levels, a range backwards', async () => {
    const both = await profile({ geometry: MOSUL, regions: ['IQ-NI'] });
    expect(both.status).toBe(400);
    expect(await fieldsOf(both)).toEqual(['regions']);
    const unknown = await profile({ regions: ['IQ-NI', 'XX-ZZ'] });
    expect(unknown.status).toBe(400);
    expect(await fieldsOf(unknown)).toEqual(['regions.1']);
    const mixed = await profile({ regions: ['IRQ', 'IQ-NI'] });
    expect(mixed.status).toBe(400);
    expect(await fieldsOf(mixed)).toEqual(['regions']);
    const backwards = await profile({ regions: ['IQ-NI'], from: '2016-05', to: '2016-01' });
    expect(backwards.status).toBe(400);
    expect(await fieldsOf(backwards)).toEqual(['from']);
  });
});

describe('saved areas, kept with the account', () => {
  it('saves a drawn area, lists it for its owner only, and deletes it; both audited', async () => {
    const { createUserAndLogin } = await import('../helpers/auth.ts');
    const [owner, other] = [await createUserAndLogin(app, 'viewer'), await createUserAndLogin(app, 'viewer')];
    const send = (who: typeof owner, path: string, init: RequestInit = {}) =>
      app.request(path, { ...init, headers: { 'Content-Type': 'application/json', ...who.bearer } });
    const saved = await send(owner, '/api/areas', {
      method: 'POST',
      body: JSON.stringify({ name: 'Mosul corridor', geometry: MOSUL, from: '2016-01', to: '2016-12' }),
    });
    expect(saved.status).toBe(201);
    const area = (await saved.json()) as { id: number; name: string; geometry: unknown; lens: string };
    expect(area).toMatchObject({
      name: 'Mosul corridor',
      geometry: MOSUL,
      lens: 'tip',
      from: '2016-01',
      to: '2016-12',
    });
    const mine = (await (await send(owner, '/api/areas')).json()) as { id: number }[];
    expect(mine.map((a) => a.id)).toEqual([area.id]);
    expect(await (await send(other, '/api/areas')).json()).toEqual([]);
    expect((await send(other, `/api/areas/${area.id}`, { method: 'DELETE' })).status).toBe(404);
    expect((await send(owner, `/api/areas/${area.id}`, { method: 'DELETE' })).status).toBe(200);
    expect(await (await send(owner, '/api/areas')).json()).toEqual([]);
    const { db, t } = app.data;
    const actions = (await db.select().from(t.auditLog))
      .filter((r) => r.entity === 'saved_area' && r.entityId === String(area.id))
      .sort((a, b) => a.id - b.id);
    expect(actions.map((a) => a.action)).toEqual(['create', 'delete']);
  });

  it('refuses to save a bad area, naming the field, and writes nothing', async () => {
    const { createUserAndLogin } = await import('../helpers/auth.ts');
    const who = await createUserAndLogin(app, 'viewer');
    const post = (body: unknown) =>
      app.request('/api/areas', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...who.bearer },
        body: JSON.stringify(body),
      });
    const noName = await post({ regions: ['IQ-NI'] });
    expect(noName.status).toBe(400);
    expect(await fieldsOf(noName)).toEqual(['name']);
    const projected = await post({
      name: 'x',
      geometry: { type: 'Polygon', coordinates: [box(500_000, 0, 600_000, 100_000)] },
    });
    expect(projected.status).toBe(400);
    expect(await fieldsOf(projected)).toEqual(['geometry.coordinates.0.0']);
    const unknown = await post({ name: 'x', regions: ['XX-ZZ'] });
    expect(await fieldsOf(unknown)).toEqual(['regions.0']);
    expect(await (await app.request('/api/areas', { headers: who.bearer })).json()).toEqual([]);
  });
});

describe('POST /api/areas/read: an uploaded area file, read as the Admin upload reads boundary sets', () => {
  const mosul = {
    type: 'FeatureCollection' as const,
    features: [{ type: 'Feature' as const, properties: { name: 'Mosul' }, geometry: MOSUL as Polygon }],
  };
  const read = (body: BodyInit, fileName?: string) => {
    if (!fileName) return app.request('/api/areas/read', { method: 'POST', body });
    const form = new FormData();
    form.append('file', new Blob([body as BlobPart]), fileName);
    return app.request('/api/areas/read', { method: 'POST', body: form });
  };

  it('a zipped Shapefile becomes the profile’s geometry, and profiles like the drawn polygon', async () => {
    const res = await read(new Uint8Array(shapefileZip(mosul)), 'mosul.shp.zip');
    expect(res.status, await res.clone().text()).toBe(200);
    const area = (await res.json()) as { name: string; format: string; features: number; geometry: MultiPolygon };
    expect(area).toMatchObject({ name: 'mosul', format: 'shapefile', features: 1, geometry: { type: 'MultiPolygon' } });
    expect(area.geometry.coordinates).toHaveLength(1);
    const [fromFile, drawn] = await Promise.all(
      [area.geometry, MOSUL].map(async (geometry) => {
        const r = await profile({ geometry, from: '2016-01', to: '2016-03' });
        expect(r.status).toBe(200);
        return ((await r.json()) as AreaProfile).regions.map((x) => x.code).sort();
      }),
    );
    expect(fromFile).toContain('IQ-NI');
    expect(fromFile).toEqual(drawn);
  });

  it('refuses a projected Shapefile, a file without polygons and one that is not boundaries, with the reason', async () => {
    const utm = 'PROJCS["WGS_1984_UTM_Zone_38N",GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984"]]]';
    const points = {
      type: 'FeatureCollection',
      features: [{ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [43, 36] } }],
    };
    for (const [res, status, code, message] of [
      [
        await read(new Uint8Array(shapefileZip(mosul, { prj: utm })), 'mosul.zip'),
        422,
        'not_wgs84',
        /WGS_1984_UTM_Zone_38N, not WGS 84/,
      ],
      [await read(JSON.stringify(points)), 422, 'no_polygons', /has 1 features and none is a Polygon/],
      [await read('name,code\nA,1\n'), 400, 'invalid_file', /neither a zipped Shapefile nor JSON/],
    ] as const) {
      expect(res.status, code).toBe(status);
      const { error } = (await res.json()) as Envelope;
      expect(error.code).toBe(code);
      expect(error.fields[0]).toMatchObject({ field: 'file', message: expect.stringMatching(message) });
    }
  });

  it('refuses a file over 20 MB with a 413', async () => {
    const res = await app.request('/api/areas/read', {
      method: 'POST',
      headers: { 'Content-Type': 'application/zip', 'Content-Length': String(20 * 1024 * 1024 + 1) },
      body: 'PK',
    });
    expect(res.status).toBe(413);
    expect(((await res.json()) as Envelope).error.message).toBe('Area file is larger than the limit of 20 MB');
  });
});
