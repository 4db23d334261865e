import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '../../db/client.ts';
import { listImportBatches } from '../../db/queries/imports.ts';
import { listObservations } from '../../db/queries/observations.ts';
import { runVigil, runVigilHere } from '../helpers/cli.ts';
import { withDb } from '../helpers/db.ts';
import { seededDbCopy } from '../helpers/seeded-db.ts';

let dbPath: string;
let dir: string;

/** Runs a `vigil` command in this process on the test database (what it does and the code it returns). */
const vigil = (...args: string[]) => runVigilHere(dbPath, args);
/** Runs `node bin/vigil.js …` on the test database: for the process's own exit status. */
const vigilProcess = (...args: string[]) => runVigil(dbPath, args);

const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
const inDb = <T>(f: (db: Connection) => T): T => withDb(dbPath, f);

beforeAll(() => {
  dbPath = seededDbCopy();
  dir = mkdtempSync(join(tmpdir(), 'vigil-cli-'));
});

describe('vigil CLI', () => {
  it('lists its commands', async () => {
    const r = await vigilProcess('help');
    expect(r.code).toBe(0);
    for (const c of ['import', 'import-ucdp', 'rollback', 'recompute'])
      expect(r.stdout).toMatch(new RegExp(`^  ${c} `, 'm'));
  });

  it('exits 1 on a file with a rejected row, says which row and column, and writes nothing', async () => {
    const bad = file(
      'bad.csv',
      'region,indicator,period,value,source\nIQ-NI,afac.rf1,2016-05,2,Partner\nIQ-NI,afac.7.9,2016-05,12,Partner\n',
    );
    const r = await vigilProcess('import', bad);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/row 3, value: 12 is outside the indicator's scale/);
    expect(r.stderr).toMatch(/Nothing was written/);
    expect(inDb((db) => listImportBatches(db))).toEqual([]);
  });

  it('exits 1 when the file lacks required columns, 2 on a usage mistake', async () => {
    const r = await vigil('import', file('cols.csv', 'region,value\nIQ-NI,2\n'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/lacks required columns/);
    expect((await vigilProcess('import')).code).toBe(2);
    expect((await vigil('no-such-command')).code).toBe(2);
    expect((await vigil('import', join(dir, 'missing.csv'))).code).toBe(1);
  });

  it('dry-runs, imports and rolls back a good file with a summary', async () => {
    const good = file(
      'good.csv',
      '#adm1+code,#indicator+code,#date,#value,#meta+source\nIQ-NI,afac.rf1,2016-05,2,Partner\nNG-BO,afac.rf1,2016-05,3,Partner\n',
    );
    const dry = await vigil('import', good, '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/good\.csv \(hxl\): 2 rows read .* 2 ok, 0 rejected/);
    expect(dry.stdout).toMatch(/would create 2/);
    expect(inDb((db) => listImportBatches(db))).toEqual([]);
    const real = await vigil('import', good);
    expect(real.code).toBe(0);
    const id = Number(/Imported as batch (\d+)/.exec(real.stdout)?.[1]);
    expect(
      inDb((db) => listObservations(db, { batchId: id, limit: 10 }))
        .map((o) => o.regionCode)
        .sort(),
    ).toEqual(['IQ-NI', 'NG-BO']);
    expect(inDb((db) => listImportBatches(db))[0]).toMatchObject({ id, createdBy: expect.stringMatching(/^cli:/) });
    const rb = await vigil('rollback', String(id));
    expect(rb.code).toBe(0);
    expect(rb.stdout).toMatch(/2 observations retracted/);
    expect(inDb((db) => listObservations(db, { batchId: id, limit: 10 })).every((o) => o.state === 'retracted')).toBe(
      true,
    );
    const again = await vigil('rollback', String(id));
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already rolled back/);
  });

  it('takes a column mapping for plain headers and prints the report as JSON', async () => {
    const f = file('mapped.csv', 'Province,Code,Month,Score,Ref\nIQ-AN,afac.rf1,2016-05,1,Partner\n');
    const r = await vigil(
      'import',
      f,
      '--dry-run',
      '--json',
      '--mapping',
      'region=Province,indicator=Code,period=Month,value=Score,source=Ref',
    );
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      status: 'dry-run',
      rowsOk: 1,
      wouldCreate: 1,
      columns: { region: 'Province', value: 'Score' },
    });
  });

  it('recomputes the scores', async () => {
    const r = await vigil('recompute');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Recomputed [\d,]+ scores/);
  });
});
