import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultCatalogue } from '../../indicators/catalogue/index.ts';
import { createUserAndLogin, type Credentials } from '../helpers/auth.ts';
import { startApp, type TestApp } from '../helpers/app.ts';

let server: TestApp;
let analyst: Credentials;
const MAX_IMPORT = 3_000_000;

interface Report {
  status: string;
  format: string;
  batchId: number | null;
  rowsRead: number;
  rowsOk: number;
  rowsRejectedCount: number;
  rowsRejected: { row: number; column: string; reason: string }[];
  wouldCreate: number;
  wouldSupersede: number;
  unchanged: number;
  unmatchedRegions: string[];
  regions: number;
}
interface Obs {
  id: number;
  regionCode: string;
  indicatorId: string;
  period: string;
  value: number;
  confidence: string;
  sourceCitation: string;
  state: string;
  batchId: number | null;
}

const headers = () => ({ ...analyst.bearer, 'Content-Type': 'text/csv' });
async function upload(
  csv: string,
  query = '',
): Promise<{
  status: number;
  report: Report;
  body: { error?: { code: string; message: string; fields?: { field: string }[] }; report?: Report } & Report;
}> {
  const res = await server.request(`/api/imports${query ? `?${query}` : ''}`, {
    method: 'POST',
    headers: headers(),
    body: csv,
  });
  const body = await res.json();
  return { status: res.status, report: body.report ?? body, body };
}
const get = async <T>(path: string): Promise<T> =>
  (await server.request(`${path}`, { headers: analyst.bearer })).json() as Promise<T>;
const rollback = (id: number) =>
  server.request(`/api/imports/${id}/rollback`, { method: 'POST', headers: analyst.bearer });

/** Everything the dashboard would show for the months and places these tests touch. */
async function scoreSnapshot(): Promise<string[]> {
  const out = [JSON.stringify(await get('/api/periods'))];
  for (const period of ['2014-08', '2015-01', '2015-06', '2016-03', '2016-09'])
    for (const lens of ['overall', 'tip'])
      for (const level of [0, 1])
        out.push(await (await server.request(`/api/scores?period=${period}&lens=${lens}&level=${level}`)).text());
  for (const region of ['IQ-NI', 'IRQ', 'NG-BO', 'NGA'])
    out.push(await (await server.request(`/api/regions/${region}/scores?lens=tip`)).text());
  return out;
}

const SEVERITY = defaultCatalogue.indicators
  .filter((i) => i.measurement.kind === 'severity' && i.measurement.max === 4)
  .map((i) => i.id);
const months = (from: number, n: number) =>
  Array.from(
    { length: n },
    (_, i) => `${2015 + Math.floor((from + i) / 12)}-${String(((from + i) % 12) + 1).padStart(2, '0')}`,
  );

/** A plain CSV of `n` distinct valid rows over Iraqi and Nigerian regions, 2015–2016. */
function bigCsv(regions: string[], n: number): string[] {
  const lines = ['region,indicator,period,value,confidence,source'];
  const periods = months(0, 20);
  for (let i = 0; lines.length <= n; i++) {
    const region = regions[i % regions.length]!;
    const indicator = SEVERITY[Math.floor(i / regions.length) % SEVERITY.length]!;
    const period = periods[Math.floor(i / (regions.length * SEVERITY.length))]!;
    lines.push(
      `${region},${indicator},${period},${i % 5},${['low', 'medium', 'high'][i % 3]},Generated test partner sheet`,
    );
  }
  return lines;
}

let seedRow: Obs;

beforeAll(async () => {
  server = await startApp({ env: { VIGIL_MAX_IMPORT: String(MAX_IMPORT) } });
  analyst = await createUserAndLogin(server, 'analyst');
  seedRow = (await get<Obs[]>('/api/observations?region=IQ-NI')).find(
    (o) => o.indicatorId.startsWith('tip.') && o.value < 4,
  )!;
});
afterAll(() => server?.close());

