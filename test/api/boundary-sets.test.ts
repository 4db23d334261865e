import type { FeatureCollection, Polygon } from 'geojson';
import { topology } from 'topojson-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundledAdmin1, generateBoundarySet, type GeneratedBoundarySet } from '../../bench/generate-boundaries.ts';
import { shapefileZip } from '../../bench/lib/shapefile-writer.ts';
import type { BoundarySetReport } from '../../api/services/boundaries/report.ts';
import { regionMatcherAsync } from '../../api/services/imports/region-matcher.ts';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { startApp, type TestApp } from '../helpers/app.ts';
import { tileAt } from '../helpers/areas.ts';
import { createUserAndLogin, type Credentials } from '../helpers/auth.ts';

let app: TestApp;
let admin: Credentials;
let analyst: Credentials;
let flawed: GeneratedBoundarySet;
let clean: GeneratedBoundarySet;

type Refusal = {
  error: { code: string; message: string; fields: { field: string; message: string }[] };
  report: BoundarySetReport;
};

function upload(query: string, body: BodyInit, type = 'application/json', who: Credentials = admin) {
  return app.request(`/api/boundary-sets?${query}`, {
    method: 'POST',
    headers: { ...who.bearer, 'Content-Type': type },
    body,
  });
}
const STORE = 'licence=Test%20data%2C%20made%20up&validFrom=2016-01-01&source=Generated%20districts';

beforeAll(async () => {
  app = await startApp();
  admin = await createUserAndLogin(app, 'admin');
  analyst = await createUserAndLogin(app, 'analyst');
  const admin1 = bundledAdmin1();
  flawed = generateBoundarySet(admin1, { seed: 11 });
  clean = generateBoundarySet(admin1, { seed: 12, flaws: false });
});
afterAll(() => app?.close());

describe('boundary set upload: the dry run', () => {
  it('reports fields, the repaired ring, the duplicate code and every parent found by overlap, and writes nothing', async () => {
    const res = await upload('dryRun=true', JSON.stringify(topology({ districts: flawed.collection })));
    expect(res.status).toBe(422);
    const { error, report } = (await res.json()) as Refusal;
    expect(error.code).toBe('boundary_set_refused');
    expect(report).toMatchObject({
      format: 'topojson',
      status: 'refused',
      setId: null,
      features: flawed.collection.features.length,
      fields: { level: 2, code: 'ADM2_PCODE', names: ['ADM2_EN', 'ADM2_AR', 'ADM2_FR'], parent: 'ADM1_PCODE' },
      refused: [],
      missingCodes: [],
      clashes: [],
    });
    expect(report.repaired.map((r) => r.code)).toEqual([flawed.flaws!.invalid]);
    expect(report.duplicateCodes.map((d) => d.code)).toEqual([flawed.flaws!.duplicate]);
    expect(report.problems).toEqual([
      expect.stringMatching(new RegExp(`^code ${flawed.flaws!.duplicate} is used by 2`)),
    ]);
    // The COD parent codes (IQ007…) are unknown to Vigil: each is placed on the first-level region it was cut from.
    const codOf = flawed.parentCodes;
    expect(report.parentCodes).toHaveLength(codOf.size);
    for (const [stored, cod] of codOf)
      expect(report.parentCodes.find((p) => p.value === cod)).toMatchObject({ region: stored, by: 'overlap' });
    expect(report.parents.every((p) => p.by === 'overlap' && p.parent !== null)).toBe(true);
    expect(((await (await app.request('/api/regions?level=2')).json()) as unknown[]).length).toBe(0);
  });

  it('refuses a file that is not boundaries, with the reason and the field', async () => {
    const points: FeatureCollection = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { ADM2_PCODE: 'X1' }, geometry: { type: 'Point', coordinates: [44, 36] } },
      ],
    };
    const mixed = structuredClone(clean.collection);
    delete (mixed.features[0]!.properties as Partial<(typeof mixed.features)[0]['properties']>).ADM2_PCODE;
    const projected = { ...clean.collection, crs: { type: 'name', properties: { name: 'EPSG:32638' } } };
    // A COD admin-1 set: user sets are districts only (first-level regions are the bundled ones).
    const provinces = {
      ...clean.collection,
      features: clean.collection.features.map((f) => ({
        ...f,
        properties: { ADM1_PCODE: f.properties.ADM1_PCODE, ADM1_EN: f.properties.ADM1_PCODE, ADM0_PCODE: 'IQ' },
      })),
    };
    for (const [body, code, field, message] of [
      [JSON.stringify(points), 'no_polygons', 'file', /none is a Polygon/],
      [JSON.stringify(mixed), 'invalid_fields', 'file', /mixed levels: features have 1 at level 1/],
      [JSON.stringify(projected), 'not_wgs84', 'file', /EPSG:32638, not WGS 84/],
      [JSON.stringify(provinces), 'unsupported_level', 'level', /^is 1 \(detected from the fields\): only districts/],
      ['name,code\nA,1\n', 'invalid_file', 'file', /neither a zipped Shapefile nor JSON/],
    ] as const) {
      const res = await upload('dryRun=1', body);
      expect(res.status, code).toBe(code === 'invalid_file' ? 400 : 422);
      const { error } = (await res.json()) as Refusal;
      expect(error.code).toBe(code);
      expect(error.fields[0]).toMatchObject({ field, message: expect.stringMatching(message) });
    }
    const noName = await upload('dryRun=1&nameField=NAME', JSON.stringify(clean.collection));
    expect(((await noName.json()) as Refusal).error.fields[0]).toEqual({
      field: 'nameField',
      message: 'no name field NAME on the features',
    });
    const missing = structuredClone(clean.collection);
    missing.features[5]!.properties.ADM2_PCODE = ' ';
    const res = await upload('dryRun=1', JSON.stringify(missing));
    expect(((await res.json()) as Refusal).report.missingCodes).toEqual([
      { feature: 6, name: clean.collection.features[5]!.properties.ADM2_EN },
    ]);
  });

  it('needs an admin, a licence and a validity date to store, and refuses more than 200 MB with a 413', async () => {
    expect((await upload('dryRun=1', JSON.stringify(clean.collection), 'application/json', analyst)).status).toBe(403);
    const res = await upload('licence=x', JSON.stringify(clean.collection));
    expect(res.status).toBe(400);
    expect(((await res.json()) as Refusal).error.fields).toEqual([
      { field: 'validFrom', message: 'is required to store a set (YYYY-MM-DD)' },
    ]);
    const big = await app.request('/api/boundary-sets?dryRun=1', {
      method: 'POST',
      headers: { ...admin.bearer, 'Content-Type': 'application/zip', 'Content-Length': String(200 * 1024 * 1024 + 1) },
      body: 'PK',
    });
    expect(big.status).toBe(413);
    expect(((await big.json()) as Refusal).error.message).toBe(
      'Boundary set upload is larger than the limit of 200 MB',
    );
  });
});

