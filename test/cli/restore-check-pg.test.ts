import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createObservation } from '../../api/services/observations/write-path.ts';
import { pgAsync } from '../../db/async.ts';
import { findPgTool, pgEngine } from '../../db/backup/pg-engine.ts';
import { openPg } from '../../db/pg/client.ts';
import { runVigilHere } from '../helpers/cli.ts';
import { seededCopyInPg, startPostgres, type TestPostgres } from '../helpers/postgres.ts';

let server: TestPostgres;
let source: string;
let dir: string;
let backup: string;

const query = async (url: string, text: string) => {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(text)).rows as Record<string, unknown>[];
  } finally {
    await c.end();
  }
};
const databases = async () =>
  (await query(server.url, 'select datname from pg_database order by datname')).map((r) => r.datname as string);
/** Every row of the tables the check reads, as text: the check must leave them as they were. */
const fingerprint = async (url: string) => {
  const out: Record<string, unknown> = {};
  for (const t of ['audit_log', 'observations', 'scores', 'settings', 'regions'])
    out[t] = (await query(url, `select count(*) n, md5(string_agg(x::text, '|' order by x::text)) h from "${t}" x`))[0];
  return out;
};
const check = async (file: string, url = server.url) => {
  const r = await runVigilHere(source, ['restore', '--check', file, '--database-url', url]);
  return { code: r.code, text: `${r.stdout}\n${r.stderr}` };
};
/** A dump of another database: the backup restored elsewhere on the server and altered by `sql`, then backed up. */
const tamperedDump = async (name: string, sql: string) => {
  const url = await server.createDatabase(name);
  execFileSync(findPgTool('pg_restore'), ['--no-owner', '--exit-on-error', `--dbname=${url}`, backup]);
  await query(url, sql);
  const file = join(dir, `${name}.dump`);
  const r = await runVigilHere(source, ['backup', file, '--database-url', url]);
  expect(r.code, r.stderr).toBe(0);
  return file;
};

beforeAll(async () => {
  server = await startPostgres();
  dir = mkdtempSync(join(tmpdir(), 'vigil-pg-restore-check-'));
  source = await seededCopyInPg(server.url);
  backup = join(dir, 'vigil.dump');
  const r = await runVigilHere(source, ['backup', backup, '--database-url', server.url]);
  expect(r.code, r.stderr).toBe(0);
}, 120_000);
afterAll(async () => {
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('vigil restore --check on PostgreSQL', () => {
  it('passes a fresh backup, comparing every stored month, and leaves the live database and server as they were', async () => {
    const before = await fingerprint(server.url);
    const dbsBefore = await databases();
    const r = await check(backup);
    expect(r.code, r.text).toBe(0);
    expect(r.text).toMatch(
      /Restored .*vigil\.dump into the scratch database vigil_check_[0-9a-f]{12} and compared \/api\/scores for (\d+) months × 5 lenses × 2 levels/,
    );
    expect(r.text).toMatch(
      /\((\d+) answers, 10 of the backup's also asked through the API\) with PostgreSQL 127\.0\.0\.1:\d+\/vigil, read-only/,
    );
    expect(r.text).toMatch(/Audit log: the backup's [\d,]+ entries are the live log's first, unchanged/);
    expect(r.text).toMatch(/No score-changing write was recorded after the backup/);
    expect(r.text).toMatch(/Restore check passed/);
    expect(await fingerprint(server.url)).toEqual(before);
    // The scratch database is gone.
    expect(await databases()).toEqual(dbsBefore);
  }, 120_000);

  it.each([
    [
      'an observation’s value changed',
      'update observations set value = 0 where id = 1',
      /observation 1 differs[\s\S]*answers differ in months no later write explains: 2014-08/,
    ],
    [
      'an observation deleted',
      'delete from observations where id = 2',
      /1 observations of the live database up to id \d+ are missing/,
    ],
    [
      'an audit entry rewritten (its guard triggers disabled first)',
      `alter table audit_log disable trigger user; update audit_log set actor = 'someone-else' where id = 1`,
      /Audit log: entry 1 of the backup differs/,
    ],
  ])(
    'fails the dump of a database with %s, and says so',
    async (what, sql, message) => {
      const file = await tamperedDump(`other_${what.replace(/\W+/g, '_').slice(0, 30)}`, sql);
      const dbsBefore = await databases();
      const r = await check(file);
      expect(r.code, r.text).toBe(1);
      expect(r.text).toMatch(message);
      expect(r.text).toMatch(/Restore check FAILED/);
      expect(await databases()).toEqual(dbsBefore);
    },
    120_000,
  );

  it('without pg_restore anywhere, or a role that may not create a database: a clear error, and nothing left', async () => {
    const dbsBefore = await databases();
    await expect(pgEngine(server.url, { path: dir, roots: [] }).restoreScratch(backup)).rejects.toThrow(
      /pg_restore not found on the PATH or under \(no fallback folder\): install the PostgreSQL client tools/,
    );
    await query(server.url, 'create role checker login nocreatedb');
    const url = new URL(server.url);
    url.username = 'checker';
    const r = await check(backup, url.toString());
    expect(r.code).toBe(1);
    expect(r.text).toMatch(
      /Restore check failed: cannot create a scratch database to restore the backup into on 127\.0\.0\.1:\d+\/vigil \(the role needs CREATEDB\): permission denied to create database\. PostgreSQL 127\.0\.0\.1:\d+\/vigil was not touched/,
    );
    expect(await databases()).toEqual(dbsBefore);
  }, 120_000);

  // Last: it writes to the live database.
  it('names the months a write made after the backup changed, and passes', async () => {
    const live = openPg(server.url);
    try {
      await createObservation(
        pgAsync(live),
        { id: null, name: 'cli:test', role: 'admin' },
        {
          region: 'IQ-NI',
          indicator: 'afac.7.9',
          period: '2016-06',
          value: 0,
          confidence: 'high',
          source: { citation: 'Later report' },
        },
      );
    } finally {
      await live.$client.end();
    }
    const r = await check(backup);
    expect(r.code, r.text).toBe(0);
    expect(r.text).toMatch(
      /1 score-changing writes were recorded after the backup; they can change months from 2016-06 on \(([1-9]\d*) answers differ there: 2016-06/,
    );
    expect(r.text).toMatch(/Every other answer is identical/);
    expect(r.text).toMatch(/Restore check passed/);
  }, 120_000);
});