describe('POST /api/imports: reports', () => {
  it('a dry run reports rows ok, each rejection by row and column, creations, supersessions and unmatched names, and writes nothing', async () => {
    const before = {
      scores: await scoreSnapshot(),
      batches: await get<unknown[]>('/api/imports'),
      ninewa: await get<Obs[]>('/api/observations?region=IQ-NI&history=true'),
    };
    const csv = [
      'region,indicator,period,value,confidence,source',
      `IQ-NI,${seedRow.indicatorId},${seedRow.period},${seedRow.value + 1},high,Partner sheet A`,
      'IQ-NI,afac.rf1,2016-05,3,medium,Partner sheet A',
      'Borno,afac.rf1,2016-05,2,low,Partner sheet A',
      'Atlantis,afac.rf1,2016-05,2,low,Partner sheet A',
      'IQ-TS,afac.rf1,2016-05,7,low,Partner sheet A',
      'IQ-TS,afac.rf1,2016-06,2,low,',
    ].join('\n');
    const { status, report } = await upload(csv, 'dryRun=true');
    expect(status).toBe(200);
    expect(report).toMatchObject({
      status: 'dry-run',
      batchId: null,
      rowsRead: 6,
      rowsOk: 3,
      rowsRejectedCount: 3,
      wouldCreate: 2,
      wouldSupersede: 1,
      unmatchedRegions: ['Atlantis'],
    });
    expect(report.rowsRejected).toEqual([
      {
        row: 5,
        column: 'region',
        reason: expect.stringMatching(/no region matches 'Atlantis'/),
        code: 'region-unmatched',
        values: { place: 'Atlantis' },
      },
      { row: 6, column: 'value', reason: expect.stringMatching(/0 to 4/) },
      { row: 7, column: 'source', reason: expect.stringMatching(/source citation/), code: 'source-empty' },
    ]);
    expect(await scoreSnapshot()).toEqual(before.scores);
    expect(await get('/api/imports')).toEqual(before.batches);
    expect(await get('/api/observations?region=IQ-NI&history=true')).toEqual(before.ninewa);
  });

  it('an import with one bad row in 10,000 writes nothing and names the row and column', async () => {
    const regions = ['IQ-NI', 'IQ-AN', 'IQ-SD', 'IQ-TS', 'IQ-DI', 'NG-BO', 'NG-YO', 'NG-AD', 'NG-KN', 'NG-BA'];
    const lines = bigCsv(regions, 10_000);
    lines[5001] = lines[5001]!.replace(/,\d,(low|medium|high),/, ',9,$1,');
    const before = {
      scores: await scoreSnapshot(),
      batches: await get<unknown[]>('/api/imports'),
      ninewa: await get<Obs[]>('/api/observations?region=IQ-NI&history=true'),
    };
    const { status, body, report } = await upload(lines.join('\n'));
    expect(status).toBe(422);
    expect(body.error!.code).toBe('import_rejected');
    expect(body.error!.message).toMatch(/1 of 10000 rows rejected; nothing was written/);
    expect(body.error!.fields!.map((f) => f.field)).toEqual(['row 5002: value']);
    expect(report).toMatchObject({ status: 'rejected', rowsRead: 10_000, rowsOk: 9_999, rowsRejectedCount: 1 });
    expect(await get('/api/imports')).toEqual(before.batches);
    expect(await get('/api/observations?region=IQ-NI&history=true')).toEqual(before.ninewa);
    expect(await scoreSnapshot()).toEqual(before.scores);
  });

  it('rejects rows that repeat an earlier row of the file', async () => {
    const { report } = await upload(
      [
        'region,indicator,period,value,source',
        'IQ-NI,afac.rf1,2016-07,2,S',
        'NG-BO,afac.rf1,2016-07,2,S',
        'Nineveh,afac.rf1,2016-07,3,S',
      ].join('\n'),
      'dryRun',
    );
    expect(report.rowsRejected).toEqual([
      { row: 4, column: 'region + indicator + period', reason: 'repeats row 2: same region, indicator and month' },
    ]);
  });

  it('names missing columns, a bad mapping and a missing hashtag row with 400s', async () => {
    const missing = await upload('region,value\nIQ-NI,2', 'dryRun=true');
    expect(missing.status).toBe(400);
    expect(missing.body.error!.fields!.map((f) => f.field)).toEqual(['indicator', 'period', 'source']);
    const mapping = await upload(
      'Province,Ind,Month,Score,Ref\nIQ-NI,afac.rf1,2016-05,2,S',
      'dryRun=true&mapping=' + encodeURIComponent('region=Province,indicator=Nope'),
    );
    expect(mapping.status).toBe(400);
    expect(mapping.body.error!.fields![0]!.field).toBe('mapping');
    const hxl = await upload('region,indicator\nIQ-NI,afac.rf1', 'dryRun=true&format=hxl');
    expect(hxl.status).toBe(400);
    expect(hxl.body.error!.fields![0]!.field).toBe('format');
  });

  it('refuses an upload above the size limit with a 413 naming the limit', async () => {
    const res = await server.request('/api/imports?dryRun=true', {
      method: 'POST',
      headers: { ...headers(), 'Content-Length': String(MAX_IMPORT + 1) },
      body: 'x'.repeat(MAX_IMPORT + 1),
    });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/limit/);
  });
});

