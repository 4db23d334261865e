import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { regionMatcherAsync } from '../../api/services/imports/region-matcher.ts';
import { regionMatchAsync } from '../../db/queries/imports.ts';
import { createEventPlacerAsync, UCDP_CITATION } from '../../api/services/ucdp/import-ucdp.ts';
import { createUserAndLogin, type Credentials } from '../helpers/auth.ts';
import { startApp, type TestApp } from '../helpers/app.ts';

const SAMPLE = 'db/seed/ucdp/ged-sample.csv';
const events = parse(readFileSync(SAMPLE), { columns: true }) as Record<string, string>[];

describe('placing the bundled UCDP GED sample in first-level regions', () => {
  // The seeded regions and boundaries, on the engine the test runs on, read through the awaited interface.
  let app: TestApp;
  let byNeCode: Map<string, string>;
  let placed: { e: Record<string, string>; p: { code: string | null; by: string } }[];
  beforeAll(async () => {
    app = await startApp();
    const place = await createEventPlacerAsync(app.data, await regionMatcherAsync(app.data));
    byNeCode = new Map(
      (await regionMatchAsync.data(app.data)).aliases
        .filter((a) => a.kind === 'ne')
        .map((a) => [a.alias, a.regionCode]),
    );
    placed = events.map((e) => ({
      e,
      p: place({
        lon: Number(e.longitude),
        lat: Number(e.latitude),
        iso3: e.iso3!,
        country: e.country!,
        adm1: e.adm_1!,
        wherePrec: Number(e.where_prec),
      }),
    }));
  });
  afterAll(() => app?.close());

  it('agrees with the independent polygon join shipped with the data wherever the point lies in its own country', () => {
    const own = placed.filter(
      ({ e }) =>
        e.ne_iso_3166_2 &&
        e.ne_iso_3166_2.slice(0, 2) === { IRQ: 'IQ', NGA: 'NG', SSD: 'SS' }[e.iso3!] &&
        Number(e.where_prec) <= 4,
    );
    expect(own).toHaveLength(560);
    for (const { e, p } of own)
      expect({ id: e.id, code: p.code, by: p.by }).toEqual({
        id: e.id,
        code: byNeCode.get(e.ne_adm1_code!),
        by: 'polygon',
      });
  });

  it('falls back to the GED admin-1 name for points in the sea or across a border', () => {
    const lagos = placed.filter(({ e }) => !e.ne_adm1_code && e.adm_1 === 'Lagos state' && Number(e.where_prec) <= 4);
    expect(lagos.length).toBeGreaterThan(10);
    expect(new Set(lagos.map(({ p }) => `${p.code} ${p.by}`))).toEqual(new Set(['NG-LA admin-name']));
    const borno = placed.filter(({ e }) => e.ne_iso_3166_2 === 'CM-EN');
    expect(borno.length).toBeGreaterThan(10);
    expect(new Set(borno.map(({ p }) => p.code))).toEqual(new Set(['NG-BO']));
    expect(placed.find(({ e }) => e.id === '255120')?.p).toEqual({ code: 'SS-NU', by: 'admin-name' });
  });

  it('leaves out events located less precisely than admin-1, and names the two it cannot place', () => {
    const tally = placed.reduce<Record<string, number>>((t, { p }) => ({ ...t, [p.by]: (t[p.by] ?? 0) + 1 }), {});
    expect(tally).toEqual({ polygon: 560, 'admin-name': 52, imprecise: 20, unplaced: 2 });
    expect(placed.filter(({ e }) => Number(e.where_prec) > 4).every(({ p }) => p.by === 'imprecise')).toBe(true);
  });
});

