import { existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findPgTool, PG_TABLES, pgEngine } from '../../db/backup/pg-engine.ts';
import { runVigilHere } from '../helpers/cli.ts';
import { seededCopyInPg, startPostgres, type TestPostgres } from '../helpers/postgres.ts';

let server: TestPostgres;
let source: string;
let dir: string;

const query = async (url: string, text: string, values: unknown[] = []) => {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(text, values)).rows as Record<string, unknown>[];
  } finally {
    await c.end();
  }
};
const counts = async (url: string) => {
  const out: Record<string, number> = {};
  for (const t of PG_TABLES) out[t] = Number((await query(url, `select count(*) n from "${t}"`))[0]!.n);
  return out;
};
const databases = async () =>
  (await query(server.url, 'select datname from pg_database order by datname')).map((r) => r.datname as string);

beforeAll(async () => {
  server = await startPostgres();
  dir = mkdtempSync(join(tmpdir(), 'vigil-pg-backup-'));
  source = await seededCopyInPg(server.url);
});
afterAll(async () => {
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('vigil backup / restore on PostgreSQL', () => {
  it('backs up, and a restore brings back an altered and a deleted row with equal counts', async () => {
    const file = join(dir, 'vigil.dump');
    const before = await counts(server.url);
    expect(before.scores).toBeGreaterThan(1000);
    const dbsBefore = await databases();
    const backup = await runVigilHere(source, ['backup', file, '--database-url', server.url]);
    expect(backup.code, backup.stderr).toBe(0);
    expect(backup.stdout).toMatch(/Backed up PostgreSQL 127\.0\.0\.1:\d+\/vigil to .*vigil\.dump/);
    expect(backup.stdout).toContain(`${PG_TABLES.length} tables`);
    expect(readFileSync(file).subarray(0, 5).toString()).toBe('PGDMP');
    expect(JSON.parse(readFileSync(`${file}.json`, 'utf8')).rows).toEqual(before);
    // The scratch database used for the check is gone; no temporary file is left.
    expect(await databases()).toEqual(dbsBefore);
    expect(readdirSync(dir).sort()).toEqual(['vigil.dump', 'vigil.dump.json']);

    const [region] = await query(server.url, `select code, name from regions where code = 'SDN'`);
    await query(server.url, `update regions set name = 'Altered' where code = 'SDN'`);
    await query(server.url, `delete from scores where ctid = (select ctid from scores limit 1)`);
    expect((await counts(server.url)).scores).toBe(before.scores! - 1);

    const refused = await runVigilHere(source, ['restore', file, '--database-url', server.url]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/holds a Vigil database; stop the server and pass --force/);

    const restore = await runVigilHere(source, ['restore', file, '--force', '--database-url', server.url]);
    expect(restore.code, restore.stderr).toBe(0);
    expect(restore.stdout).toMatch(/Restored .*vigil\.dump into PostgreSQL .* equal to the counts in/);
    expect((await query(server.url, `select code, name from regions where code = 'SDN'`))[0]).toEqual(region);
    expect(await counts(server.url)).toEqual(before);
  });

  it('takes the URL from VIGIL_DATABASE_URL, and refuses a file of the other engine, saying why', async () => {
    const file = join(dir, 'env.dump');
    const backup = await runVigilHere(source, ['backup', file], { VIGIL_DATABASE_URL: server.url });
    expect(backup.code, backup.stderr).toBe(0);
    // A SQLite database given to a PostgreSQL target.
    const sqliteFile = await runVigilHere(source, ['restore', source, '--force', '--database-url', server.url]);
    expect(sqliteFile.code).toBe(2);
    expect(sqliteFile.stderr).toMatch(/is a SQLite database, not a PostgreSQL dump/);
    // A PostgreSQL dump given to the SQLite database (no URL).
    const dumpToSqlite = await runVigilHere(source, ['restore', file, '--force'], { VIGIL_DATABASE_URL: '' });
    expect(dumpToSqlite.code).toBe(2);
    expect(dumpToSqlite.stderr).toMatch(
      /is a PostgreSQL dump: give the database to restore it into with --database-url/,
    );
  });

  it('refuses to restore a dump whose row counts file is missing, and changes nothing', async () => {
    const file = join(dir, 'env.dump');
    renameSync(`${file}.json`, `${file}.aside`);
    const before = await counts(server.url);
    const r = await runVigilHere(source, ['restore', file, '--force', '--database-url', server.url]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/env\.dump\.json is missing: vigil backup writes it beside the dump/);
    expect(await counts(server.url)).toEqual(before);
  });

  it('without pg_dump anywhere: a clear error naming it, and no file', async () => {
    const file = join(dir, 'missing-tool.dump');
    expect(() => findPgTool('pg_dump', { path: dir, roots: [] })).toThrow(/pg_dump not found on the PATH/);
    // The fallback finds it when the PATH does not hold it.
    expect(findPgTool('pg_dump', { path: dir })).toMatch(/\/usr\/lib\/postgresql\/\d+\/bin\/pg_dump$/);
    await expect(pgEngine(server.url, { path: dir, roots: [] }).backup(file)).rejects.toThrow(
      /pg_dump not found on the PATH or under \(no fallback folder\): install the PostgreSQL client tools/,
    );
    expect(existsSync(file)).toBe(false);
    expect(existsSync(`${file}.json`)).toBe(false);
  });

  it('with a wrong password: a clear error that does not show the password, and no file', async () => {
    // A role that must give a password over TCP (the test server trusts everyone else).
    await query(server.url, `create role backup_user login superuser password 'right-secret-1'`);
    const hba = (await query(server.url, 'show hba_file'))[0]!.hba_file as string;
    await query(
      server.url,
      `copy (values ('host all backup_user 127.0.0.1/32 scram-sha-256'), ('host all all 127.0.0.1/32 trust'), ('local all all trust')) to '${hba}'`,
    );
    await query(server.url, 'select pg_reload_conf()');
    const secret = 'wrong-secret-7f3a';
    const url = new URL(server.url);
    url.username = 'backup_user';
    url.password = secret;
    const file = join(dir, 'wrong-password.dump');
    const r = await runVigilHere(source, ['backup', file, '--database-url', url.toString()]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/cannot connect to PostgreSQL 127\.0\.0\.1:\d+\/vigil: password authentication failed/);
    expect(r.stderr + r.stdout).not.toContain(secret);
    expect(existsSync(file)).toBe(false);
    // The right password works through the same path (given to pg_dump in its environment).
    url.password = 'right-secret-1';
    const ok = await runVigilHere(source, ['backup', file, '--database-url', url.toString()]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout + ok.stderr).not.toContain('right-secret-1');
  });
});
