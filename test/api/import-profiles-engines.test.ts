import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { signedInOnBothEngines } from '../helpers/engine-apps.ts';
import {
  type Engine,
  expectSameImports,
  sameOnEngines,
  seededOnBothEngines,
  storedImports,
  timeless,
} from '../helpers/engines.ts';

// POST /api/imports with the feed profiles (area-count templates, ACLED, DTM, UCDP) on both engines: the
// same files imported by one app per engine over the same data (the PostgreSQL app gets a closed SQLite
// handle, so a profile still reading it fails), the reports, the stored observations and batches and
// the stored scores required to be the same after each step; rollbacks restore alike.
const both = seededOnBothEngines();
const {
  app,
  who: { analyst },
} = signedInOnBothEngines(both, ['analyst']);

async function post(engine: Engine, path: string, body?: string, type = 'text/csv') {
  const res = await app[engine].request(path, {
    method: 'POST',
    headers: { ...analyst[engine], 'Content-Type': body === undefined ? 'application/json' : type },
    body: body ?? '{}',
  });
  return { status: res.status, body: timeless(await res.json()) };
}

/** The same import on both engines, the answers checked equal; the SQLite one is returned. */
const imported = (body: string, query: string, type?: string) =>
  sameOnEngines((e) => post(e, `/api/imports?${query}`, body, type), `import ${query}`);
const rolledBack = (id: number) => sameOnEngines((e) => post(e, `/api/imports/${id}/rollback`), `rollback ${id}`);

/** What one engine holds of imports (observations and batches, without times). */
const stored = (engine: Engine) => storedImports(both.engines[engine]());
const expectSameData = () => expectSameImports(both.engines);

const csvRows = (rows: string[][]) =>
  rows.map((r) => r.map((v) => (/[",]/.test(v) ? `"${v}"` : v)).join(',')).join('\n') + '\n';
type Report = {
  status: string;
  batchId: number | null;
  wouldCreate: number;
  wouldSupersede: number;
  unchanged: number;
};
const fieldsOf = (r: { body: unknown }) =>
  (r.body as { error: { fields: { field: string }[] } }).error.fields.map((f) => f.field);

describe('area-count templates (MRM, MARA, referral) on both engines', () => {
  let template: string;
  beforeAll(async () => {
    const res = await app.sqlite.request('/api/import-profiles/mrm/template', { headers: analyst.sqlite });
    template = await res.text();
  });
  const MRM = () =>
    template +
    csvRows([
      ['NGA', 'NG-BO', '', '2017-06', 'Recruitment and use', '12', '0'],
      ['NGA', '', 'Borno', '2017-06', 'Abduction', '0', '4'],
      ['NGA', '', 'Borno', '2017-06', 'Rape and other sexual violence', '2', '3'],
      ['NGA', '', 'Yobe', '2017-06-30', 'Killing and maiming', '6', ''],
      ['NGA', '', '', '2017-06', 'Denial of humanitarian access', '1', '0'],
    ]);

  it('a dry run reports alike and writes nothing', async () => {
    const before = await stored('sqlite');
    const r = await imported(MRM(), 'profile=mrm&dryRun=true&name=mrm.csv');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ status: 'dry-run', profile: 'mrm', sourceKey: 'feed:mrm', wouldCreate: 5 });
    expect(await stored('sqlite')).toEqual(before);
    await expectSameData();
  });

  it('refuses alike a column that could identify a child (400 naming it) and bad rows (422), writing nothing', async () => {
    const before = await stored('sqlite');
    const [header, tags, ...rest] = MRM().trimEnd().split('\n');
    const personal = [`${header},Child name`, `${tags},#affected+name`, ...rest.map((r) => `${r},x`)].join('\n');
    const refused = await imported(personal, 'profile=mrm');
    expect(refused.status).toBe(400);
    expect(fieldsOf(refused)).toEqual(['Child name']);
    const bad = await imported(
      template + csvRows([['NGA', '', 'Borno', '2017-07', 'Looting', '1', '0']]),
      'profile=mrm',
    );
    expect(bad.status).toBe(422);
    expect(fieldsOf(bad)).toEqual(['row 3: Grave violation #event+type+mrm']);
    expect(await stored('sqlite')).toEqual(before);
    await expectSameData();
  });

  let first: number;
  it('applies alike (201), and again with every value unchanged', async () => {
    const r = await imported(MRM(), 'profile=mrm&name=mrm.csv');
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ status: 'applied', wouldCreate: 5, wouldSupersede: 0 });
    first = (r.body as Report).batchId!;
    await expectSameData();
    const again = await imported(MRM(), 'profile=mrm&name=mrm.csv');
    expect(again.body).toMatchObject({ status: 'applied', wouldCreate: 0, wouldSupersede: 0, unchanged: 5 });
    await expectSameData();
  });

  let revised: number;
  let analystBatch: number;
  it("supersedes its own earlier values and keeps another source's value of the same month alike", async () => {
    // An analyst's table gives Yobe's killing and maiming value for June 2017 first.
    const own = await imported(
      'region,indicator,period,value,confidence,source\nNG-YO,afac.7.8,2017-06,4,high,Field report\n',
      'name=field.csv',
    );
    expect(own.status).toBe(201);
    analystBatch = (own.body as Report).batchId!;
    const r = await imported(
      template +
        csvRows([
          ['NGA', 'NG-BO', '', '2017-06', 'Recruitment and use', '30', '0'],
          ['NGA', '', 'Yobe', '2017-06', 'Killing and maiming', '9', ''],
        ]),
      'profile=mrm&name=mrm-revised.csv',
    );
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ status: 'applied', wouldCreate: 0, wouldSupersede: 1, unchanged: 0 });
    revised = (r.body as Report).batchId!;
    await expectSameData();
  });

  it('MARA and referral templates import alike', async () => {
    for (const [name, rows] of [
      ['mara', [['NGA', '', 'Borno', '2017-06', 'Sexual slavery', '3', '0']]],
      ['referral', [['NGA', '', 'Borno', '2017-05', 'Sexual exploitation', '20', '5', '18']]],
    ] as const) {
      const t = await (
        await app.sqlite.request(`/api/import-profiles/${name}/template`, { headers: analyst.sqlite })
      ).text();
      const r = await imported(t + csvRows(rows.map((x) => [...x])), `profile=${name}`);
      expect(r.status, name).toBe(201);
      await expectSameData();
    }
  });

  it('rolls back alike, restoring what the batches replaced', async () => {
    const current = async (engine: Engine) =>
      (await stored(engine)) as {
        observations: { regionCode: string; indicatorId: string; period: string; state: string; value: number }[];
      };
    const recruitment = async () =>
      (await current('postgres')).observations
        .filter(
          (o) =>
            o.regionCode === 'NG-BO' &&
            o.indicatorId === 'tip.child-recruitment' &&
            o.period === '2017-06' &&
            o.state === 'current',
        )
        .map((o) => o.value);
    expect(await recruitment()).not.toEqual([3]);
    expect((await rolledBack(revised)).status).toBe(200);
    expect(await recruitment()).toEqual([3]);
    await expectSameData();
    // The analyst's table corrected one of the first batch's values: refused alike until it is rolled back.
    expect((await rolledBack(first)).status).toBe(409);
    expect((await rolledBack(analystBatch)).status).toBe(200);
    expect((await rolledBack(first)).status).toBe(200);
    expect(await recruitment()).toEqual([]);
    await expectSameData();
  });
});

