import { and, eq, gt, lte, sql } from 'drizzle-orm';
import type { AsyncDb } from '../async.ts';

/** One key's window after an attempt was counted: attempts so far, and when the window ends. */
export interface RateWindow {
  count: number;
  resetsAt: string;
}

/**
 * Counts one attempt for `key` in a fixed window of `windowMs`, on either engine, in one atomic
 * statement (INSERT … ON CONFLICT DO UPDATE … RETURNING): a key seen for the first time, or whose
 * window has ended, starts a new window at 1; otherwise its count goes up by one. Two processes
 * counting the same key at once are serialised by the database on the row, so none is lost.
 */
export async function countAttempt(a: AsyncDb, key: string, now: Date, windowMs: number): Promise<RateWindow> {
  const { db, t } = a;
  const at = now.toISOString();
  const resetsAt = new Date(now.getTime() + windowMs).toISOString();
  const ended = sql`${t.rateLimits.resetsAt} <= ${at}`;
  const [row] = await db
    .insert(t.rateLimits)
    .values({ key, count: 1, resetsAt })
    .onConflictDoUpdate({
      target: t.rateLimits.key,
      set: {
        count: sql`case when ${ended} then 1 else ${t.rateLimits.count} + 1 end`,
        resetsAt: sql`case when ${ended} then excluded.resets_at else ${t.rateLimits.resetsAt} end`,
      },
    })
    .returning({ count: t.rateLimits.count, resetsAt: t.rateLimits.resetsAt });
  return row!;
}

/** The window of `key` when it is still running at `now` (a read: no attempt is counted). */
export async function openWindow(a: AsyncDb, key: string, now: Date): Promise<RateWindow | undefined> {
  const { db, t } = a;
  const [row] = await db
    .select({ count: t.rateLimits.count, resetsAt: t.rateLimits.resetsAt })
    .from(t.rateLimits)
    .where(and(eq(t.rateLimits.key, key), gt(t.rateLimits.resetsAt, now.toISOString())));
  return row;
}

/** Forgets `key` (a successful sign-in clears its failed attempts). */
export async function forgetAttempts(a: AsyncDb, key: string): Promise<void> {
  const { db, t } = a;
  await db.delete(t.rateLimits).where(eq(t.rateLimits.key, key));
}

/** Deletes the windows that ended at or before `now` under the prefix `scope`; returns how many. */
export async function sweepAttempts(a: AsyncDb, scope: string, now: Date): Promise<number> {
  const { db, t } = a;
  const gone = await db
    .delete(t.rateLimits)
    .where(
      and(
        sql`substr(${t.rateLimits.key}, 1, ${scope.length}) = ${scope}`,
        lte(t.rateLimits.resetsAt, now.toISOString()),
      ),
    )
    .returning({ key: t.rateLimits.key });
  return gone.length;
}
