import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pgAsync, sqliteAsync } from '../../db/async.ts';
import { openDb, type Connection } from '../../db/client.ts';
import { runMigrations } from '../../db/migrate.ts';
import { openPg, runPgMigrations, type PgConnection } from '../../db/pg/client.ts';
import { setWriteGate, writeGate, WritesPausedError } from '../../db/write-gate.ts';
import { withWriteLock } from '../../db/write-lock.ts';
import { startPostgres, type TestPostgres } from '../helpers/postgres.ts';

let dir: string;
let sqlite: Connection;
let server: TestPostgres;
let pgA: PgConnection;
let pgB: PgConnection;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vigil-lock-'));
  sqlite = openDb(join(dir, 'vigil.db'));
  runMigrations(sqlite);
  server = await startPostgres();
  pgA = openPg(server.url);
  await runPgMigrations(pgA);
  pgB = openPg(server.url);
});
afterAll(async () => {
  sqlite?.$client.close();
  await pgA?.$client.end();
  await pgB?.$client.end();
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** A promise and the function that settles it. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((r) => (open = r));
  return { open, opened };
}

/** Resolves once a backend is waiting on an advisory lock (polled; no time limit of its own). */
async function someoneWaitsOnAdvisoryLock(pg: PgConnection) {
  for (;;) {
    const { rows } = await pg.$client.query("select 1 from pg_locks where locktype = 'advisory' and not granted");
    if (rows.length > 0) return;
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('named write locks on PostgreSQL', () => {
  it('a second connection asking for the same name waits until the first commits; another name does not', async () => {
    const events: string[] = [];
    const hold = gate();
    const entered = gate();
    const first = withWriteLock(pgAsync(pgA), 'recompute', async (tx) => {
      events.push('first in');
      await tx.db.insert(tx.t.settings).values({ key: 'lock-first', value: '1' });
      entered.open();
      await hold.opened;
      events.push('first out');
    });
    await entered.opened;
    const second = withWriteLock(pgAsync(pgB), 'recompute', async (tx) => {
      events.push('second in');
      // It sees what the first wrote: it began after the first committed.
      const rows = await tx.db.select().from(tx.t.settings);
      events.push(`second sees ${rows.some((r) => r.key === 'lock-first')}`);
    });
    await someoneWaitsOnAdvisoryLock(pgA);
    events.push('second waits');
    await withWriteLock(pgAsync(pgB), 'import', async () => {
      events.push('other name in');
    });
    hold.open();
    await Promise.all([first, second]);
    expect(events).toEqual(['first in', 'second waits', 'other name in', 'first out', 'second in', 'second sees true']);
  });

  it('a failure rolls the phase back and frees the lock', async () => {
    await expect(
      withWriteLock(pgAsync(pgA), 'recompute', async (tx) => {
        await tx.db.insert(tx.t.settings).values({ key: 'lock-undone', value: '1' });
        throw new Error('phase failed');
      }),
    ).rejects.toThrow('phase failed');
    const keys = await withWriteLock(pgAsync(pgB), 'recompute', async (tx) =>
      (await tx.db.select().from(tx.t.settings)).map((r) => r.key),
    );
    expect(keys).not.toContain('lock-undone');
  });
});

describe('named write locks on SQLite', () => {
  it('run one at a time on a connection, each in its own transaction, committed or rolled back', async () => {
    const a = sqliteAsync(sqlite);
    const events: string[] = [];
    const hold = gate();
    const first = withWriteLock(a, 'recompute', async (tx) => {
      events.push('first in');
      await tx.db.insert(tx.t.settings).values({ key: 'sqlite-first', value: '1' });
      await hold.opened;
      events.push('first out');
    });
    const failing = withWriteLock(a, 'import', async (tx) => {
      events.push('second in');
      await tx.db.insert(tx.t.settings).values({ key: 'sqlite-undone', value: '1' });
      throw new Error('phase failed');
    });
    const third = withWriteLock(a, 'recompute', async () => {
      events.push('third in');
    });
    hold.open();
    await first;
    await expect(failing).rejects.toThrow('phase failed');
    await third;
    expect(events).toEqual(['first in', 'first out', 'second in', 'third in']);
    const keys = sqlite.$client.prepare('select key from settings').pluck().all();
    expect(keys).toContain('sqlite-first');
    expect(keys).not.toContain('sqlite-undone');
    expect(sqlite.$client.inTransaction).toBe(false);
  });

  it('is refused at once, writing nothing, while the write gate of the file is closed', async () => {
    const g = writeGate(sqlite.$client.name);
    setWriteGate(g, true, 3);
    try {
      let ran = false;
      await expect(
        withWriteLock(sqliteAsync(sqlite), 'import', async () => {
          ran = true;
        }),
      ).rejects.toBeInstanceOf(WritesPausedError);
      expect(ran).toBe(false);
    } finally {
      setWriteGate(g, false);
    }
  });
});
