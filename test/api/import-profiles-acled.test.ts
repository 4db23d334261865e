import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUserAndLogin, type Credentials } from '../helpers/auth.ts';
import { batchObservations, cliDatabaseOf, importsOf } from '../helpers/imports.ts';
import { startApp, type TestApp } from '../helpers/app.ts';
import { runVigilHere } from '../helpers/cli.ts';

/**
 * A SYNTHETIC file in ACLED's export layout, generated here: ACLED's terms forbid redistributing its
 * data, so Vigil ships none. Every event below is made up.
 */
const HEADER = [
  'event_id_cnty', 'event_date', 'year', 'event_type', 'sub_event_type', 'actor1', 'actor2', 'interaction',
  'civilian_targeting', 'iso', 'region', 'country', 'admin1', 'admin2', 'admin3', 'location', 'latitude',
  'longitude', 'geo_precision', 'source', 'source_scale', 'notes', 'fatalities', 'tags', 'timestamp',
]; // prettier-ignore
type Ev = [date: string, type: string, sub: string, civ: string, country: string, admin1: string, lat: string, lon: string, prec: string, fat: string, tags?: string]; // prettier-ignore
const VAC = 'Violence against civilians';
const CT = 'Civilian targeting';
const EVENTS: Ev[] = [
  ['2017-03-15', VAC, 'Sexual violence', CT, 'Nigeria', 'Borno', '11.85', '13.16', '1', '0'],
  ['20 March 2017', VAC, 'Sexual violence', CT, 'Nigeria', 'Borno', '11.85', '13.16', '2', '0'],
  ['2017-03-21', VAC, 'Abduction/forced disappearance', CT, 'Nigeria', 'Borno', '11.85', '13.16', '1', '0', 'women targeted: girls'],
  ['2017-04-02', VAC, 'Abduction/forced disappearance', CT, 'Nigeria', 'Adamawa', '9.2', '12.48', '1', '0'],
  ['2017-03-05', VAC, 'Attack', CT, 'Nigeria', 'Yobe', '11.75', '11.96', '1', '3'],
  ['2017-03-06', VAC, 'Attack', '', 'Nigeria', 'Yobe', '11.75', '11.96', '1', '1'],
  ['2017-03-10', 'Battles', 'Armed clash', '', 'Nigeria', 'Borno', '11.85', '13.16', '1', '20'],
  ['2017-03-11', 'Battles', 'Armed clash', '', 'Nigeria', 'Borno State', '11.85', '13.16', '2', '10'],
  ['2017-03-12', 'Explosions/Remote violence', 'Suicide bomb', '', 'Nigeria', 'Borno', '11.85', '13.16', '1', '0'],
  ['2017-03-13', 'Battles', 'Armed clash', '', 'Nigeria', '', '9.0', '8.0', '3', '1'],
  ['2017-03-14', 'Protests', 'Peaceful protest', '', 'Nigeria', 'Lagos', '6.45', '3.39', '1', '0'],
  ['2017-03-14', 'Battles', 'Armed clash', '', 'Atlantis', 'Nowhere', '0', '0', '1', '4'],
  ['2017-03-16', 'Battles', 'Armed clash', '', 'Nigeria', 'Kano North', '12.0', '8.52', '1', '2'],
]; // prettier-ignore

function acledCsv(header = HEADER, events = EVENTS): string {
  const q = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const rows = events.map(([date, type, sub, civ, country, admin1, lat, lon, prec, fat, tags = ''], i) => {
    const e: Record<string, string> = {
      event_id_cnty: `SYN${i + 1}`, event_date: date, year: '2017', event_type: type, sub_event_type: sub,
      actor1: 'Synthetic actor', actor2: '', interaction: '17', civilian_targeting: civ, iso: '566', region: 'Western Africa',
      country, admin1, admin2: '', admin3: '', location: 'Synthetic place', latitude: lat, longitude: lon,
      geo_precision: prec, source: 'Synthetic', source_scale: 'Local', notes: 'Made-up event, for tests only, no real data',
      fatalities: fat, tags, timestamp: '1500000000',
    }; // prettier-ignore
    return header.map((h) => q(e[h] ?? '')).join(',');
  });
  return [header.join(','), ...rows].join('\n') + '\n';
}

