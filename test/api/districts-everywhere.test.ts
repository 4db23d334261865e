import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GeneratedBoundarySet } from '../../bench/generate-boundaries.ts';
import { startApp, type TestApp } from '../helpers/app.ts';
import { createUserAndLogin, type Credentials } from '../helpers/auth.ts';
import { uploadGeneratedDistricts } from '../helpers/districts.ts';

let app: TestApp;
let admin: Credentials;
let districts: GeneratedBoundarySet;
/** A Nigerian district given records of its own in June 2016, and its first-level region. */
let district: string;
let state: string;

const MONTH = '2016-06';

const get = async <T>(path: string, headers: Record<string, string> = {}) => {
  const res = await app.request(path, { headers });
  expect(res.status, `${path}: ${await res.clone().text()}`).toBe(200);
  return (await res.json()) as T;
};

const importCsv = async (csv: string) => {
  const res = await app.request('/api/imports', {
    method: 'POST',
    headers: { ...admin.bearer, 'Content-Type': 'text/csv' },
    body: `${csv}\n`,
  });
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as { rowsOk: number };
};

beforeAll(async () => {
  app = await startApp();
  admin = await createUserAndLogin(app, 'admin');
  districts = (await uploadGeneratedDistricts(app, admin, 7)).set;
  const nigerian = districts.collection.features
    .filter((f) => f.properties.ADM0_PCODE === 'NG')
    .map((f) => f.properties)
    .sort((a, b) => a.ADM2_PCODE.localeCompare(b.ADM2_PCODE));
  district = nigerian[0]!.ADM2_PCODE;
  state = nigerian[0]!.ADM1_PCODE;
  // Placed by the district column (#adm2+pcode); the third row leaves it blank and falls back to the
  // first-level region, so one file carries both levels.
  const report = await importCsv(
    [
      '#adm1+pcode,#adm2+pcode,#indicator+code,#date,#value,#meta+source',
      `${state},${district},tip.slave-markets,${MONTH},4,Partner report A`,
      `${state},${district},tip.child-recruitment,${MONTH},4,Partner report B`,
      `${state},,crsv.girls-school-absence,${MONTH},2,Partner report C`,
      // Conditions three months before, so the district has a trend (and a rise) by June.
      `${state},${district},afac.rf1,2016-03,2,Partner report A`,
      `${state},${district},crsv.girls-school-absence,2016-03,2,Partner report B`,
    ].join('\n'),
  );
  expect(report.rowsOk).toBe(5);
});
afterAll(() => app?.close());

interface Observation {
  region: string;
  indicatorId: string;
}

