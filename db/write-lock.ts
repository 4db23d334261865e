import { sql } from 'drizzle-orm';
import type { AsyncDb } from './async.ts';
import type { Db } from './client.ts';
import type { PgConnection } from './pg/client.ts';
import { sqliteOf } from './queries/raw.ts';
import { checkWriteGate } from './write-gate.ts';

/** Per SQLite connection, the end of the last write phase queued on it (one transaction at a time). */
const queues = new WeakMap<object, Promise<unknown>>();

/**
 * Runs `fn` in one transaction holding the write lock `name` (e.g. `recompute`, `import`), so that
 * two processes never run the same write phase at once: a second caller waits until the first
 * commits or rolls back, then goes on.
 *
 * - PostgreSQL: `pg_advisory_xact_lock(hashtext(name))` as the transaction's first statement; the
 *   lock is released with the transaction. It covers the phase's reads too (what to rescore, say),
 *   not only its writes. Another name is not held back by it, though any two transactions that
 *   write are ordered by the data-version counter (data-version.ts) from their first write on. Take
 *   the lock first, before any write, so that two phases cannot wait on each other.
 * - SQLite: a database file has one writer at a time, so every name is the same lock: the
 *   transaction begins IMMEDIATE (the file's write lock, waited for up to the busy timeout, across
 *   processes) after the write gate is checked (refused at once while a full recompute stores its
 *   rows). Calls on one connection queue in this process. The connection is shared by the process:
 *   while `fn` awaits, anything else written on it joins this transaction, so on SQLite `fn` awaits
 *   only its own statements (drizzle's, which settle without waiting on I/O).
 */
export async function withWriteLock<T>(a: AsyncDb, name: string, fn: (tx: AsyncDb) => Promise<T>): Promise<T> {
  if (a.engine === 'postgres')
    return (a.db as unknown as PgConnection).transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${name}))`);
      return fn({ ...a, db: tx as unknown as Db });
    });
  const client = sqliteOf(a.db);
  const before = queues.get(client) ?? Promise.resolve();
  const run = before.then(async () => {
    if (client.inTransaction) throw new Error(`write lock ${name}: a transaction is already open on this connection`);
    checkWriteGate(client.name);
    client.prepare('begin immediate').run();
    try {
      const result = await fn(a);
      client.prepare('commit').run();
      return result;
    } catch (e) {
      if (client.inTransaction) client.prepare('rollback').run();
      throw e;
    }
  });
  queues.set(
    client,
    run.catch(() => undefined),
  );
  return run;
}