/** A SYNTHETIC file in ACLED's export layout (ACLED's terms forbid shipping its data): every event is made up. */
const ACLED_HEADER =
  'event_id_cnty,event_date,event_type,sub_event_type,civilian_targeting,country,admin1,latitude,longitude,geo_precision,fatalities,tags';
const acled = (events: string[]) => [ACLED_HEADER, ...events.map((e, i) => `SYN${i + 1},${e}`)].join('\n') + '\n';
const ACLED = [
  '2017-03-15,Violence against civilians,Sexual violence,Civilian targeting,Nigeria,Borno,11.85,13.16,1,0,',
  '2017-03-21,Violence against civilians,Abduction/forced disappearance,Civilian targeting,Nigeria,Borno,11.85,13.16,1,0,women targeted: girls',
  '2017-03-05,Violence against civilians,Attack,Civilian targeting,Nigeria,Yobe,11.75,11.96,1,3,',
  '2017-03-10,Battles,Armed clash,,Nigeria,Borno,11.85,13.16,1,20,',
  '2017-03-12,Explosions/Remote violence,Suicide bomb,,Nigeria,Borno,11.85,13.16,1,9,',
  '2017-03-13,Battles,Armed clash,,Nigeria,,9.0,8.0,3,1,',
  '2017-03-14,Battles,Armed clash,,Atlantis,Nowhere,0,0,1,4,',
  '2017-03-16,Battles,Armed clash,,Nigeria,Kano North,12.0,8.52,1,2,', // placed by its point
];

/** A SYNTHETIC file in the layout IOM DTM publishes on HDX (a header row, then HXL hashtags): every figure is made up. */
const DTM_HEAD =
  'ISO3,State,State Pcode,LGA Pcode,Site ID,Reporting date,IDP individuals,Returnee individuals\n#country+code,#adm1+name,#adm1+pcode,#adm2+pcode,#loc+code,#date+reported,#affected+idps+ind,#affected+returnees+ind\n';
const DTM = [
  'NGA,Borno,NG008,NG008001,S1,2017-03-31,40000,0',
  'NGA,Borno,NG008,NG008002,S2,2017-03-31,"25,000",1000',
  'NGA,,,NG008003,S3,2017-03-15,6000,',
  'NGA,Adamawa State,NG002,NG002015,S4,2017-03-31,9000,20000',
  'NGA,Yobe,,,S5,31 March 2017,1200,0',
  'NGA,Yobe,,,S5,2017-03-02,5000,0',
  'NGA,Borno,NG008,NG008001,S1,2017-04-30,52000.0,0',
];

