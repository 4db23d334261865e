import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { runVigilHere } from '../helpers/cli.ts';
import { seededDbCopy } from '../helpers/seeded-db.ts';
import { startApp } from '../helpers/app.ts';
import { createUserAndLogin } from '../helpers/auth.ts';

const SAMPLE = 'db/seed/ucdp/ged-sample.csv';
let dbPath: string;
let dir: string;
const vigil = (...args: string[]) => runVigilHere(dbPath, args);

beforeAll(() => {
  dbPath = seededDbCopy();
  dir = mkdtempSync(join(tmpdir(), 'vigil-profiles-'));
});

type Report = { profile: string; sourceKey: string; rowsRead: number; wouldCreate: number; dropped: unknown };
const pick = (r: Report) => ({
  profile: r.profile,
  sourceKey: r.sourceKey,
  rowsRead: r.rowsRead,
  wouldCreate: r.wouldCreate,
  dropped: r.dropped,
});

describe('vigil import --profile', () => {
  it('runs the same code as the API: the same report for the same file, and import-ucdp is its alias', async () => {
    const cli = await vigil('import', '--profile', 'ucdp-ged', SAMPLE, '--dry-run', '--json');
    expect(cli.code, cli.stderr).toBe(0);
    const alias = await vigil('import-ucdp', SAMPLE, '--dry-run', '--json');
    expect(alias.code, alias.stderr).toBe(0);
    const server = await startApp({ dbPath });
    try {
      const analyst = await createUserAndLogin(server, 'analyst');
      const api = await server.request('/api/imports?profile=ucdp-ged&dryRun=true', {
        method: 'POST',
        headers: { ...analyst.bearer, 'Content-Type': 'text/csv' },
        body: readFileSync(SAMPLE),
      });
      const fromApi = pick((await api.json()) as Report);
      expect(pick(JSON.parse(cli.stdout) as Report)).toEqual(fromApi);
      expect(pick(JSON.parse(alias.stdout) as Report)).toEqual(fromApi);
      expect(fromApi).toMatchObject({ profile: 'ucdp-ged', sourceKey: 'feed:ucdp', rowsRead: 634 });
    } finally {
      server.db.$client.close();
    }
  });

  it('names an unknown profile, and the encoding to rerun with', async () => {
    const bad = await vigil('import', '--profile', 'nope', SAMPLE, '--dry-run');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--profile must be one of .*ucdp-candidate/);
    const f = join(dir, 'cp1252.csv');
    writeFileSync(
      f,
      Buffer.from('region,indicator,period,value,source\nIQ-NI,afac.rf1,2016-05,2,Minist\xe8re\n', 'latin1'),
    );
    const refused = await vigil('import', f, '--dry-run');
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/looks like Windows-1252; rerun with --encoding windows-1252/);
    const ok = await vigil('import', f, '--dry-run', '--encoding', 'windows-1252');
    expect(ok.code, ok.stderr).toBe(0);
  });

  it('reads the encoding it is told, refuses one it does not know, and refuses implausible values, writing nothing', async () => {
    const written = () => {
      const db = new Database(dbPath, { readonly: true });
      try {
        return (
          (db.prepare('select count(*) as n from observations').get() as { n: number }).n +
          (db.prepare('select count(*) as n from import_batches').get() as { n: number }).n
        );
      } finally {
        db.close();
      }
    };
    const utf16 = join(dir, 'utf16.csv');
    writeFileSync(
      utf16,
      Buffer.from('region,indicator,period,value,source\nIQ-NI,afac.rf1,2008-04,3,Ministère des tests\n', 'utf16le'),
    );
    const before = written();
    const refused = await vigil('import', utf16);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/looks like UTF-16LE; rerun with --encoding utf-16le/);
    expect(written()).toBe(before);

    const unknown = await vigil('import', utf16, '--encoding', 'ebcdic');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/--encoding must be one of .*utf-16le/);
    expect(written()).toBe(before);

    const ok = await vigil('import', utf16, '--encoding', 'utf-16le', '--json');
    expect(ok.code, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ status: 'applied', rowsOk: 1 });
    expect(written()).toBe(before + 2);

    const implausible = join(dir, 'implausible.csv');
    writeFileSync(implausible, 'region,indicator,period,value,source\nIQ-NI,tip.screening-flag-rate,2008-04,250,P\n');
    const off = await vigil('import', implausible);
    expect(off.code).not.toBe(0);
    expect(off.stderr).toMatch(/row 2, value: 250 is beyond the indicator's plausible range/);
    expect(written()).toBe(before + 2);
  });
});
