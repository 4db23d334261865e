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
  return transact(a, `write lock ${name}`, fn, name);
}

/**
 * Runs `fn` in one transaction on either engine, for a write of several awaited statements that must
 * stand or fall together (a sign-in's session, audit entry and cleared counter, say): `fn` gets the
 * transaction as an {@link AsyncDb}, its statements commit when it resolves and roll back when it
 * throws. No named lock: two such transactions on PostgreSQL wait on each other only where they
 * write the same rows (or the data-version row, data-version.ts). On SQLite it is
 * {@link withWriteLock}'s transaction (write gate, BEGIN IMMEDIATE, queued per connection), with the
 * same rule: `fn` awaits only its own statements, never other work (scrypt, a request body, a timer).
 */
export async function inTransaction<T>(a: AsyncDb, fn: (tx: AsyncDb) => Promise<T>): Promise<T> {
  return transact(a, 'transaction', fn);
}

async function transact<T>(a: AsyncDb, what: string, fn: (tx: AsyncDb) => Promise<T>, lock?: string): Promise<T> {
  if (a.engine === 'postgres')
    return (a.db as unknown as PgConnection).transaction(async (tx) => {
      if (lock !== undefined) await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${lock}))`);
      return fn({ ...a, db: tx as unknown as Db });
    });
  const client = sqliteOf(a.db);
  const before = queues.get(client) ?? Promise.resolve();
  const run = before.then(async () => {
    if (client.inTransaction) throw new Error(`${what}: a transaction is already open on this connection`);
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
