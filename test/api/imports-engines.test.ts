import { describe, expect, it } from 'vitest';
import { signedInOnBothEngines } from '../helpers/engine-apps.ts';
import {
  type Engine,
  ENGINES,
  expectSameImports,
  sameOnEngines,
  seededOnBothEngines,
  storedImports,
  timeless,
  whileAuditRefuses,
} from '../helpers/engines.ts';

// POST /api/imports and POST /api/imports/:id/rollback on both engines: the same files imported by one
// app per engine over the same data (the seeded database, and its copy in a private PostgreSQL; the
// PostgreSQL app gets a closed SQLite handle, so a handler still reading it would fail), the answers,
// the observations and the stored scores required to be the same afterwards.
const both = seededOnBothEngines();
const {
  app,
  who: { analyst, admin },
} = signedInOnBothEngines(both, ['analyst', 'admin']);

/** A POST on one engine as `who` (the analyst): CSV text `body`, or an empty JSON object; status and body. */
async function post(engine: Engine, path: string, body?: string, who = analyst) {
  const res = await app[engine].request(path, {
    method: 'POST',
    headers: { ...who[engine], 'Content-Type': body === undefined ? 'application/json' : 'text/csv' },
    body: body ?? '{}',
  });
  return { status: res.status, body: timeless(await res.json()) };
}

/** The same import on both engines, the answers checked equal; the SQLite one is returned. */
const imported = (csv: string, query = '') =>
  sameOnEngines((e) => post(e, `/api/imports${query ? `?${query}` : ''}`, csv), `import ${query}`);
const rolledBack = (id: number, query = '', who = analyst) =>
  sameOnEngines((e) => post(e, `/api/imports/${id}/rollback${query}`, undefined, who), `rollback ${id}${query}`);

/** What one engine holds of imports (observations and batches, without times). */
const stored = (engine: Engine) => storedImports(both.engines[engine]());
const expectSameData = () => expectSameImports(both.engines);

const HEADER = 'region,indicator,period,value,confidence,source';
const FILE = [
  HEADER,
  'IQ-NI,afac.rf1,2016-05,3,medium,Partner sheet A',
  'Nineveh,afac.rf2,2016-05,2,high,Partner sheet A',
  'NG-BO,afac.rf1,2016-04,1,low,"Partner sheet B, with a comma"',
  'IQ-TS,afac.rf1,2016-06,2,low,Partner sheet B',
].join('\n');
type Report = {
  status: string;
  batchId: number | null;
  wouldCreate: number;
  wouldSupersede: number;
  unchanged: number;
};

