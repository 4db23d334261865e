import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addRegionAliases } from '../../db/queries/imports.ts';
import { createUserAndLogin, type Credentials } from '../helpers/auth.ts';
import { batchObservations, cliDatabaseOf, importsOf } from '../helpers/imports.ts';
import { startApp, type TestApp } from '../helpers/app.ts';
import { runVigilHere } from '../helpers/cli.ts';

/**
 * A SYNTHETIC file in the layout IOM DTM publishes on HDX (a header row, then HXL hashtags), generated
 * here: every figure below is made up. Vigil ships no DTM data.
 */
const COLS = [
  ['ISO3', '#country+code'],
  ['State', '#adm1+name'],
  ['State Pcode', '#adm1+pcode'],
  ['LGA', '#adm2+name'],
  ['LGA Pcode', '#adm2+pcode'],
  ['Site ID', '#loc+code'],
  ['Site type', '#loc+type'],
  ['Reporting date', '#date+reported'],
  ['IDP individuals female', '#affected+idps+f+ind'], // a part, before the total: must not be read as the total
  ['IDP individuals', '#affected+idps+ind'],
  ['Returnee individuals', '#affected+returnees+ind'],
  ['Round', '#meta+round'],
] as const;
type Row = [country: string, adm1: string, adm1p: string, adm2: string, adm2p: string, site: string, type: string, date: string, idps: string, returnees: string]; // prettier-ignore
const ROWS: Row[] = [
  ['NGA', 'Borno', 'NG008', 'Maiduguri', 'NG008001', 'S1', 'Camp', '2017-03-31', '40000', '0'],
  ['NGA', 'Borno', 'NG008', 'Jere', 'NG008002', 'S2', 'Host community', '2017-03-31', '25,000', '1000'],
  ['NGA', '', '', 'Konduga', 'NG008003', 'S3', 'Collective centre', '2017-03-15', '6000', ''], // admin-2 p-code only
  ['NGA', 'Adamawa State', 'NG002', 'Mubi North', 'NG002015', 'S4', 'Host community', '2017-03-31', '9000', '20000'],
  ['NGA', 'Yobe', '', 'Damaturu', '', 'S5', 'Informal settlement', '31 March 2017', '1200', '0'], // by name
  ['NGA', 'Yobe', '', 'Damaturu', '', 'S5', 'Informal settlement', '2017-03-02', '5000', '0'], // earlier round of S5
  ['NGA', 'Atlantis', '', 'Nowhere', '', 'S7', 'Camp', '2017-03-31', '500', '0'], // no such state
  ['NGA', 'Borno', 'NG008', 'Maiduguri', 'NG008001', 'S1', 'Camp', '2017-04-30', '52000.0', '0'],
]; // prettier-ignore

function dtmCsv(opts: { hashtags?: boolean; drop?: string; rows?: Row[] } = {}): string {
  const cols = COLS.filter(([name]) => name !== opts.drop);
  const q = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const lines = (opts.rows ?? ROWS).map((r) => {
    const [country, adm1, adm1p, adm2, adm2p, site, type, date, idps, returnees] = r;
    const v: Record<string, string> = {
      ISO3: country, State: adm1, 'State Pcode': adm1p, LGA: adm2, 'LGA Pcode': adm2p, 'Site ID': site,
      'Site type': type, 'Reporting date': date, 'IDP individuals female': '1', 'IDP individuals': idps,
      'Returnee individuals': returnees, Round: '15',
    }; // prettier-ignore
    return cols.map(([name]) => q(v[name]!)).join(',');
  });
  const head = [cols.map(([n]) => n).join(','), ...(opts.hashtags === false ? [] : [cols.map(([, t]) => t).join(',')])];
  return [...head, ...lines].join('\n') + '\n';
}

/** What the rules must derive (dtm-rules.ts): region, indicator, month, severity, confidence. */
const EXPECTED = [
  ['NG-AD', 'tip.mass-displacement', '2017-03', 1, 'medium'], // 9,000 IDPs, none in sites; returnees feed no rule
  ['NG-BO', 'tip.high-risk-sites', '2017-03', 3, 'medium'], // camp 40,000 + collective centre 6,000 (placed by its LGA p-code)
  ['NG-BO', 'tip.mass-displacement', '2017-03', 3, 'medium'], // 40,000 + 25,000 + 6,000 = 71,000
  ['NG-BO', 'tip.high-risk-sites', '2017-04', 3, 'medium'], // 52,000 in the camp
  ['NG-BO', 'tip.mass-displacement', '2017-04', 3, 'medium'],
  ['NG-YO', 'tip.high-risk-sites', '2017-03', 1, 'medium'], // the latest round of S5: 1,200, not 5,000
  ['NG-YO', 'tip.mass-displacement', '2017-03', 1, 'medium'],
].map(([region, indicator, period, value, confidence]) => ({ region, indicator, period, value, confidence }));

let server: TestApp;
const PCODES = [
  { alias: 'NG008', kind: 'pcode', regionCode: 'NG-BO' },
  { alias: 'NG002', kind: 'pcode', regionCode: 'NG-AD' },
];
let analyst: Credentials;
beforeAll(async () => {
  server = await startApp();
  analyst = await createUserAndLogin(server, 'analyst');
  // OCHA p-codes of two states, as `vigil aliases` loads them from a COD-AB table (Yobe's left out).
  await server.data.db.insert(server.data.t.regionAliases).values(PCODES);
});
afterAll(() => server?.close());

const post = (query: string, body: string) => importsOf(server, () => analyst).post(query, body);
const count = () => importsOf(server, () => analyst).writtenAsync();

