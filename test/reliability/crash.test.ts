import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app.ts';
import { openDb } from '../../db/client.ts';
import { createUserAndLogin } from '../helpers/auth.ts';
import { runVigilHere } from '../helpers/cli.ts';
import { seededDbCopy } from '../helpers/seeded-db.ts';
import { inspect, spawnCli, spawnServer, writeBigCsv } from './processes.ts';

const ROWS = 60_000;
const faults: string[] = [];
afterAll(() => console.log(`crash faults injected: ${faults.length} (${faults.join('; ')})`));

const walSize = (dbPath: string) => (existsSync(`${dbPath}-wal`) ? statSync(`${dbPath}-wal`).size : 0);

/**
 * Waits until the import's write transaction is under way (the WAL has grown by 64 KB past `base`)
 * while its batch is not yet committed (a second connection cannot see it), then calls `kill`.
 * Returns false if the batch committed first (the kill came too late to be "in the middle").
 */
async function killMidWrite(
  dbPath: string,
  fileName: string,
  base: number,
  kill: () => Promise<void>,
): Promise<boolean> {
  const watcher = new Database(dbPath, { readonly: true });
  const committed = () =>
    (watcher.prepare('SELECT count(*) AS n FROM import_batches WHERE file_name = ?').get(fileName) as { n: number }).n >
    0;
  try {
    const deadline = Date.now() + 180_000;
    while (Date.now() < deadline) {
      if (committed()) return false;
      if (walSize(dbPath) > base + 64 * 1024) {
        await kill();
        return true;
      }
      await new Promise((r) => setTimeout(r, 2));
    }
    throw new Error('the import never started writing');
  } finally {
    watcher.close();
  }
}

