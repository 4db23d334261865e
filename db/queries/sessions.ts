import { and, eq, gt, isNull, lte, ne } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { sessions, users } from '../schema/index.ts';
import type { PublicUser } from './users.ts';

export type SessionRow = typeof sessions.$inferSelect;

/** Stores a browser session (the hash of its id, never the id itself). */
export function insertSession(db: Db, row: SessionRow): void {
  db.insert(sessions).values(row).run();
}

/** The unexpired session with this id hash and its enabled owner, or undefined. */
export function findSession(
  db: Db,
  idHash: string,
  now: string,
): { session: SessionRow; user: PublicUser } | undefined {
  return db
    .select({
      session: sessions,
      user: {
        id: users.id,
        email: users.email,
        name: users.name,
        role: users.role,
        createdAt: users.createdAt,
        disabledAt: users.disabledAt,
        language: users.language,
      },
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.idHash, idHash), gt(sessions.expiresAt, now), isNull(users.disabledAt)))
    .get();
}

/** Ends one session (logout). */
export function deleteSession(db: Db, idHash: string): void {
  db.delete(sessions).where(eq(sessions.idHash, idHash)).run();
}

/** Ends every session of a user (disabled account, changed role or password), except `keep` (an id hash) if given. */
export function deleteUserSessions(db: Db, userId: number, keep?: string): number {
  return db
    .delete(sessions)
    .where(and(eq(sessions.userId, userId), keep === undefined ? undefined : ne(sessions.idHash, keep)))
    .run().changes;
}

/** Removes expired sessions; returns how many. */
export function deleteExpiredSessions(db: Db, now: string): number {
  return db.delete(sessions).where(lte(sessions.expiresAt, now)).run().changes;
}