describe('IOM DTM profile', () => {
  it('is listed with its columns, source key and licence', async () => {
    const list = (await (await server.request('/api/import-profiles', { headers: analyst.bearer })).json()) as {
      name: string;
      sourceKey: string;
      licence: string;
      autoDetected: boolean;
      columns: { name: string; required: boolean }[];
    }[];
    const p = list.find((x) => x.name === 'dtm');
    expect(p).toMatchObject({ sourceKey: 'feed:dtm', autoDetected: true, licence: expect.stringMatching(/CC BY-IGO/) });
    expect(p!.columns.filter((c) => c.required).map((c) => c.name)).toEqual([
      '#adm1+code / adm1_pcode, #adm1+name / adm1_name, #adm2+pcode / adm2_pcode',
      '#date+reported / reporting_date',
      '#affected+idps+ind / idp_individuals',
    ]);
  });

  it('dry run, plain-header file, CLI dry run and import agree, and write the values the rules give', async () => {
    const before = await count();
    const dry = await (await post('dryRun=true&profile=dtm&name=dtm.csv', dtmCsv())).json();
    expect(dry).toMatchObject({
      status: 'dry-run',
      profile: 'dtm',
      format: 'hxl',
      sourceKey: 'feed:dtm',
      rowsRead: 8,
      rowsRejectedCount: 0,
      wouldCreate: EXPECTED.length,
      derivedObservations: EXPECTED.length,
      dropped: { unplaced: 1, 'earlier-round': 1 },
      unmatchedRegions: ['Atlantis (NGA)'],
    });
    expect(dry.columns.idps).toBe('IDP individuals #affected+idps+ind');
    expect(await count()).toBe(before);

    // The header alone picks the profile; without the hashtag row the header names do the same.
    const plain = await (await post('dryRun=true', dtmCsv({ hashtags: false }))).json();
    expect(plain).toMatchObject({ profile: 'dtm', format: 'csv', rowsRead: 8, wouldCreate: EXPECTED.length });
    expect(plain.dropped).toEqual(dry.dropped);
    expect((await (await post('dryRun=true', dtmCsv())).json()).profile).toBe('dtm');

    const dir = mkdtempSync(join(tmpdir(), 'vigil-dtm-'));
    const file = join(dir, 'dtm.csv');
    writeFileSync(file, dtmCsv());
    const cliDb = cliDatabaseOf(server, (db) => addRegionAliases(db, PCODES));
    const cli = await runVigilHere(cliDb.path, ['import', '--profile', 'dtm', file, '--dry-run', '--json']).finally(
      cliDb.done,
    );
    expect(cli.code, cli.stderr).toBe(0);
    const c = JSON.parse(cli.stdout) as typeof dry;
    expect([c.rowsRead, c.wouldCreate, c.dropped, c.sourceKey, c.unmatchedRegions]).toEqual([
      dry.rowsRead,
      dry.wouldCreate,
      dry.dropped,
      dry.sourceKey,
      dry.unmatchedRegions,
    ]);
    expect(await count()).toBe(before);

    const res = await post('profile=dtm&name=dtm.csv', dtmCsv());
    expect(res.status).toBe(201);
    const r = await res.json();
    expect(r.wouldCreate).toBe(dry.wouldCreate);
    const rows = await batchObservations(server, r.batchId);
    expect(rows.map(({ k: _k, loc: _l, ...o }) => o)).toEqual(EXPECTED);
    expect(new Set(rows.map((o) => o.k))).toEqual(new Set(['feed:dtm']));
    expect(rows[0]!.loc).toMatch(
      /^9,000 IDPs \(0 in camps or sites\), 20,000 returnees, over 1 locations; Vigil rule dtm\.idps$/,
    );

    const again = await (await post('dryRun=true&profile=dtm', dtmCsv())).json();
    expect(again).toMatchObject({ wouldCreate: 0, wouldSupersede: 0, unchanged: EXPECTED.length });
  });

  it('refuses a file missing a required column with a 400 naming it, writing nothing', async () => {
    const before = await count();
    const res = await post('profile=dtm', dtmCsv({ drop: 'IDP individuals' }));
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error.fields).toEqual([
      {
        field: '#affected+idps+ind',
        message: "DTM column '#affected+idps+ind' (header 'idp_individuals') is missing",
      },
    ]);
    const noDate = await post('profile=dtm', dtmCsv({ drop: 'Reporting date', hashtags: false }));
    expect(noDate.status).toBe(400);
    expect((await noDate.json()).error.fields.map((f: { field: string }) => f.field)).toEqual(['#date+reported']);
    expect(await count()).toBe(before);
  });

  it('refuses bad counts and impossible dates by row and column (422), writing nothing', async () => {
    const before = await count();
    const res = await post(
      'profile=dtm',
      dtmCsv({
        rows: [
          ...ROWS,
          ['NGA', 'Borno', 'NG008', 'Bama', 'NG008004', 'S9', 'Camp', '2017-02-31', '100', '0'],
          ['NGA', 'Borno', 'NG008', 'Bama', 'NG008004', 'S10', 'Camp', '2017-03-31', '-5', 'many'],
        ],
      }),
    );
    expect(res.status).toBe(422);
    expect((await res.json()).report.rowsRejected).toEqual([
      { row: 11, column: 'Reporting date #date+reported', reason: expect.stringMatching(/'2017-02-31' is not a date/) },
      { row: 12, column: 'IDP individuals #affected+idps+ind', reason: "'-5' is not a whole number of people" },
      {
        row: 12,
        column: 'Returnee individuals #affected+returnees+ind',
        reason: "'many' is not a whole number of people",
      },
    ]);
    expect(await count()).toBe(before);
  });
});
