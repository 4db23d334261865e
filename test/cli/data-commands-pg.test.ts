import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { sqliteAsync } from '../../db/async.ts';
import { openDb } from '../../db/client.ts';
import { importBatchesAsync } from '../../db/queries/imports.ts';
import { VALIDATION_SETTING, validationBasisAsync } from '../../api/services/validation/validation.ts';
import { getSettingAsync } from '../../db/queries/settings.ts';
import { runVigilHere } from '../helpers/cli.ts';
import { seededOnBothEngines } from '../helpers/engines.ts';
import { seededDbCopy } from '../helpers/seeded-db.ts';

// The data commands with `--database-url` (issue 18): the same command on the SQLite file and on a
// PostgreSQL copy of the same data gives the same output, exit code and outcome.
const both = seededOnBothEngines();
let dir: string;
let sqlitePath: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vigil-cli-pg-'));
  sqlitePath = seededDbCopy();
});

const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
/** The command on the SQLite copy. */
const onSqlite = (...args: string[]) => runVigilHere(sqlitePath, args);
/** The command on PostgreSQL, by `--database-url` (no SQLite file behind it). */
const onPg = (...args: string[]) => runVigilHere('/nonexistent/unused.db', [...args, '--database-url', both.url()]);
/** Text output without what differs between runs: durations, rates and the batch number. */
const steady = (text: string) =>
  text
    .replace(/in [\d.]+ s \([\d,]+ rows\/s\)/g, 'in … s')
    .replace(/^ {2}time: .*$/m, '  time: …')
    .replace(/batch \d+/g, 'batch …');

describe('vigil import on PostgreSQL', () => {
  it('writes nothing from a file with a rejected row, with exit 1 and the same report as on SQLite', async () => {
    const bad = file(
      'bad.csv',
      'region,indicator,period,value,source\nIQ-NI,afac.rf1,2016-05,2,Partner\nIQ-NI,afac.7.9,2016-05,12,Partner\n',
    );
    const before = await importBatchesAsync.list(both.engines.postgres());
    const [s, p] = [await onSqlite('import', bad), await onPg('import', bad)];
    expect(p.code, p.stderr).toBe(1);
    expect(s.code).toBe(1);
    expect(p.stderr).toMatch(/row 3, value: 12 is outside the indicator's scale/);
    expect(p.stderr).toMatch(/Nothing was written/);
    expect(steady(p.stdout)).toBe(steady(s.stdout));
    expect(p.stderr).toBe(s.stderr);
    expect(await importBatchesAsync.list(both.engines.postgres())).toEqual(before);
  });

  it('dry-runs, then imports a good file as one batch in PostgreSQL, as on SQLite', async () => {
    const good = file(
      'good.csv',
      '#adm1+code,#indicator+code,#date,#value,#meta+source\nIQ-NI,afac.rf1,2016-05,2,Partner\nNG-BO,afac.rf1,2016-05,3,Partner\n',
    );
    const pgData = both.engines.postgres();
    const before = await importBatchesAsync.list(pgData);
    const dry = await onPg('import', good, '--dry-run');
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toMatch(/good\.csv \(hxl\): 2 rows read .* 2 ok, 0 rejected/);
    expect(dry.stdout).toMatch(/would create 2/);
    expect(await importBatchesAsync.list(pgData)).toEqual(before);

    const s = await onSqlite('import', good, '--json');
    // VIGIL_DATABASE_URL is honoured as --database-url is.
    const p = await runVigilHere('/nonexistent/unused.db', ['import', good, '--json'], {
      VIGIL_DATABASE_URL: both.url(),
    });
    expect(p.code, p.stderr).toBe(0);
    expect(s.code).toBe(0);
    const [rs, rp] = [JSON.parse(s.stdout), JSON.parse(p.stdout)] as { batchId: number; status: string }[];
    expect(rp).toMatchObject({ status: 'applied', rowsOk: 2, wouldCreate: 2 });
    expect({ ...rp, batchId: 0 }).toEqual({ ...rs, batchId: 0 });

    const batches = await importBatchesAsync.list(pgData);
    expect(batches.length).toBe(before.length + 1);
    expect(batches[0]).toMatchObject({ id: rp!.batchId, createdBy: expect.stringMatching(/^cli:/), rowCount: 2 });
    const rows = await both
      .pg()
      .$client.query<{ region_code: string }>(
        'select region_code from observations where batch_id = $1 order by region_code',
        [rp!.batchId],
      );
    expect(rows.rows.map((r) => r.region_code)).toEqual(['IQ-NI', 'NG-BO']);
  });

  it('refuses a database with no Vigil data, and a URL that is not postgres://', async () => {
    const empty = await both.createDatabase('empty_import');
    const good = file('one.csv', 'region,indicator,period,value,source\nIQ-NI,afac.rf1,2016-06,2,Partner\n');
    const r = await runVigilHere('/nonexistent/unused.db', ['import', good, '--database-url', empty]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/holds no Vigil data yet/);
    const m = await runVigilHere('/nonexistent/unused.db', ['import', good, '--database-url', 'mysql://x@y/z']);
    expect(m.code).toBe(2);
    expect(m.stderr).toMatch(/--database-url must be a postgres:\/\/ URL/);
  });
});

describe('vigil validate on PostgreSQL', () => {
  it('computes, prints and stores in PostgreSQL the validation SQLite computes from the same data', async () => {
    const pgData = both.engines.postgres();
    const s = await onSqlite('validate');
    const p = await onPg('validate');
    expect(p.code, p.stderr).toBe(0);
    expect(s.code).toBe(0);
    expect(p.stderr).toMatch(/^Validating the risk model on PostgreSQL 127\.0\.0\.1:\d+\/vigil…/);
    expect(p.stdout).toMatch(/^Validation of model /);
    const lines = (text: string) => text.replace(/, computed \S+ in [\d.]+ s\./, ', computed … in … s.');
    expect(lines(p.stdout)).toBe(lines(s.stdout));

    const file = openDb(sqlitePath);
    const stored = await Promise.all(
      [sqliteAsync(file), pgData].map(async (a) => {
        const raw = await getSettingAsync(a, VALIDATION_SETTING);
        const { computedAt, seconds, ...rest } = JSON.parse(raw ?? 'null') as { computedAt: string; seconds: number };
        expect(computedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
        expect(seconds).toBeGreaterThanOrEqual(0);
        return rest;
      }),
    );
    file.$client.close();
    expect(stored[1]).toEqual(stored[0]);
    expect(stored[1]).toMatchObject({ basis: await validationBasisAsync(pgData) });
  });
});