describe('boundary set upload: storing and versions', () => {
  let setId: string;
  const iraqi = () => clean.collection.features.filter((f) => f.properties.ADM0_PCODE === 'IQ');

  it('stores a zipped Shapefile: districts keyed by p-code under their first-level region, names as aliases', async () => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(shapefileZip(clean.collection))]), 'adm2.shp.zip');
    const res = await app.request(`/api/boundary-sets?${STORE}&name=Generated%20admin-2`, {
      method: 'POST',
      headers: admin.session,
      body: form,
    });
    expect(res.status).toBe(201);
    const report = (await res.json()) as BoundarySetReport;
    expect(report).toMatchObject({ format: 'shapefile', status: 'stored', problems: [], version: null });
    setId = report.setId!;
    const sets = (await (await app.request('/api/boundary-sets', { headers: admin.bearer })).json()) as {
      id: string;
      validFrom: string;
    }[];
    expect(sets[0]).toMatchObject({ id: setId, validFrom: '2016-01-01', version: 1, series: setId, level: 2 });
    // Visitors read the list too (a past month's map needs the validity dates), without who uploaded.
    expect(sets[0]).toHaveProperty('uploadedBy', expect.stringMatching(/./));
    const anonymous = (await (await app.request('/api/boundary-sets')).json()) as Record<string, unknown>[];
    expect(anonymous[0]).toMatchObject({ id: setId, validFrom: '2016-01-01', uploadedBy: null });

    const nineveh = [...clean.parentCodes].find(([stored]) => stored === 'IQ-NI')![1];
    const want = clean.collection.features.filter((f) => f.properties.ADM1_PCODE === nineveh);
    const listed = (await (await app.request('/api/regions?level=2&parent=IQ-NI')).json()) as {
      code: string;
      name: string;
    }[];
    expect(listed.map((r) => r.code)).toEqual(want.map((f) => f.properties.ADM2_PCODE).sort());
    const topo = (await (await app.request('/api/boundaries/2')).json()) as {
      objects: Record<string, { geometries: unknown[] }>;
    };
    expect(topo.objects.adm2!.geometries).toHaveLength(clean.collection.features.length);

    // Names in every language, and the COD parent code, now match in imports; the country is the district's country.
    const matcher = await regionMatcherAsync(app.data);
    const d = iraqi()[0]!.properties;
    expect(matcher.match(d.ADM2_AR, 'Iraq')).toEqual({ ok: true, code: d.ADM2_PCODE, by: 'name' });
    expect(matcher.match(d.ADM2_FR, 'IRQ')).toEqual({ ok: true, code: d.ADM2_PCODE, by: 'name' });
    expect(matcher.countryOf(d.ADM2_PCODE)).toBe('IRQ');
    expect(matcher.match(nineveh)).toEqual({ ok: true, code: 'IQ-NI', by: 'code' });
    // Teaching one district the name of another district of the same country is refused.
    const taken = await app.request('/api/region-aliases', {
      method: 'POST',
      headers: { ...admin.bearer, 'Content-Type': 'application/json' },
      body: JSON.stringify({ alias: iraqi()[5]!.properties.ADM2_EN, region: d.ADM2_PCODE }),
    });
    expect(taken.status).toBe(409);
  });

  it('refuses the same codes as a new set (a clash), naming the series to give', async () => {
    const res = await upload(`${STORE}`, JSON.stringify(clean.collection));
    expect(res.status).toBe(422);
    const { report } = (await res.json()) as Refusal;
    expect(report.clashes).toHaveLength(clean.collection.features.length);
    expect(report.clashes[0]!.with).toContain(`give series=${setId}`);
    const sets = (await (await app.request('/api/boundary-sets', { headers: admin.bearer })).json()) as {
      level: number;
    }[];
    expect(sets.filter((s) => s.level === 2)).toHaveLength(1);
  });

  it('a second version keeps codes and observations, retires the dropped district and lists the changed geometry', async () => {
    const [dropped, moved] = [iraqi()[1]!, iraqi()[2]!];
    const sibling = iraqi().find(
      (f) =>
        f.properties.ADM1_PCODE === dropped.properties.ADM1_PCODE &&
        ![dropped, moved].some((d) => d.properties.ADM2_PCODE === f.properties.ADM2_PCODE),
    )!;
    // Records that inform the months after version 2 takes effect (2017-01), for the dropped district and one beside it.
    const imported = await app.request('/api/imports', {
      method: 'POST',
      headers: { ...admin.bearer, 'Content-Type': 'text/csv' },
      body: [
        '#adm1+pcode,#indicator+code,#date,#value,#meta+source',
        `${dropped.properties.ADM2_PCODE},afac.rf1,2016-05,2,Partner report`,
        `${dropped.properties.ADM2_PCODE},afac.rf1,2016-12,2,Partner report`,
        `${sibling.properties.ADM2_PCODE},afac.rf1,2016-12,2,Partner report`,
      ].join('\n'),
    });
    expect(imported.status, await imported.clone().text()).toBe(201);

    const next = structuredClone(clean.collection);
    next.features = next.features.filter((f) => f.properties.ADM2_PCODE !== dropped.properties.ADM2_PCODE);
    const ring = (
      next.features.find((f) => f.properties.ADM2_PCODE === moved.properties.ADM2_PCODE)!.geometry as Polygon
    ).coordinates[0]!;
    const mid = Math.floor(ring.length / 2);
    ring[mid] = [(ring[mid - 1]![0]! + ring[mid]![0]!) / 2, (ring[mid - 1]![1]! + ring[mid]![1]!) / 2];
    const dry = await upload(`dryRun=1&series=${setId}`, JSON.stringify(next));
    expect(dry.status).toBe(200);
    expect(((await dry.json()) as BoundarySetReport).version).toEqual({
      series: setId,
      version: 2,
      added: [],
      retired: [dropped.properties.ADM2_PCODE],
      restored: [],
      changedGeometry: [moved.properties.ADM2_PCODE],
      unchanged: next.features.length - 1,
    });

    const res = await upload(`${STORE.replace('2016-01-01', '2017-01-01')}&series=${setId}`, JSON.stringify(next));
    expect(res.status, await res.clone().text()).toBe(201);
    expect(((await res.json()) as BoundarySetReport).setId).toBe(`${setId}-v2`);
    const all = (await (await app.request('/api/regions?level=2')).json()) as {
      code: string;
      retiredAt: string | null;
    }[];
    expect(all).toHaveLength(clean.collection.features.length);
    expect(all.filter((r) => r.retiredAt).map((r) => r.code)).toEqual([dropped.properties.ADM2_PCODE]);
    const obs = (await (
      await app.request(`/api/observations?region=${dropped.properties.ADM2_PCODE}`, { headers: admin.bearer })
    ).json()) as { items?: unknown[] } | unknown[];
    expect(Array.isArray(obs) ? obs.length : obs.items!.length).toBe(2);
    const active = (await (await app.request('/api/boundary-sets', { headers: admin.bearer })).json()) as {
      id: string;
      level: number;
      isActive: boolean;
    }[];
    expect(active.filter((s) => s.level === 2).map((s) => [s.id, s.isActive])).toEqual([
      [`${setId}-v2`, true],
      [setId, false],
    ]);

    // Retired from the day version 2 took effect: scored for the months before it, not after.
    expect(all.find((r) => r.code === dropped.properties.ADM2_PCODE)!.retiredAt).toBe('2017-01-01');
    const series = (await (
      await app.request(`/api/regions/${dropped.properties.ADM2_PCODE}/scores?lens=overall`)
    ).json()) as { period: string; score: number | null }[];
    const months = series.filter((r) => r.score !== null).map((r) => r.period);
    expect(months).toEqual(expect.arrayContaining(['2016-05', '2016-12']));
    expect(months.filter((m) => m >= '2017-01')).toEqual([]);
    // …while the district beside it, with the same record, still is.
    const kept = (await (
      await app.request(`/api/regions/${sibling.properties.ADM2_PCODE}/scores?lens=overall&from=2017-01`)
    ).json()) as { score: number | null }[];
    expect(kept.filter((r) => r.score !== null).length).toBeGreaterThan(0);
  });

  it('the map of a month before the retirement still draws the retired district; after it, not', async () => {
    const dropped = iraqi()[1]!.properties.ADM2_PCODE;
    const codesOf = async (query: string) => {
      const res = await app.request(`/api/boundaries/2${query}`);
      expect(res.status).toBe(200);
      const topo = (await res.json()) as {
        objects: Record<string, { geometries: { properties: { code: string } }[] }>;
      };
      return Object.values(topo.objects)[0]!.geometries.map((g) => g.properties.code);
    };
    expect(await codesOf('?month=2016-12')).toContain(dropped);
    expect(await codesOf('?month=2014-03')).toContain(dropped); // before any version: the first one
    expect(await codesOf('?month=2017-01')).not.toContain(dropped);
    expect(await codesOf('')).not.toContain(dropped);
    expect(await codesOf('?month=2017-01')).toHaveLength(clean.collection.features.length - 1);

    // The tiles too: the tile under the district's first vertex has it in 2016, not in 2017.
    const [lon, lat] = (iraqi()[1]!.geometry as Polygon).coordinates[0]![0]!;
    const [x, y] = tileAt(lon!, lat!, 6);
    const tileCodes = async (month: string) => {
      const res = await app.request(`/api/tiles/2/6/${x}/${y}.pbf?month=${month}`);
      expect(res.status).toBe(200);
      const layer = new VectorTile(new PbfReader(new Uint8Array(await res.arrayBuffer()))).layers.regions;
      return Array.from({ length: layer?.length ?? 0 }, (_, i) => layer!.feature(i).properties.code);
    };
    expect(await tileCodes('2016-06')).toContain(dropped);
    expect(await tileCodes('2017-06')).not.toContain(dropped);

    const bad = await app.request('/api/boundaries/2?month=2016-13');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as Refusal).error.fields[0]).toMatchObject({ field: 'month' });
  });

  it('refuses a version whose validity date is not after the one in force, naming the field', async () => {
    const res = await upload(
      `${STORE.replace('2016-01-01', '2017-01-01')}&series=${setId}`,
      JSON.stringify(clean.collection),
    );
    expect(res.status).toBe(400);
    const body = (await res.json()) as Refusal;
    expect(body.error.fields[0]).toMatchObject({ field: 'validFrom' });
    expect(body.error.fields[0]!.message).toContain('2017-01-01');
  });

  it('a third version that brings the district back keeps the year it was retired: no scores then, scores again after', async () => {
    const dropped = iraqi()[1]!.properties.ADM2_PCODE;
    const imported = await app.request('/api/imports', {
      method: 'POST',
      headers: { ...admin.bearer, 'Content-Type': 'text/csv' },
      body: [
        '#adm1+pcode,#indicator+code,#date,#value,#meta+source',
        `${dropped},afac.rf1,2017-06,2,Partner report`,
        `${dropped},afac.rf1,2018-03,2,Partner report`,
      ].join('\n'),
    });
    expect(imported.status, await imported.clone().text()).toBe(201);
    const res = await upload(
      `${STORE.replace('2016-01-01', '2018-01-01')}&series=${setId}`,
      JSON.stringify(clean.collection),
    );
    expect(res.status, await res.clone().text()).toBe(201);
    expect(((await res.json()) as BoundarySetReport).version).toMatchObject({ restored: [dropped], retired: [] });

    const region = ((await (await app.request('/api/regions?level=2')).json()) as Record<string, unknown>[]).find(
      (r) => r.code === dropped,
    );
    expect(region).toMatchObject({ retiredAt: null, retiredSpans: [{ from: '2017-01-01', until: '2018-01-01' }] });
    const series = (await (
      await app.request(`/api/regions/${dropped}/scores?lens=overall&from=2016-01&to=2018-12`)
    ).json()) as { period: string; score: number | null }[];
    const scored = series.filter((r) => r.score !== null).map((r) => r.period);
    expect(scored).toEqual(expect.arrayContaining(['2016-05', '2016-12', '2018-03']));
    // The record of 2017-06 falls in the year it was retired: nothing is scored from it.
    expect(scored.filter((m) => m >= '2017-01' && m < '2018-01')).toEqual([]);

    const row = async (period: string) =>
      (
        (await (await app.request(`/api/scores?level=2&lens=overall&period=${period}`)).json()) as {
          region: string;
          class: string;
          retiredSince: string | null;
        }[]
      ).find((r) => r.region === dropped);
    expect(await row('2017-06')).toMatchObject({ class: 'no-data', retiredSince: '2017-01' });
    expect(await row('2018-03')).toMatchObject({ retiredSince: null });
    expect((await row('2018-03'))!.class).not.toBe('no-data');
    expect(await row('2016-12')).toMatchObject({ retiredSince: null });
  });
});

