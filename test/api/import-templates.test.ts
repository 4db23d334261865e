import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUserAndLogin, type Credentials } from '../helpers/auth.ts';
import { batchObservations, importsOf } from '../helpers/imports.ts';
import { startApp, type TestApp } from '../helpers/app.ts';
import { runVigilHere } from '../helpers/cli.ts';

/**
 * Vigil's templates for restricted monitoring data (MRM, MARA, national referral data), area level
 * only: each handed out by the API and `vigil template`, filled with made-up counts here, then run
 * through a dry run and an import. Every figure is synthetic.
 */
let server: TestApp;
let analyst: Credentials;
beforeAll(async () => {
  server = await startApp();
  analyst = await createUserAndLogin(server, 'analyst');
});
afterAll(() => server?.close());

const post = (query: string, body: string) => importsOf(server, () => analyst).post(query, body);
const count = () => importsOf(server, () => analyst).writtenAsync();
const csvRows = (rows: string[][]) =>
  rows.map((r) => r.map((v) => (/[",]/.test(v) ? `"${v}"` : v)).join(',')).join('\n') + '\n';
type Obs = { region: string; indicator: string; period: string; value: number; confidence: string; loc?: string };
/** `vigil template` opens no database: the path it is given is never read. */
const NO_DB = join(tmpdir(), 'vigil-template-opens-no-database.sqlite');

/** Each template: the rows a user fills in (after the template's two header rows) and what the rules must give. */
const CASES: Record<string, { rows: string[][]; expected: Obs[]; sourceKey: string; personal: [string, string][] }> = {
  mrm: {
    rows: [
      ['NGA', 'NG-BO', '', '2017-06', 'Recruitment and use', '12', '0'],
      ['NGA', '', 'Borno', '2017-06', 'Abduction', '0', '4'],
      ['NGA', '', 'Borno', '2017-06', 'Rape and other sexual violence', '2', '3'],
      ['NGA', '', 'Yobe', '2017-06-30', 'Killing and maiming', '6', ''],
      ['NGA', '', 'Yobe', '2017-06', 'Attacks on schools and hospitals', '0', '0'],
      ['NGA', '', '', '2017-06', 'Denial of humanitarian access', '1', '0'],
    ],
    expected: [
      { region: 'NG-BO', indicator: 'tip.child-abduction', period: '2017-06', value: 2, confidence: 'low' }, // 4 reported only
      { region: 'NG-BO', indicator: 'tip.child-recruitment', period: '2017-06', value: 3, confidence: 'high' }, // 12 verified
      { region: 'NG-BO', indicator: 'tip.child-sexual-violence', period: '2017-06', value: 3, confidence: 'medium' }, // 2 + 3
      { region: 'NG-YO', indicator: 'afac.7.8', period: '2017-06', value: 2, confidence: 'high' },
      { region: 'NGA', indicator: 'afac.13.8', period: '2017-06', value: 1, confidence: 'high' }, // country level
    ],
    sourceKey: 'feed:mrm',
    personal: [
      ['Child name', '#affected+name'],
      ['Age', '#affected+age'],
    ],
  },
  mara: {
    rows: [
      ['NGA', '', 'Borno', '2017-06', 'Sexual slavery', '3', '0'],
      ['NGA', '', 'Borno', '2017-06', 'Forced marriage', '2', '1'],
      ['NGA', '', 'Adamawa', '2017-06', 'Trafficking for sexual exploitation', '0', '2'],
      ['NGA', '', 'Borno', '2017-06', 'Rape', '1', '0'],
    ],
    expected: [
      { region: 'NG-AD', indicator: 'tip.crsv-trafficking-incidents', period: '2017-06', value: 2, confidence: 'low' },
      { region: 'NG-BO', indicator: 'afac.7.9', period: '2017-06', value: 1, confidence: 'high' },
      {
        region: 'NG-BO',
        indicator: 'tip.crsv-trafficking-incidents',
        period: '2017-06',
        value: 6,
        confidence: 'medium',
      },
    ],
    sourceKey: 'feed:mara',
    personal: [['Date of birth', '#date+birth']],
  },
  referral: {
    rows: [
      ['NGA', '', 'Borno', '2017-05', 'Sexual exploitation', '20', '5', '18'],
      ['NGA', '', 'Borno', '2017-05', 'forced_labour', '3', '0', '3'],
      ['NGA', '', 'Kano State', '2017-05', 'Use of children by armed groups', '0', '7', '7'],
    ],
    expected: [
      { region: 'NG-BO', indicator: 'tip.victims-identified', period: '2017-05', value: 28, confidence: 'medium' },
      { region: 'NG-KN', indicator: 'tip.victims-identified', period: '2017-05', value: 7, confidence: 'low' },
    ],
    sourceKey: 'feed:referral',
    personal: [
      ['Case notes', '#description'],
      ['Surname', '#meta+surname'],
    ],
  },
};

describe('templates for restricted monitoring data', () => {
  for (const [name, t] of Object.entries(CASES)) {
    it(`${name}: template → filled rows → dry run → import gives the values the rules give`, async () => {
      const res = await server.request(`/api/import-profiles/${name}/template`, { headers: analyst.bearer });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
      expect(res.headers.get('content-disposition')).toBe(`attachment; filename="vigil-${name}-template.csv"`);
      const template = await res.text();
      const [header, tags, ...rest] = template.trimEnd().split('\n');
      expect(rest).toEqual([]);
      expect(tags!.split(',').every((x) => x.startsWith('#'))).toBe(true);
      expect(header).toMatch(/^Country \(ISO3\),Admin 1 p-code,Admin 1 name,Month,/);

      const cli = await runVigilHere(NO_DB, ['template', name]);
      const out = join(mkdtempSync(join(tmpdir(), 'vigil-template-')), 't.csv');
      expect((await runVigilHere(NO_DB, ['template', name, '--out', out])).code).toBe(0);
      expect(readFileSync(out, 'utf8')).toBe(template);
      expect(cli.code, cli.stderr).toBe(0);
      expect(cli.stdout.trimEnd()).toBe(template.trimEnd());
      expect(cli.stderr).toMatch(/Counts only/);

      const filled = template + csvRows(t.rows);
      const before = await count();
      const dryRes = await post(`dryRun=true&profile=${name}&name=${name}.csv`, filled);
      expect(dryRes.status).toBe(200);
      const dry = await dryRes.json();
      expect(dry).toMatchObject({
        status: 'dry-run',
        profile: name,
        sourceKey: t.sourceKey,
        rowsRead: t.rows.length,
        rowsRejectedCount: 0,
        wouldCreate: t.expected.length,
      });
      expect(await count()).toBe(before);
      // The hashtags alone pick the profile.
      expect((await (await post('dryRun=true', filled)).json()).profile).toBe(name);

      // Without its hashtag row (a spreadsheet that dropped it) the headers give the same.
      const plain = [template.split('\n')[0], ...filled.split('\n').slice(2)].join('\n');
      expect(await (await post(`dryRun=true&profile=${name}`, plain)).json()).toMatchObject({
        format: 'csv',
        rowsRejectedCount: 0,
        wouldCreate: t.expected.length,
      });

      const applied = await post(`profile=${name}&name=${name}.csv`, filled);
      expect(applied.status).toBe(201);
      const rows = await batchObservations(server, (await applied.json()).batchId);
      expect(rows.map(({ loc: _l, k: _k, ...o }) => o)).toEqual(t.expected);
      expect(new Set(rows.map((r) => r.k))).toEqual(new Set([t.sourceKey]));
      // Public locators band counts under 5; none shows a small count of people.
      for (const r of rows) expect(r.loc, String(r.loc)).not.toMatch(/(^|[^\d,])[1-4](?![\d,])/);
    });

    it(`${name}: refuses columns that could identify a person with a 400 naming each, writing nothing`, async () => {
      const res0 = await server.request(`/api/import-profiles/${name}/template`, { headers: analyst.bearer });
      const [header, tags] = (await res0.text()).trimEnd().split('\n');
      const extra = t.personal;
      const file =
        [`${header},${extra.map(([h]) => h).join(',')}`, `${tags},${extra.map(([, x]) => x).join(',')}`].join('\n') +
        '\n' +
        csvRows(t.rows.map((r) => [...r, ...extra.map(() => '')]));
      const before = await count();
      for (const q of [`profile=${name}`, `profile=${name}&dryRun=true`]) {
        const res = await post(q, file);
        expect(res.status).toBe(400);
        const body = await res.json();
        expect(body.error.fields.map((f: { field: string }) => f.field)).toEqual(extra.map(([h]) => h));
        expect(body.error.fields[0].message).toMatch(/counts per area and month only/);
      }
      expect(await count()).toBe(before);
    });
  }

  it('lists each template with its link and instructions; the other profiles have none (404)', async () => {
    const list = (await (await server.request('/api/import-profiles', { headers: analyst.bearer })).json()) as {
      name: string;
      template: { url: string; instructions: string[] } | null;
    }[];
    for (const name of Object.keys(CASES))
      expect(list.find((p) => p.name === name)!.template).toMatchObject({
        url: `/api/import-profiles/${name}/template`,
        instructions: expect.arrayContaining([expect.stringMatching(/Counts only/)]),
      });
    expect(list.find((p) => p.name === 'dtm')!.template).toBeNull();
    expect((await server.request('/api/import-profiles/dtm/template', { headers: analyst.bearer })).status).toBe(404);
    expect((await server.request('/api/import-profiles/nope/template', { headers: analyst.bearer })).status).toBe(404);
    const bad = await runVigilHere(NO_DB, ['template', 'nope']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/mrm, mara, referral/);
  });

  it('refuses an unknown category or a repeated row by row and column (422), writing nothing', async () => {
    const template = await (
      await server.request('/api/import-profiles/mrm/template', { headers: analyst.bearer })
    ).text();
    const before = await count();
    const res = await post(
      'profile=mrm',
      template +
        csvRows([
          ['NGA', '', 'Borno', '2017-07', 'Recruitment and use', '12', '0'],
          ['NGA', '', 'Borno', '2017-07', 'Looting', '1', '0'],
          ['NGA', 'NG-BO', '', '2017-07', 'recruitment and use', '1', '0'],
        ]),
    );
    expect(res.status).toBe(422);
    expect((await res.json()).report.rowsRejected).toEqual([
      {
        row: 4,
        column: 'Grave violation #event+type+mrm',
        reason: expect.stringMatching(/^'Looting' is not one of: recruitment and use; /),
      },
      {
        row: 5,
        column: 'Grave violation #event+type+mrm',
        reason: 'repeats row 3: same area, month and grave violation',
      },
    ]);
    expect(await count()).toBe(before);
  });

  it('small counts stay "<5" in what the public reads (the MARA count of 2 in Adamawa)', async () => {
    const res = await server.request('/api/regions/NG-AD/explain?period=2017-06&lens=tip');
    expect(res.status).toBe(200);
    const e = (await res.json()) as {
      contributions: { indicatorId: string; display: string | null; value: number | null; sourceLocator?: string }[];
    };
    const c = e.contributions.find((x) => x.indicatorId === 'tip.crsv-trafficking-incidents')!;
    expect(c).toMatchObject({ display: '<5 incidents', value: null });
    expect(c.sourceLocator).toBe(
      'MARA (trafficking for sexual exploitation): verified 0, reported <5; Vigil rule mara.trafficking-forms',
    );
  });
});
