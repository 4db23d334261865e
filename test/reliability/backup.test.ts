import Database from 'better-sqlite3';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LENSES } from '../../indicators/vocabulary.ts';
import { createUserAndLogin, type Credentials } from '../helpers/auth.ts';
import { seededDbCopy } from '../helpers/seeded-db.ts';
import { runVigilHere } from '../helpers/cli.ts';
import { inspect, runCli, spawnServer, type ServerProcess } from './processes.ts';
import { createFixture, validObservation, type Fixture } from './write-requests.ts';

/** Everything the map and a region profile show: scores of every lens at both levels, the months, one region's series. */
async function scoreSnapshot(server: ServerProcess, who: Credentials): Promise<string> {
  const get = async (path: string) => {
    const res = await fetch(`${server.url}${path}`, { headers: who.bearer });
    expect(res.status, path).toBe(200);
    return res.text();
  };
  const periods = JSON.parse(await get('/api/periods')) as string[];
  const parts = [JSON.stringify(periods)];
  for (const lens of LENSES)
    for (const level of [0, 1])
      parts.push(await get(`/api/scores?period=${periods.at(-1)}&lens=${lens}&level=${level}`));
  parts.push(await get('/api/regions/NO-03/scores?lens=overall'), await get('/api/regions/IQ-NI/scores?lens=tip'));
  return parts.join('\n');
}

async function enter(server: ServerProcess, who: Credentials, f: Fixture, n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    const body = { ...validObservation(f), region: 'NO-03' };
    const res = await fetch(`${server.url}/api/observations`, {
      method: 'POST',
      headers: { ...who.bearer, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (res.status !== 201) throw new Error(`entry failed: ${res.status} ${await res.text()}`);
  }
}

/**
 * `vigil …` in this process (what a command does and its code; the copying still runs beside the
 * server process). The refusals' exit statuses below come from the real process (runCli).
 */
async function vigilHere(dbPath: string, args: string[]) {
  const r = await runVigilHere(dbPath, args);
  return { code: r.code, output: `${r.stdout}${r.stderr}` };
}

describe('vigil backup and vigil restore', () => {
  it('back up a live server (online, while analysts write), restore, and serve identical scores', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigil-backup-'));
    const dbPath = seededDbCopy();
    let server = await spawnServer(dbPath);
    const analyst = await createUserAndLogin({ url: server.url, dbPath }, 'analyst');
    const fixture = await createFixture(
      { url: server.url, dbPath },
      await createUserAndLogin({ url: server.url, dbPath }, 'admin'),
    );
    await enter(server, analyst, fixture, 5);

    // 1. Online backup while writes keep coming: the copy is a consistent cut (every entry has its audit row).
    const during = join(dir, 'during.db');
    const [backup] = await Promise.all([vigilHere(dbPath, ['backup', during]), enter(server, analyst, fixture, 15)]);
    expect(backup.code, backup.output).toBe(0);
    expect(backup.output).toMatch(/integrity ok/);
    const copy = new Database(during, { readonly: true });
    const entries = (
      copy.prepare('SELECT count(*) AS n FROM observations WHERE entered_by = ?').get(analyst.email) as { n: number }
    ).n;
    const audited = (
      copy
        .prepare("SELECT count(*) AS n FROM audit_log WHERE actor = ? AND entity = 'observation' AND action = 'create'")
        .get(analyst.email) as { n: number }
    ).n;
    copy.close();
    expect(entries).toBeGreaterThanOrEqual(5);
    expect(audited).toBe(entries);

    // 2. A quiet backup, the scores at that moment, then more writes that change them.
    const snapshot = join(dir, 'snapshot.db');
    expect((await vigilHere(dbPath, ['backup', snapshot])).code).toBe(0);
    expect((await runCli(dbPath, ['backup', snapshot])).code, 'refuses to overwrite without --force').toBe(2);
    const atBackup = await scoreSnapshot(server, analyst);
    const rowsAtBackup = inspect(dbPath).observations;
    await enter(server, analyst, fixture, 10);
    expect(await scoreSnapshot(server, analyst)).not.toBe(atBackup);
    await server.stop();

    // 3. Restore over the changed database (refused without --force), restart: identical scores.
    expect((await vigilHere(dbPath, ['restore', snapshot])).code).toBe(2);
    const restored = await vigilHere(dbPath, ['restore', snapshot, '--force']);
    expect(restored.code, restored.output).toBe(0);
    expect(inspect(dbPath)).toMatchObject({ integrity: 'ok', observations: rowsAtBackup });
    server = await spawnServer(dbPath);
    try {
      expect(await scoreSnapshot(server, analyst)).toBe(atBackup);
    } finally {
      await server.stop();
    }

    // 4. Restore into a fresh location (a new machine): identical scores too.
    const fresh = join(dir, 'elsewhere', 'vigil.db');
    const elsewhere = await vigilHere(fresh, ['restore', snapshot]);
    expect(elsewhere.code, elsewhere.output).toBe(0);
    expect(existsSync(fresh)).toBe(true);
    server = await spawnServer(fresh);
    try {
      expect(await scoreSnapshot(server, analyst)).toBe(atBackup);
    } finally {
      await server.stop();
    }
  }, 300_000);

  it('refuses to restore a file that is not a sound Vigil backup, changing nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigil-backup-'));
    const target = seededDbCopy();
    const before = inspect(target);
    const junk = join(dir, 'junk.db');
    const other = new Database(junk);
    other.exec('CREATE TABLE t (x)');
    other.close();
    const res = await runCli(target, ['restore', junk, '--force']);
    expect(res.code).toBe(1);
    expect(res.output).toMatch(/not a sound Vigil backup/);
    expect(inspect(target)).toEqual(before);
  });
});
