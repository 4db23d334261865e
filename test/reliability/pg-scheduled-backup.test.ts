import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, type Credentials } from '../helpers/auth.ts';
import { runVigilHere } from '../helpers/cli.ts';
import { startPostgres, type TestPostgres } from '../helpers/postgres.ts';
import { firstStartDbCopy } from '../helpers/seeded-db.ts';
import { spawnServer, type ServerProcess } from './processes.ts';
import { createFixture, validObservation } from './write-requests.ts';

// Scheduled backups on PostgreSQL (issue 18, "backups their DBAs already know"): two API processes on one
// database share one schedule. The status lives in the database and the process that finds a backup due
// claims it under the `backup` lock, so the two take one pg_dump per interval between them, not one each.
const ADMIN = { email: 'backup-admin@pg.test', password: 'a long bootstrap passphrase 8' };
const EVERY_S = 2;
const KEEP = 3;
let postgres: TestPostgres;
let a: ServerProcess;
let b: ServerProcess;
let dir: string;
const folders: string[] = [];

interface BackupHealth {
  lastSuccessAt: string | null;
  lastSuccessFile: string | null;
  lastError: string | null;
  kept: string[];
}

beforeAll(async () => {
  postgres = await startPostgres();
  dir = mkdtempSync(join(tmpdir(), 'vigil-pg-scheduled-'));
  folders.push(dir);
  writeFileSync(join(dir, 'README.txt'), 'not a backup: never touched');
  const env = {
    VIGIL_DATABASE_URL: postgres.url,
    VIGIL_BACKUP_DIR: dir,
    VIGIL_BACKUP_EVERY: `${EVERY_S}s`,
    VIGIL_BACKUP_KEEP: String(KEEP),
  };
  a = await spawnServer(await firstStartDbCopy(), {
    ...env,
    VIGIL_BOOTSTRAP_ADMIN_EMAIL: ADMIN.email,
    VIGIL_BOOTSTRAP_ADMIN_PASSWORD: ADMIN.password,
  });
  const other = mkdtempSync(join(tmpdir(), 'vigil-pg-scheduled-b-'));
  folders.push(other);
  b = await spawnServer(join(other, 'vigil.db'), env);
});
afterAll(async () => {
  await Promise.all([a, b].map((s) => s?.stop()));
  await postgres?.stop();
  for (const f of folders) rmSync(f, { recursive: true, force: true });
});

const observations = async (url: string) => {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return Number((await c.query('select count(*) n from observations')).rows[0].n);
  } finally {
    await c.end();
  }
};

/** The backups the processes logged, in order: `[process, file name]`. */
const logged = () =>
  [a, b]
    .flatMap((s, i) =>
      [...s.output().matchAll(/^Backup .*\/(vigil-(\d{8}T\d{6}Z)[^:]*\.dump): /gm)].map((m) => ({
        by: 'ab'[i]!,
        file: m[1]!,
        at: Date.parse(m[2]!.replace(/^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/, '$1-$2-$3T$4:$5:$6Z')),
      })),
    )
    .sort((x, y) => x.at - y.at);

describe('scheduled backups with two API processes on one PostgreSQL', () => {
  it('take one verified pg_dump per interval between them while analysts write, keep the newest N, and restore', async () => {
    const session = await signIn(a, ADMIN.email, ADMIN.password);
    const made = await fetch(`${a.url}/api/auth/tokens`, {
      method: 'POST',
      headers: { ...session.session, 'Content-Type': 'application/json' },
      body: JSON.stringify({ label: 'scheduled backups' }),
    });
    expect(made.status, await made.clone().text()).toBe(201);
    const bearer = { Authorization: `Bearer ${((await made.json()) as { token: string }).token}` };
    const health = async (s: ServerProcess) =>
      ((await (await fetch(`${s.url}/api/health`, { headers: bearer })).json()) as { backup: BackupHealth }).backup;
    const fixture = await createFixture({ url: a.url, dbPath: '' }, { bearer } as unknown as Credentials);
    const before = await observations(postgres.url);

    // Entries through both processes, one after another, until five backups were taken meanwhile.
    const successes = new Set<string>();
    for (let i = 0; i < 4000 && successes.size < 5; i++) {
      const res = await fetch(`${[a, b][i % 2]!.url}/api/observations`, {
        method: 'POST',
        headers: { ...bearer, 'Content-Type': 'application/json' },
        body: JSON.stringify(validObservation(fixture)),
      });
      expect(res.status, await res.text()).toBe(201);
      const seen = await health([a, b][i % 2]!);
      expect(seen.lastError).toBeNull();
      if (seen.lastSuccessAt) successes.add(seen.lastSuccessAt);
    }
    expect(successes.size).toBeGreaterThanOrEqual(5);
    const after = await observations(postgres.url);

    // One schedule: both processes report the same last backup, read from the database.
    const [ha, hb] = [await health(a), await health(b)];
    expect(hb.lastSuccessFile).toBe(ha.lastSuccessFile);
    expect(hb.kept).toEqual(ha.kept);

    // One backup per interval between them: never two files for one slot, each claimed after the last
    // success plus the interval (names carry the claim time, to the second).
    const taken = logged();
    expect(taken.length).toBeGreaterThanOrEqual(5);
    expect(new Set(taken.map((t) => t.file)).size).toBe(taken.length);
    for (let i = 1; i < taken.length; i++)
      expect(taken[i]!.at - taken[i - 1]!.at, `${taken[i - 1]!.file} then ${taken[i]!.file}`).toBeGreaterThanOrEqual(
        EVERY_S * 1000,
      );

    // Retention: the newest N dumps with their row counts; the folder's other file untouched.
    const files = readdirSync(dir).sort();
    const dumps = files.filter((f) => f.endsWith('.dump'));
    expect(dumps).toHaveLength(KEEP);
    expect(files).toEqual([...dumps.flatMap((f) => [f, `${f}.json`]), 'README.txt'].sort());
    expect([...ha.kept].sort()).toEqual(dumps);

    // Each kept dump was cut while the entries ran: between the counts before and after.
    for (const f of dumps) {
      const n = (JSON.parse(readFileSync(join(dir, `${f}.json`), 'utf8')) as { rows: Record<string, number> }).rows
        .observations!;
      expect(n, f).toBeGreaterThan(before);
      expect(n, f).toBeLessThan(after);
    }

    // The oldest kept dump restores, as `vigil restore` does, into another database with its counts.
    const target = await postgres.createDatabase('restored');
    const r = await runVigilHere(join(folders[1]!, 'vigil.db'), ['restore', join(dir, dumps[0]!)], {
      VIGIL_DATABASE_URL: target,
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/equal to the counts in/);
    const cut = (JSON.parse(readFileSync(join(dir, `${dumps[0]}.json`), 'utf8')) as { rows: Record<string, number> })
      .rows.observations;
    expect(await observations(target)).toBe(cut);
  }, 600_000);
});