describe('region matching', () => {
  it('matches ISO 3166-2, Natural Earth codes, p-codes and exact names regardless of case and accents; reports the rest', async () => {
    const { db, t } = server.data;
    await db.insert(t.regionAliases).values({ alias: 'TEST-PCODE-07', kind: 'pcode', regionCode: 'IQ-DA' });
    const csv = [
      'region,country,indicator,period,value,source',
      'IQ-AN,,afac.rf1,2016-08,1,S',
      'IRQ-3051,,afac.rf1,2016-08,1,S',
      'test-pcode-07,,afac.rf1,2016-08,1,S',
      'NÍNAWA,,afac.rf1,2016-09,1,S',
      'borno state,,afac.rf1,2016-08,1,S',
      'paysandú,,afac.rf1,2016-08,1,S',
      'Niger,Nigeria,afac.rf1,2016-08,1,S',
      ',IRQ,afac.rf1,2016-08,1,S',
      'Niger,,afac.rf1,2016-09,1,S',
      'Ninewa,,afac.rf1,2016-10,1,S',
      'Nineveh,Nigeria,afac.rf1,2016-11,1,S',
    ].join('\n');
    const { report } = await upload(csv, 'dryRun=true');
    expect(report.rowsOk).toBe(8);
    expect(report.rowsRejected.map((r) => [r.row, r.column])).toEqual([
      [10, 'region'],
      [11, 'region'],
      [12, 'region'],
    ]);
    expect(report.rowsRejected[0]!.reason).toMatch(/matches several regions \(NER, NG-NI\)/);
    expect(report.unmatchedRegions).toEqual(['Niger', 'Nineveh (Nigeria)', 'Ninewa']);
    const applied = await upload(csv.split('\n').slice(0, 9).join('\n'));
    expect(applied.status).toBe(201);
    const rows = await get<Obs[]>(`/api/observations?batch=${applied.report.batchId}`);
    expect(rows.map((r) => r.regionCode).sort()).toEqual([
      'IQ-AN',
      'IQ-DA',
      'IQ-NI',
      'IQ-NI',
      'IRQ',
      'NG-BO',
      'NG-NI',
      'UY-PA',
    ]);
    expect((await rollback(applied.report.batchId!)).status).toBe(200);
  });
});

