import { and, eq, gt, isNull, lte, ne, sql } from 'drizzle-orm';
import { preparedFirst, type AsyncDb } from '../async.ts';
import type { sessions } from '../schema/index.ts';
import { publicColumns, type PublicUser } from './users.ts';

export type SessionRow = typeof sessions.$inferSelect;

/**
 * The unexpired session with this id hash and its enabled owner: it runs on every request that
 * carries the cookie, so it is prepared once per database handle ({@link preparedFirst}).
 */
const sessionOwner = preparedFirst('vigil_session_owner', (db, t) =>
  db
    .select({
      session: t.sessions,
      user: publicColumns(t),
    })
    .from(t.sessions)
    .innerJoin(t.users, eq(t.users.id, t.sessions.userId))
    .where(
      and(
        eq(t.sessions.idHash, sql.placeholder('idHash')),
        gt(t.sessions.expiresAt, sql.placeholder('now')),
        isNull(t.users.disabledAt),
      ),
    ),
);

/** Browser sessions, on either engine (db/async.ts). Only the hash of a session id is stored. */
export const sessionsAsync = {
  /** Stores a browser session (the hash of its id, never the id itself). */
  insert: async (a: AsyncDb, row: SessionRow): Promise<void> => {
    await a.db.insert(a.t.sessions).values(row);
  },
  /** The unexpired session with this id hash and its enabled owner, or undefined. */
  find: (a: AsyncDb, idHash: string, now: string): Promise<{ session: SessionRow; user: PublicUser } | undefined> =>
    sessionOwner(a, { idHash, now }),
  /** Ends one session (sign-out). */
  delete: async (a: AsyncDb, idHash: string): Promise<void> => {
    await a.db.delete(a.t.sessions).where(eq(a.t.sessions.idHash, idHash));
  },
  /** Ends every session of a user (disabled account, changed role or password), except `keep` (an id hash) if given. */
  deleteOfUser: async (a: AsyncDb, userId: number, keep?: string): Promise<number> => {
    const { db, t } = a;
    const gone = await db
      .delete(t.sessions)
      .where(and(eq(t.sessions.userId, userId), keep === undefined ? undefined : ne(t.sessions.idHash, keep)))
      .returning({ idHash: t.sessions.idHash });
    return gone.length;
  },
  /** Removes expired sessions; returns how many. */
  deleteExpired: async (a: AsyncDb, now: string): Promise<number> => {
    const { db, t } = a;
    const gone = await db
      .delete(t.sessions)
      .where(lte(t.sessions.expiresAt, now))
      .returning({ idHash: t.sessions.idHash });
    return gone.length;
  },
};
