import Database from 'better-sqlite3';
import { copyFileSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../api/app.ts';
import { recomputeAll } from '../../api/services/scores/recompute.ts';
import { openDb, type Connection } from '../../db/client.ts';
import { LENSES } from '../../indicators/vocabulary.ts';
import { createUserAndLogin, type Credentials } from '../helpers/auth.ts';
import { runVigilHere } from '../helpers/cli.ts';
import { seededDbCopy } from '../helpers/seeded-db.ts';
import { spawnServer, type ServerProcess } from './processes.ts';
import { createFixture, validObservation } from './write-requests.ts';

interface Health {
  status: string;
  backup?: {
    configured: boolean;
    lastSuccessAt: string | null;
    lastSuccessFile: string | null;
    lastAttemptAt: string | null;
    lastError: string | null;
    stale: boolean;
    kept: string[];
  };
}

const health = async (server: ServerProcess, who?: Credentials) =>
  (await (await fetch(`${server.url}/api/health`, { headers: who?.bearer ?? {} })).json()) as Health;

/** Every `/api/scores` answer (all months, lenses, levels) of a database, from an app in this process. */
async function allScores(db: Connection): Promise<Map<string, string>> {
  const app = createApp({ db, version: 'test' });
  const periods = (await (await app.request('/api/periods')).json()) as string[];
  const out = new Map<string, string>();
  for (const period of periods)
    for (const lens of LENSES)
      for (const level of [0, 1])
        out.set(
          `${period} ${lens} ${level}`,
          await (await app.request(`/api/scores?period=${period}&lens=${lens}&level=${level}`)).text(),
        );
  return out;
}

const count = (path: string, sql: string, ...args: unknown[]) => {
  const db = new Database(path, { readonly: true });
  try {
    return (db.prepare(sql).get(...args) as { n: number }).n;
  } finally {
    db.close();
  }
};

describe('scheduled backups', () => {
  it('are taken while analysts write, each a consistent cut that restores to the scores the live database had then; the newest N are kept', async () => {
    const live = seededDbCopy();
    const dir = mkdtempSync(join(tmpdir(), 'vigil-scheduled-'));
    writeFileSync(join(dir, 'README.txt'), 'not a backup: never touched');
    const server = await spawnServer(live, { VIGIL_BACKUP_DIR: dir, VIGIL_BACKUP_EVERY: '1s', VIGIL_BACKUP_KEEP: '3' });
    let before = 0;
    let after = 0;
    let seen: Health['backup'];
    try {
      const admin = await createUserAndLogin({ url: server.url, dbPath: live }, 'admin');
      const analyst = await createUserAndLogin({ url: server.url, dbPath: live }, 'analyst');
      const fixture = await createFixture({ url: server.url, dbPath: live }, admin);
      before = count(live, 'SELECT count(*) AS n FROM observations');
      const successes = new Set<string>();
      // Write one observation after another until five backups have been taken meanwhile.
      for (let i = 0; i < 2000 && successes.size < 5; i++) {
        const res = await fetch(`${server.url}/api/observations`, {
          method: 'POST',
          headers: { ...analyst.bearer, 'Content-Type': 'application/json' },
          body: JSON.stringify(validObservation(fixture)),
        });
        expect(res.status).toBe(201);
        seen = (await health(server, admin)).backup;
        if (seen?.lastSuccessAt) successes.add(seen.lastSuccessAt);
      }
      expect(successes.size).toBeGreaterThanOrEqual(5);
      after = count(live, 'SELECT count(*) AS n FROM observations');
      seen = (await health(server, admin)).backup;
      expect(server.output()).toMatch(/Backup .*vigil-\d{8}T\d{6}Z\.db: .* verified \(integrity ok/);
    } finally {
      await server.stop();
    }

    // Retention: the newest three, and the folder's other file untouched.
    const files = readdirSync(dir).sort();
    const backups = files.filter((f) => f.startsWith('vigil-'));
    expect(backups).toHaveLength(3);
    expect(files).toEqual([...backups, 'README.txt'].sort());
    expect([...seen!.kept].sort()).toEqual(backups);

    // Each kept backup was cut while writes ran, and every observation in it has its audit entry.
    for (const f of backups) {
      const path = join(dir, f);
      const n = count(path, 'SELECT count(*) AS n FROM observations');
      expect(n, f).toBeGreaterThan(before);
      expect(n, f).toBeLessThan(after);
      expect(
        count(path, "SELECT count(*) AS n FROM audit_log WHERE entity = 'observation' AND action = 'create'"),
      ).toBe(n - before);
    }

    // The oldest kept backup, restored as `vigil restore` does, serves exactly the scores the live
    // database had at its cut: the live database without the observations written after it, rescored.
    const oldest = join(dir, backups[0]!);
    const lastId = count(oldest, 'SELECT max(id) AS n FROM observations');
    const restoredPath = join(mkdtempSync(join(tmpdir(), 'vigil-restored-')), 'vigil.db');
    const r = await runVigilHere(restoredPath, ['restore', oldest]);
    expect(r.code, r.stderr).toBe(0);
    const thenPath = join(mkdtempSync(join(tmpdir(), 'vigil-then-')), 'vigil.db');
    copyFileSync(live, thenPath);
    const then = openDb(thenPath);
    const restored = openDb(restoredPath);
    try {
      then.$client.prepare('DELETE FROM observations WHERE id > ?').run(lastId);
      recomputeAll(then);
      const [a, b] = [await allScores(restored), await allScores(then)];
      expect(a.size).toBeGreaterThan(100);
      expect([...a.keys()].filter((k) => a.get(k) !== b.get(k))).toEqual([]);
      expect(a.size).toBe(b.size);
    } finally {
      then.$client.close();
      restored.$client.close();
    }
  }, 600_000);

  it('report a failure (unwritable folder) to admins without disturbing requests, and retry', async () => {
    const live = seededDbCopy();
    const file = join(mkdtempSync(join(tmpdir(), 'vigil-scheduled-')), 'a-file');
    writeFileSync(file, 'a file where the backup folder should be');
    const server = await spawnServer(live, { VIGIL_BACKUP_DIR: join(file, 'backups'), VIGIL_BACKUP_EVERY: '1s' });
    try {
      const admin = await createUserAndLogin({ url: server.url, dbPath: live }, 'admin');
      const fixture = await createFixture({ url: server.url, dbPath: live }, admin);
      const attempts = new Set<string>();
      for (let i = 0; i < 2000 && attempts.size < 3; i++) {
        const write = await fetch(`${server.url}/api/observations`, {
          method: 'POST',
          headers: { ...admin.bearer, 'Content-Type': 'application/json' },
          body: JSON.stringify(validObservation(fixture)),
        });
        expect(write.status).toBe(201);
        expect((await fetch(`${server.url}/api/scores?period=2016-06&lens=tip&level=1`)).status).toBe(200);
        const b = (await health(server, admin)).backup!;
        if (b.lastAttemptAt) attempts.add(b.lastAttemptAt);
      }
      expect(attempts.size).toBe(3);
      const b = (await health(server, admin)).backup!;
      expect(b).toMatchObject({ configured: true, lastSuccessAt: null, stale: true, kept: [] });
      expect(b.lastError).toMatch(/ENOTDIR/);
      expect((await health(server)).backup, 'anonymous callers see no backup details').toBeUndefined();
      expect(server.output()).toMatch(/Backup into .* failed: ENOTDIR.*Serving goes on/);
    } finally {
      await server.stop();
    }
  }, 300_000);
});