describe('POST /api/imports on both engines', () => {
  it('a dry run reports alike and writes nothing', async () => {
    const before = await stored('sqlite');
    const r = await imported(FILE, 'dryRun=true');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ status: 'dry-run', batchId: null, rowsRead: 4, rowsOk: 4, wouldCreate: 4 });
    expect(await stored('sqlite')).toEqual(before);
    await expectSameData();
  });

  it('a file with bad rows or rows repeating an earlier row is rejected alike (422) and writes nothing', async () => {
    const before = await stored('sqlite');
    const bad = await imported(
      [
        FILE,
        'Atlantis,afac.rf1,2016-05,2,low,S',
        'IQ-TS,afac.rf1,2016-05,9,low,S',
        'Ninawa,afac.rf1,2016-05,1,low,S',
      ].join('\n'),
    );
    expect(bad.status).toBe(422);
    const body = bad.body as {
      error: { code: string; fields: { field: string }[] };
      report: { rowsRejected: unknown[] };
    };
    expect(body.error.code).toBe('import_rejected');
    expect(body.error.fields.map((f) => f.field)).toEqual([
      'row 6: region',
      'row 7: value',
      'row 8: region + indicator + period',
    ]);
    expect(await stored('sqlite')).toEqual(before);
    await expectSameData();
  });

  it('names the field of a bad request with the same 400s', async () => {
    const fieldsOf = (r: { body: unknown }) =>
      (r.body as { error: { fields: { field: string }[] } }).error.fields.map((f) => f.field);
    const missing = await imported('region,value\nIQ-NI,2', 'dryRun=true');
    expect(missing.status).toBe(400);
    expect(fieldsOf(missing)).toEqual(['indicator', 'period', 'source']);
    const empty = await imported(HEADER);
    expect(empty.status).toBe(400);
    expect(fieldsOf(empty)).toEqual(['file']);
    const profile = await imported(FILE, 'profile=nope');
    expect(profile.status).toBe(400);
    expect(fieldsOf(profile)).toEqual(['profile']);
    const format = await imported(FILE, 'format=xml');
    expect(format.status).toBe(400);
    expect(fieldsOf(format)).toEqual(['format']);
  });

  let first: number;
  it('applies a file alike (201): the same batch, observations, audit entry and stored scores', async () => {
    const r = await imported(FILE);
    expect(r.status).toBe(201);
    const report = r.body as Report;
    expect(report).toMatchObject({ status: 'applied', wouldCreate: 4, wouldSupersede: 0, unchanged: 0 });
    first = report.batchId!;
    await expectSameData();
    const audit = await sameOnEngines(
      async (e) =>
        timeless(await (await app[e].request('/api/audit?entity=import_batch', { headers: admin[e] })).json()),
      'audit',
    );
    expect(JSON.stringify(audit)).toContain(`"entityId":"${first}"`);
  });

  it('importing the same file again writes a batch with every row unchanged, alike', async () => {
    const r = await imported(FILE);
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ status: 'applied', wouldCreate: 0, wouldSupersede: 0, unchanged: 4 });
    await expectSameData();
  });

  let correction: number;
  it('a correcting file supersedes the current versions alike', async () => {
    const r = await imported(
      [
        HEADER,
        'IQ-NI,afac.rf1,2016-05,4,high,Partner sheet A (revised)',
        'IQ-TS,afac.rf1,2016-06,2,low,Partner sheet B',
      ].join('\n'),
    );
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ status: 'applied', wouldCreate: 0, wouldSupersede: 1, unchanged: 1 });
    correction = (r.body as Report).batchId!;
    await expectSameData();
  });

  it('rolls back alike: dry run, 409 while a later batch corrected its rows, then the later one and the first', async () => {
    const dry = await rolledBack(correction, '?dryRun=true');
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ dryRun: true, retracted: 1, restored: 1, regions: ['IQ-NI'], allowed: true });
    await expectSameData();
    const blocked = await rolledBack(first);
    expect(blocked.status).toBe(409);
    expect((await rolledBack(correction)).body).toMatchObject({ dryRun: false, retracted: 1, restored: 1 });
    await expectSameData();
    expect((await rolledBack(correction)).status).toBe(409);
    const done = await rolledBack(first);
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ retracted: 4, restored: 0, regions: ['IQ-NI', 'IQ-TS', 'NG-BO'] });
    await expectSameData();
    expect((await rolledBack(99_999)).status).toBe(404);
    const bad = await rolledBack(0);
    expect(bad.status).toBe(400);
    expect((bad.body as { error: { fields: { field: string }[] } }).error.fields[0]!.field).toBe('id');
  });

  it('keeps nothing of an import or a rollback whose audit entry is refused, on either engine', async () => {
    const applied = await imported([HEADER, 'IQ-AN,afac.rf3,2016-03,1,low,Partner sheet C'].join('\n'));
    expect(applied.status).toBe(201);
    const batchId = (applied.body as Report).batchId!;
    const before = await Promise.all(ENGINES.map(stored));
    for (const engine of ENGINES)
      await whileAuditRefuses(engine, both.engines[engine](), 'import_batch', async () => {
        expect((await post(engine, '/api/imports', FILE)).status).toBe(500);
        expect((await post(engine, `/api/imports/${batchId}/rollback`)).status).toBe(500);
      });
    expect(await Promise.all(ENGINES.map(stored))).toEqual(before);
    await expectSameData();
  });
});