describe.each([
  [
    'acled',
    () => acled(ACLED),
    () => acled(ACLED.map((e) => e.replace(',20,', ',60,'))),
    () => acled(['2017-02-30,Battles,Armed clash,,Nigeria,Borno,11.85,13.16,1,1,']),
    'row 2: event_date',
  ],
  [
    'dtm',
    () => DTM_HEAD + DTM.join('\n'),
    () => DTM_HEAD + DTM.map((r) => r.replace('40000', '90000')).join('\n'),
    () => DTM_HEAD + 'NGA,Borno,NG008,NG008001,S1,2017-03-31,many,0',
    'row 3: IDP individuals #affected+idps+ind',
  ],
] as const)('%s on both engines', (profile, file, revisedFile, badFile, badField) => {
  it('a dry run reports alike and writes nothing; a bad file is refused alike, writing nothing', async () => {
    const before = await stored('sqlite');
    const dry = await imported(file(), `profile=${profile}&dryRun=true`);
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ status: 'dry-run', profile });
    expect((dry.body as Report).wouldCreate).toBeGreaterThan(0);
    const bad = await imported(badFile(), `profile=${profile}`);
    expect(bad.status).toBe(422);
    expect(fieldsOf(bad)).toEqual([badField]);
    expect(await stored('sqlite')).toEqual(before);
    await expectSameData();
  });

  it('applies alike, supersedes its own values alike, and rolls back alike', async () => {
    const before = await stored('sqlite');
    const r = await imported(file(), `profile=${profile}&name=${profile}.csv`);
    expect(r.status).toBe(201);
    const first = (r.body as Report).batchId!;
    await expectSameData();
    const again = await imported(revisedFile(), `profile=${profile}&name=${profile}-revised.csv`);
    expect(again.status).toBe(201);
    expect((again.body as Report).wouldSupersede).toBeGreaterThan(0);
    await expectSameData();
    expect((await rolledBack((again.body as Report).batchId!)).status).toBe(200);
    expect((await rolledBack(first)).status).toBe(200);
    await expectSameData();
    const after = (await stored('sqlite')) as { observations: { state: string }[] };
    const was = before as { observations: { state: string }[] };
    expect(after.observations.filter((o) => o.state === 'current').length).toBe(
      was.observations.filter((o) => o.state === 'current').length,
    );
  });
});

describe('UCDP Candidate, then the GED release of the same months, on both engines', () => {
  const events = parse(readFileSync('db/seed/ucdp/ged-sample.csv', 'utf8'), { columns: true }) as Record<
    string,
    string
  >[];
  const header = Object.keys(events[0]!);
  const q = (v = '') => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const csv = (rows: Record<string, string>[]) =>
    [header.join(','), ...rows.map((e) => header.map((h) => q(e[h])).join(','))].join('\n') + '\n';
  // Iraq's events of 2014, and for the Candidate file one more, in Basra in August, which GED will not confirm.
  const iraq2014 = events.filter((e) => e.iso3 === 'IRQ' && e.date_start!.startsWith('2014'));
  const extra = {
    ...iraq2014[0]!,
    id: '999999',
    latitude: '30.51',
    longitude: '47.81',
    date_start: '2014-08-15',
    best: '40',
    where_prec: '1',
    type_of_violence: '3',
    side_a: 'IS',
  };
  type UcdpReport = Report & { ucdp: { candidateWithdrawn: number; candidateReplaced: number; keptFinal: number } };

  it('imports, supersedes and withdraws Candidate values, keeps final ones and rolls back alike', async () => {
    const cand = csv([...iraq2014, extra]);
    const ged = csv(iraq2014);
    const bad = await imported(csv([{ ...iraq2014[0]!, best: 'many' }]), 'profile=ucdp-ged');
    expect(bad.status).toBe(422);
    await expectSameData();
    const dryCand = await imported(cand, 'profile=ucdp-candidate&dryRun=true&name=candidate.csv');
    expect(dryCand.status).toBe(200);
    const c = await imported(cand, 'profile=ucdp-candidate&name=candidate.csv');
    expect(c.status).toBe(201);
    expect((c.body as Report).wouldCreate).toBeGreaterThan(0);
    await expectSameData();
    const dry = await imported(ged, 'profile=ucdp-ged&dryRun=true&name=ged.csv');
    expect((dry.body as UcdpReport).ucdp.candidateWithdrawn).toBeGreaterThan(0);
    const g = await imported(ged, 'profile=ucdp-ged&name=ged.csv');
    expect(g.status).toBe(201);
    expect(g.body).toMatchObject({ ucdp: { candidateWithdrawn: (dry.body as UcdpReport).ucdp.candidateWithdrawn } });
    await expectSameData();
    const again = await imported(cand, 'profile=ucdp-candidate&dryRun=true');
    expect((again.body as UcdpReport).wouldSupersede).toBe(0);
    expect((again.body as UcdpReport).ucdp.keptFinal).toBeGreaterThan(0);
    expect((await rolledBack((g.body as Report).batchId!)).status).toBe(200);
    await expectSameData();
    expect((await rolledBack((c.body as Report).batchId!)).status).toBe(200);
    await expectSameData();
  });
});