describe('applying and rolling back', () => {
  it('rollback restores the previous scores and observations exactly', async () => {
    const before = { scores: await scoreSnapshot(), ninewa: await get<Obs[]>('/api/observations?region=IQ-NI') };
    const lines = bigCsv(['IQ-NI', 'IQ-AN', 'NG-BO', 'NG-YO'], 2_000);
    lines.push(`IQ-NI,${seedRow.indicatorId},${seedRow.period},4,high,Correction from partner`);
    const { status, report } = await upload(lines.join('\n'), 'name=partner.csv');
    expect(status).toBe(201);
    expect(report.status).toBe('applied');
    expect(report.wouldSupersede).toBeGreaterThan(0);
    expect(report.wouldCreate + report.wouldSupersede + report.unchanged).toBe(2_001);
    const during = await scoreSnapshot();
    expect(during).not.toEqual(before.scores);
    const batch = await get<{ id: number; state: string; fileName: string; report: Report }>(
      `/api/imports/${report.batchId}`,
    );
    expect(batch).toMatchObject({
      state: 'applied',
      fileName: 'partner.csv',
      report: { wouldCreate: report.wouldCreate },
    });
    const res = await rollback(report.batchId!);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      retracted: report.wouldCreate + report.wouldSupersede,
      restored: report.wouldSupersede,
    });
    expect(await scoreSnapshot()).toEqual(before.scores);
    expect(await get<Obs[]>('/api/observations?region=IQ-NI')).toEqual(before.ninewa);
    expect((await get<{ state: string }>(`/api/imports/${report.batchId}`)).state).toBe('rolled-back');
    const twice = await rollback(report.batchId!);
    expect(twice.status).toBe(409);
    expect((await rollback(999_999)).status).toBe(404);
  });

  it('refuses a rollback that could not be exact because a row was corrected since', async () => {
    const { report } = await upload('region,indicator,period,value,source\nIQ-MU,afac.rf1,2016-02,2,Partner B');
    const [row] = await get<Obs[]>(`/api/observations?batch=${report.batchId}`);
    await server.request(`/api/observations/${row!.id}/supersede`, {
      method: 'POST',
      headers: { ...analyst.bearer, 'Content-Type': 'application/json' },
      body: JSON.stringify({ value: 3, reason: 'checked again' }),
    });
    const res = await rollback(report.batchId!);
    expect(res.status).toBe(409);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(
      new RegExp(`${row!.id} \\(superseded\\)`),
    );
  });

  it('re-importing the same file changes nothing', async () => {
    const csv =
      'region,indicator,period,value,source\nIQ-WA,afac.rf1,2016-02,2,Partner C\nIQ-WA,afac.7.9,2016-02,1,Partner C';
    expect((await upload(csv)).report.wouldCreate).toBe(2);
    const again = await upload(csv);
    expect(again.report).toMatchObject({ status: 'applied', wouldCreate: 0, wouldSupersede: 0, unchanged: 2 });
  });

  it('HXL and plain CSV (with a column mapping) give the same result', async () => {
    const rows = [
      ['IQ-NI', 'afac.rf1', '2016-04', '3', 'high', 'Partner D, section 2'],
      ['Borno', 'tip.child-recruitment', '2016-04-20', '4', 'medium', 'Partner D, section 3'],
      ['IQ-AN', 'tip.listed-perpetrators', '2016-04', '1', 'low', 'Partner D, annex'],
      ['Atlantis', 'afac.rf1', '2016-04', '2', 'low', 'Partner D'],
    ];
    const hxl = [
      'Province,Indicator,Month,Score,Confidence,Reference',
      '#adm1+name,#indicator+code,#date,#value,#meta+confidence,#meta+source',
      ...rows.map((r) => r.join(',')),
    ].join('\n');
    const plain = [
      'Province,Indicator code,Month,Score,Sure,Reference',
      ...rows.map((r) => `${r.slice(0, 5).join(',')},"${r[5]}"`),
    ].join('\n');
    const hxlCsv = hxl.replace(/Partner D, (section \d|annex)/g, '"Partner D, $1"');
    const mapping = encodeURIComponent(
      'region=Province,indicator=Indicator code,period=Month,value=Score,confidence=Sure,source=Reference',
    );
    const strip = (r: Report) => ({
      ...r,
      format: undefined,
      columns: undefined,
      rowsRejected: r.rowsRejected.map((x) => ({ row: x.row - (r.format === 'hxl' ? 1 : 0), reason: x.reason })),
    });
    const dryHxl = await upload(hxlCsv, 'dryRun=true');
    const dryPlain = await upload(plain, `dryRun=true&mapping=${mapping}`);
    expect(dryHxl.report.format).toBe('hxl');
    expect(dryPlain.report.format).toBe('csv');
    expect(strip(dryHxl.report)).toEqual(strip(dryPlain.report));

    const good = (text: string, skip: number) =>
      text
        .split('\n')
        .filter((_, i) => i !== skip)
        .join('\n');
    const results: { obs: unknown[]; scores: string[] }[] = [];
    for (const [text, query] of [
      [good(hxlCsv, 5), ''],
      [good(plain, 4), `mapping=${mapping}`],
    ] as const) {
      const { status, report } = await upload(text, query);
      expect(status).toBe(201);
      const obs = (await get<Obs[]>(`/api/observations?batch=${report.batchId}`)).map(
        ({ id: _i, batchId: _b, ...o }) => ({ ...o, enteredAt: undefined }),
      );
      results.push({
        obs: obs.sort((a, b) => a.regionCode.localeCompare(b.regionCode)),
        scores: await scoreSnapshot(),
      });
      expect((await rollback(report.batchId!)).status).toBe(200);
    }
    expect(results[0]!.obs).toHaveLength(3);
    expect(results[1]).toEqual(results[0]);
  });

  it('accepts a multipart file upload and lists the batch', async () => {
    const form = new FormData();
    form.append(
      'file',
      new Blob(['region,indicator,period,value,source\nIQ-BG,afac.rf1,2016-01,1,Partner E\n'], { type: 'text/csv' }),
      'partner-e.csv',
    );
    const res = await server.request(`/api/imports`, { method: 'POST', headers: analyst.bearer, body: form });
    expect(res.status).toBe(201);
    const report = (await res.json()) as Report;
    const list = await get<{ id: number; fileName: string; createdBy: string; rowCount: number }[]>('/api/imports');
    expect(list[0]).toMatchObject({
      id: report.batchId,
      fileName: 'partner-e.csv',
      createdBy: analyst.email,
      rowCount: 1,
    });
  });
});