/** What the rules must derive from EVENTS (acled-rules.ts): region, indicator, month, severity, confidence. */
const EXPECTED = [
  ['NG-AD', 'afac.7.8', '2017-04', 1, 'medium'], // one untagged abduction: a condition only
  ['NG-BO', 'afac.7.8', '2017-03', 1, 'medium'],
  ['NG-BO', 'afac.7.9', '2017-03', 2, 'medium'], // two sexual-violence events (both date formats)
  ['NG-BO', 'afac.rf1', '2017-03', 2, 'medium'], // 30 fatalities of battles and explosions: ≥ 25
  ['NG-BO', 'osce.politico-military', '2017-03', 2, 'medium'], // three events: ≥ 3
  ['NG-BO', 'tip.abduction-women-girls', '2017-03', 1, 'medium'], // the tagged abduction
  ['NG-KN', 'afac.rf1', '2017-03', 1, 'medium'], // unknown admin1, placed by its point
  ['NG-KN', 'osce.politico-military', '2017-03', 1, 'medium'],
  ['NG-YO', 'afac.8.5', '2017-03', 1, 'medium'], // only the attack coded civilian targeting
  ['NGA', 'afac.rf1', '2017-03', 1, 'low'], // no admin1: country level, imprecise
  ['NGA', 'osce.politico-military', '2017-03', 1, 'low'],
].map(([region, indicator, period, value, confidence]) => ({ region, indicator, period, value, confidence }));

let server: TestApp;
let analyst: Credentials;
beforeAll(async () => {
  server = await startApp();
  analyst = await createUserAndLogin(server, 'analyst');
});
afterAll(() => server?.close());

const post = (query: string, body: string) => importsOf(server, () => analyst).post(query, body);
const count = () => importsOf(server, () => analyst).writtenAsync();

describe('ACLED profile', () => {
  it('is listed with its columns, source key and licence', async () => {
    const list = (await (await server.request('/api/import-profiles', { headers: analyst.bearer })).json()) as {
      name: string;
      sourceKey: string;
      licence: string;
      columns: { name: string; required: boolean }[];
    }[];
    const p = list.find((x) => x.name === 'acled');
    expect(p).toMatchObject({ sourceKey: 'feed:acled', licence: expect.stringMatching(/do not share the export/) });
    expect(p!.columns.filter((c) => c.required).map((c) => c.name)).toEqual([
      'event_date',
      'event_type',
      'sub_event_type',
      'country',
      'admin1',
      'fatalities',
    ]);
  });

  it('dry run, CLI dry run and import agree, and write the observations the rules give', async () => {
    const before = await count();
    const dry = await (await post('dryRun=true&profile=acled&name=acled.csv', acledCsv())).json();
    expect(dry).toMatchObject({
      status: 'dry-run',
      profile: 'acled',
      sourceKey: 'feed:acled',
      rowsRead: 13,
      rowsRejectedCount: 0,
      wouldCreate: EXPECTED.length,
      dropped: { 'no-rule': 2, unplaced: 1 },
    });
    expect(dry.unmatchedRegions).toEqual(['Atlantis']); // Kano North is placed by its point
    expect(await count()).toBe(before);

    // The header alone picks the profile.
    expect((await (await post('dryRun=true', acledCsv())).json()).profile).toBe('acled');

    const dir = mkdtempSync(join(tmpdir(), 'vigil-acled-'));
    const file = join(dir, 'acled.csv');
    writeFileSync(file, acledCsv());
    const cliDb = cliDatabaseOf(server);
    const cli = await runVigilHere(cliDb.path, ['import', '--profile', 'acled', file, '--dry-run', '--json']).finally(
      cliDb.done,
    );
    expect(cli.code, cli.stderr).toBe(0);
    const c = JSON.parse(cli.stdout) as typeof dry;
    expect([c.rowsRead, c.wouldCreate, c.dropped, c.sourceKey]).toEqual([
      dry.rowsRead,
      dry.wouldCreate,
      dry.dropped,
      dry.sourceKey,
    ]);

    const res = await post('profile=acled&name=acled.csv', acledCsv());
    expect(res.status).toBe(201);
    const r = await res.json();
    const rows = await batchObservations(server, r.batchId);
    expect(rows.map(({ k: _k, loc: _l, ...o }) => o)).toEqual(EXPECTED);
    expect(new Set(rows.map((o) => o.k))).toEqual(new Set(['feed:acled']));

    const again = await (await post('dryRun=true&profile=acled', acledCsv())).json();
    expect(again).toMatchObject({ wouldCreate: 0, wouldSupersede: 0, unchanged: EXPECTED.length });
  });

  it('refuses a file missing a required column with a 400 naming it, writing nothing', async () => {
    const before = await count();
    const res = await post('profile=acled', acledCsv(HEADER.filter((h) => h !== 'fatalities')));
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error.fields).toEqual([{ field: 'fatalities', message: "ACLED column 'fatalities' is missing" }]);
    expect(await count()).toBe(before);
  });

  it('refuses impossible dates by row and column (422), writing nothing', async () => {
    const before = await count();
    const res = await post(
      'profile=acled',
      acledCsv(HEADER, [
        ...EVENTS,
        ['31 February 2017', 'Battles', 'Armed clash', '', 'Nigeria', 'Borno', '1', '1', '1', '1'],
      ]),
    );
    expect(res.status).toBe(422);
    expect((await res.json()).report.rowsRejected).toEqual([
      { row: 15, column: 'event_date', reason: expect.stringMatching(/not a date/) },
    ]);
    expect(await count()).toBe(before);
  });
});