describe('importing the sample through POST /api/imports', () => {
  let server: TestApp;
  let analyst: Credentials;
  const csv = readFileSync(SAMPLE, 'utf8');
  beforeAll(async () => {
    server = await startApp();
    analyst = await createUserAndLogin(server, 'analyst');
  });
  afterAll(() => server?.close());
  const post = (query: string) =>
    server.request(`/api/imports?${query}`, {
      method: 'POST',
      headers: { ...analyst.bearer, 'Content-Type': 'text/csv' },
      body: csv,
    });
  type Obs = {
    id: number;
    regionCode: string;
    indicatorId: string;
    period: string;
    value: number;
    confidence: string;
    sourceCitation: string;
    sourceLocator: string;
    state: string;
  };

  it("recognises the GED columns, derives monthly indicators, keeps analysts' observations and carries the attribution", async () => {
    const dry = await (await post('dryRun=true&name=ged-sample.csv')).json();
    expect(dry).toMatchObject({
      status: 'dry-run',
      format: 'ucdp-ged',
      rowsRead: 634,
      rowsRejectedCount: 0,
      wouldSupersede: 0,
      ucdp: { byPolygon: 560, byAdminName: 52, imprecise: 20, unplaced: 2 },
    });
    expect(dry.ucdp.attribution).toMatch(/UCDP .*CC BY 4\.0/);
    expect(dry.wouldCreate).toBe(dry.ucdp.derivedObservations - dry.ucdp.keptOtherSources);

    const analystsBefore = (await (
      await server.request(`/api/observations?region=IQ-NI`, { headers: analyst.bearer })
    ).json()) as Obs[];
    const res = await post('name=ged-sample.csv');
    expect(res.status).toBe(201);
    const report = await res.json();
    const rows = (await (
      await server.request(`/api/observations?batch=${report.batchId}&limit=5000`, { headers: analyst.bearer })
    ).json()) as Obs[];
    expect(rows).toHaveLength(report.wouldCreate);
    expect(
      rows.every(
        (r) => r.sourceCitation === UCDP_CITATION && /^\d+ events, \d+ deaths .*rule ucdp\./.test(r.sourceLocator),
      ),
    ).toBe(true);
    expect(new Set(rows.map((r) => r.indicatorId))).toEqual(
      new Set(['afac.rf1', 'osce.politico-military', 'afac.8.5']),
    );
    expect(rows.every((r) => Number.isInteger(r.value) && r.value >= 1 && r.value <= 4)).toBe(true);
    expect(new Set(rows.map((r) => r.regionCode.slice(0, 3)))).toEqual(new Set(['IQ-', 'NG-', 'SS-']));
    // Nineveh, June–September 2014 (Mosul, Sinjar): intensity recomputed by hand from the independent polygon join.
    const deaths = new Map<string, number>();
    for (const e of events)
      if (e.ne_iso_3166_2 === 'IQ-NI' && Number(e.where_prec) <= 4)
        deaths.set(e.date_start!.slice(0, 7), (deaths.get(e.date_start!.slice(0, 7)) ?? 0) + Number(e.best));
    const expected = Object.fromEntries(
      [...deaths]
        .filter(([p]) => p >= '2014-06' && p <= '2014-09')
        .map(([p, d]) => [p, [1, 25, 100, 500].filter((t) => d >= t).length]),
    );
    const got = Object.fromEntries(
      rows
        .filter(
          (r) =>
            r.regionCode === 'IQ-NI' && r.indicatorId === 'afac.rf1' && r.period >= '2014-06' && r.period <= '2014-09',
        )
        .map((r) => [r.period, r.value]),
    );
    expect(Object.keys(expected)).toHaveLength(4);
    expect(got).toEqual(expected);
    expect(got['2014-06']).toBe(4);
    const stillCurrent = (await (
      await server.request(`/api/observations?region=IQ-NI`, { headers: analyst.bearer })
    ).json()) as Obs[];
    for (const o of analystsBefore) expect(stillCurrent.find((x) => x.id === o.id)?.state).toBe('current');

    const again = await (await post('dryRun=true')).json();
    expect(again).toMatchObject({ wouldCreate: 0, wouldSupersede: 0, unchanged: report.wouldCreate });
    expect(
      (await server.request(`/api/imports/${report.batchId}/rollback`, { method: 'POST', headers: analyst.bearer }))
        .status,
    ).toBe(200);
  });
});