describe('kill -9 in the middle of a large import', () => {
  it(`through the API (${ROWS.toLocaleString('en')} rows): integrity ok, import fully absent, rerun succeeds`, async () => {
    const dbPath = seededDbCopy();
    const csv = join(mkdtempSync(join(tmpdir(), 'vigil-crash-')), 'crash-api.csv');
    writeBigCsv(dbPath, csv, ROWS, 0, 'crash-api');
    let server = await spawnServer(dbPath);
    const analyst = await createUserAndLogin({ url: server.url, dbPath }, 'analyst');
    const before = inspect(dbPath);
    const body = readFileSync(csv);
    const upload = () =>
      fetch(`${server.url}/api/imports?name=crash-api.csv`, {
        method: 'POST',
        headers: { ...analyst.bearer, 'Content-Type': 'text/csv' },
        body,
      });

    const inFlight = upload().then(
      (r) => `answered ${r.status}`,
      (e: Error) => `failed: ${e.message}`,
    );
    const killed = await killMidWrite(dbPath, 'crash-api.csv', walSize(dbPath), () => server.kill9());
    expect(killed, 'the kill landed before the commit').toBe(true);
    faults.push('server SIGKILL during the import write transaction');
    expect(await inFlight).toMatch(/^failed/);

    const after = inspect(dbPath);
    expect(after.integrity).toBe('ok');
    expect(after.observations).toBe(before.observations);
    expect(after.batches.map((b) => b.file_name)).not.toContain('crash-api.csv');
    expect(after.audit).toBe(before.audit);

    server = await spawnServer(dbPath);
    try {
      const res = await upload();
      expect(res.status).toBe(201);
      const report = (await res.json()) as { rowsRead: number; wouldCreate: number; batchId: number };
      expect(report).toMatchObject({ rowsRead: ROWS, wouldCreate: ROWS });
      const final = inspect(dbPath);
      expect(final.observations).toBe(before.observations + ROWS);
      expect(final.duplicates).toBe(0);
      expect(final.batches.filter((b) => b.file_name === 'crash-api.csv')).toEqual([
        { id: report.batchId, file_name: 'crash-api.csv', row_count: ROWS, state: 'applied' },
      ]);
    } finally {
      await server.stop();
    }
  }, 300_000);

  it(`through the CLI importer (${ROWS.toLocaleString('en')} rows): integrity ok, import fully absent, rerun succeeds`, async () => {
    const dbPath = seededDbCopy();
    const csv = join(mkdtempSync(join(tmpdir(), 'vigil-crash-')), 'crash-cli.csv');
    writeBigCsv(dbPath, csv, ROWS, 0, 'crash-cli');
    const before = inspect(dbPath);
    const cli = spawnCli(dbPath, ['import', csv]);
    const killed = await killMidWrite(dbPath, 'crash-cli.csv', walSize(dbPath), async () => {
      cli.child.kill('SIGKILL');
      await cli.done;
    });
    expect(killed, 'the kill landed before the commit').toBe(true);
    faults.push('CLI importer SIGKILL during the import write transaction');
    expect((await cli.done).signal).toBe('SIGKILL');

    const after = inspect(dbPath);
    expect(after.integrity).toBe('ok');
    expect(after.observations).toBe(before.observations);
    expect(after.batches.map((b) => b.file_name)).not.toContain('crash-cli.csv');

    const rerun = spawnCli(dbPath, ['import', csv]);
    const done = await rerun.done;
    expect(done.code, done.output).toBe(0);
    const final = inspect(dbPath);
    expect(final.integrity).toBe('ok');
    expect(final.observations).toBe(before.observations + ROWS);
    expect(final.duplicates).toBe(0);
  }, 300_000);

  it('after the commit, while scores are recomputed: the import is whole, once, and scores match a full recompute', async () => {
    const rows = 20_000;
    const dbPath = seededDbCopy();
    const csv = join(mkdtempSync(join(tmpdir(), 'vigil-crash-')), 'crash-late.csv');
    writeBigCsv(dbPath, csv, rows, 0, 'crash-late');
    const region = readFileSync(csv, 'utf8').split('\n')[1]!.split(',')[0]!;
    let server = await spawnServer(dbPath);
    const analyst = await createUserAndLogin({ url: server.url, dbPath }, 'analyst');
    const before = inspect(dbPath);
    const inFlight = fetch(`${server.url}/api/imports?name=crash-late.csv`, {
      method: 'POST',
      headers: { ...analyst.bearer, 'Content-Type': 'text/csv' },
      body: readFileSync(csv),
    }).then(
      (r) => `answered ${r.status}`,
      (e: Error) => `failed: ${e.message}`,
    );
    const watcher = new Database(dbPath, { readonly: true });
    while (
      !(
        watcher.prepare("SELECT count(*) AS n FROM import_batches WHERE file_name = 'crash-late.csv'").get() as {
          n: number;
        }
      ).n
    )
      await new Promise((r) => setTimeout(r, 2));
    watcher.close();
    await server.kill9();
    faults.push('server SIGKILL after the import committed, before it answered');
    expect(await inFlight).toMatch(/^failed/);

    const after = inspect(dbPath);
    expect(after.integrity).toBe('ok');
    expect(after.observations).toBe(before.observations + rows);
    expect(after.batches.filter((b) => b.file_name === 'crash-late.csv')).toHaveLength(1);
    expect(after.duplicates).toBe(0);

    const series = async () => {
      server = await spawnServer(dbPath);
      try {
        return await (
          await fetch(`${server.url}/api/regions/${region}/scores?lens=overall`, { headers: analyst.bearer })
        ).text();
      } finally {
        await server.stop();
      }
    };
    const afterRestart = await series();
    // The full recompute and the read after it are not about a process: both in this one.
    expect((await runVigilHere(dbPath, ['recompute'])).code).toBe(0);
    const db = openDb(dbPath);
    try {
      const res = await createApp({ db, version: 'test' }).request(`/api/regions/${region}/scores?lens=overall`, {
        headers: analyst.bearer,
      });
      expect(afterRestart).toBe(await res.text());
    } finally {
      db.$client.close();
    }
    expect(JSON.parse(afterRestart)).not.toEqual([]);
  }, 300_000);
});