describe('districts in every view (issue 17)', () => {
  it('imports by #adm2+pcode, and names the district column when a p-code matches nothing', async () => {
    const list = await get<Observation[]>(`/api/observations?region=${district}`, admin.bearer);
    expect(list.map((o) => o.indicatorId).sort()).toEqual([
      'afac.rf1',
      'crsv.girls-school-absence',
      'tip.child-recruitment',
      'tip.slave-markets',
    ]);
    const ofState = await get<Observation[]>(`/api/observations?region=${state}`, admin.bearer);
    expect(ofState.map((o) => o.indicatorId)).toContain('crsv.girls-school-absence');

    const res = await app.request('/api/imports?dryRun=true', {
      method: 'POST',
      headers: { ...admin.bearer, 'Content-Type': 'text/csv' },
      body: `district,indicator,period,value,source\nNG99X999,tip.slave-markets,${MONTH},4,Partner\n`,
    });
    const body = (await res.json()) as { rowsRejected: { column: string; reason: string }[] };
    expect(body.rowsRejected[0]).toMatchObject({ column: 'district' });
    expect(body.rowsRejected[0]!.reason).toContain("'NG99X999'");
  });

  it('gives a district a profile: its first-level region above it and its neighbouring districts', async () => {
    const profile = await get<{
      level: number;
      parent: { code: string; level: number } | null;
      children: unknown[];
      neighbours: { code: string; level: number }[];
    }>(`/api/regions/${district}`);
    expect(profile).toMatchObject({ level: 2, parent: { code: state, level: 1 }, children: [] });
    expect(profile.neighbours.length).toBeGreaterThan(0);
    for (const n of profile.neighbours) expect(n.level).toBe(2);
  });

  it('writes a district brief on its own evidence, its region above it', async () => {
    const brief = await get<{
      region: { code: string; level: number; parent: { code: string } | null };
      score: { score: number | null; class: string };
      series: { period: string; score: number | null }[];
      metadata: { level: number; levelLabel: string; attribution: string[] };
    }>(`/api/export/brief?region=${district}&period=${MONTH}&lens=tip`);
    const [row] = (
      await get<{ region: string; score: number | null; class: string }[]>(
        `/api/scores?level=2&parent=${state}&period=${MONTH}&lens=tip`,
      )
    ).filter((r) => r.region === district);
    expect(brief.region).toMatchObject({ code: district, level: 2, parent: { code: state } });
    expect(brief.metadata).toMatchObject({ level: 2, levelLabel: 'Second-level regions (districts)' });
    expect(brief.metadata.attribution).toContain('Generated districts');
    expect(row!.score).not.toBeNull();
    expect(brief.score).toMatchObject({ score: row!.score, class: row!.class });
    expect(brief.series.find((p) => p.period === MONTH)!.score).toBe(row!.score);
  });

  it('exports districts as CSV, HXL (#adm2+code+pcode) and GeoJSON, one row per district', async () => {
    const all = await get<{ region: string; score: number | null }[]>(`/api/scores?level=2&period=${MONTH}&lens=tip`);
    const q = `period=${MONTH}&lens=tip&level=2`;
    const res = await app.request(`/api/export/scores.hxl.csv?${q}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain(`vigil-scores-tip-${MONTH}-admin2.hxl.csv`);
    const [header, tags, ...lines] = parse(await res.text(), { bom: true }) as string[][];
    const tagOf = (col: string) => tags![header!.indexOf(col)];
    expect([tagOf('region'), tagOf('name'), tagOf('adm1'), tagOf('country'), tagOf('rolled_up_from')]).toEqual([
      '#adm2+code+pcode',
      '#adm2+name',
      '#adm1+code',
      '#country+code',
      '#adm2+code+rollup',
    ]);
    expect(lines.map((l) => l[0]).sort()).toEqual(all.map((r) => r.region).sort());
    const mine = lines.find((l) => l[0] === district)!;
    expect(mine[header!.indexOf('adm1')]).toBe(state);
    expect(mine[header!.indexOf('country')]).toBe('NGA');
    expect(Number(mine[header!.indexOf('score')])).toBe(all.find((r) => r.region === district)!.score);

    const fc = await get<{
      features: { id: string; geometry: { type: string } | null; properties: { score: number | null } }[];
      metadata: { level: number };
    }>(`/api/export/scores.geojson?${q}`);
    expect(fc.metadata.level).toBe(2);
    expect(fc.features).toHaveLength(all.length);
    // Districts of both countries' sets have their shapes.
    expect(fc.features.filter((f) => f.geometry === null).map((f) => f.id)).toEqual([]);
    expect(new Set(fc.features.map((f) => f.id.slice(0, 2)))).toEqual(new Set(['IQ', 'NG']));
  });

  it('raises a district’s alerts at level 2, and never on a district whose records are its region’s', async () => {
    const alerts = await get<{ region: string; level: number; kind: string }[]>(
      `/api/alerts?period=${MONTH}&lens=tip&level=2`,
    );
    expect(alerts.length).toBeGreaterThan(0);
    for (const a of alerts) expect(a.level).toBe(2);
    expect(alerts.filter((a) => a.region === district).map((a) => a.kind)).toContain('new-direct-indicator');
    // The state's own record (girls missing from school) is inherited by its other districts: no alert on them.
    const siblings = districts.collection.features
      .filter((f) => f.properties.ADM1_PCODE === state && f.properties.ADM2_PCODE !== district)
      .map((f) => f.properties.ADM2_PCODE);
    expect(siblings.length).toBeGreaterThan(0);
    expect(alerts.filter((a) => siblings.includes(a.region))).toEqual([]);
    const own = await get<{ region: string; period: string }[]>(
      `/api/regions/${district}/alerts?lens=tip&from=${MONTH}&to=${MONTH}`,
    );
    expect(own.map((a) => a.region)).toEqual(alerts.filter((a) => a.region === district).map((a) => a.region));
    expect(await get(`/api/regions/${siblings[0]}/alerts?lens=tip`)).toEqual([]);
  });

  it('lists risers and compares a scenario at level 2, districts only', async () => {
    const risers = await get<{ region: string }[]>(`/api/risers?period=${MONTH}&lens=tip&level=2&months=3`);
    expect(risers.map((r) => r.region)).toContain(district);
    const cmp = await get<{ level: number; moves: { region: string }[] }>(
      `/api/scenarios/children-focus/compare?period=${MONTH}&lens=tip&level=2`,
    );
    expect(cmp.level).toBe(2);
    const codes = new Set(districts.collection.features.map((f) => f.properties.ADM2_PCODE));
    expect(cmp.moves.length).toBeGreaterThan(0);
    for (const m of cmp.moves) expect(codes.has(m.region), m.region).toBe(true);
    expect(cmp.moves.map((m) => m.region)).toContain(district);
  });

  it('still refuses level 3 on each of these routes, naming the field', async () => {
    for (const path of [
      '/api/alerts?level=3',
      '/api/risers?level=3',
      '/api/export/scores.csv?level=3',
      '/api/scenarios/children-focus/compare?level=3',
    ]) {
      const res = await app.request(path);
      expect(res.status, path).toBe(400);
      const body = (await res.json()) as { error: { fields: { field: string; message: string }[] } };
      expect(body.error.fields[0], path).toMatchObject({ field: 'level', message: 'must be 0, 1 or 2' });
    }
  });
});