describe('two countries, each with its own set of districts', () => {
  let app2: TestApp;
  let admin2: Credentials;
  beforeAll(async () => {
    app2 = await startApp();
    admin2 = await createUserAndLogin(app2, 'admin');
  });
  afterAll(() => app2?.close());

  it('are both in force: the boundaries, the tiles and the neighbours of each', async () => {
    const countries = [...new Set(clean.collection.features.map((f) => f.properties.ADM0_PCODE))];
    expect(countries.length).toBeGreaterThanOrEqual(2);
    for (const country of countries) {
      const one = {
        ...clean.collection,
        features: clean.collection.features.filter((f) => f.properties.ADM0_PCODE === country),
      };
      const res = await app2.request(`/api/boundary-sets?${STORE}&name=Districts%20${country}`, {
        method: 'POST',
        headers: { ...admin2.bearer, 'Content-Type': 'application/json' },
        body: JSON.stringify(one),
      });
      expect(res.status, await res.clone().text()).toBe(201);
    }
    const topo = (await (await app2.request('/api/boundaries/2')).json()) as {
      objects: Record<string, { geometries: { properties: { code: string } }[] }>;
    };
    const codes = Object.values(topo.objects)[0]!.geometries.map((g) => g.properties.code);
    expect(codes.sort()).toEqual(clean.collection.features.map((f) => f.properties.ADM2_PCODE).sort());

    for (const country of countries) {
      const f = clean.collection.features.find((x) => x.properties.ADM0_PCODE === country)!;
      const [lon, lat] = (f.geometry as Polygon).coordinates[0]![0]!;
      const [x, y] = tileAt(lon!, lat!, 6);
      const res = await app2.request(`/api/tiles/2/6/${x}/${y}.pbf`);
      const layer = new VectorTile(new PbfReader(new Uint8Array(await res.arrayBuffer()))).layers.regions;
      const inTile = Array.from({ length: layer?.length ?? 0 }, (_, i) => layer!.feature(i).properties.code);
      expect(inTile).toContain(f.properties.ADM2_PCODE);
      const profile = (await (await app2.request(`/api/regions/${f.properties.ADM2_PCODE}`)).json()) as {
        neighbours: { code: string }[];
      };
      expect(profile.neighbours.length).toBeGreaterThan(0);
    }
  });
});
