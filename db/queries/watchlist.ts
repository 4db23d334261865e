import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { watchlist } from '../schema/index.ts';

/** A person's watched region codes, in the order they were added. */
export function listWatchlist(db: Db, userId: number): string[] {
  return db
    .select({ code: watchlist.regionCode })
    .from(watchlist)
    .where(eq(watchlist.userId, userId))
    .orderBy(asc(watchlist.addedAt), asc(watchlist.regionCode))
    .all()
    .map((r) => r.code);
}

/** Adds a region to a person's watchlist; false when it was there already. */
export function addToWatchlist(db: Db, userId: number, regionCode: string, at: string): boolean {
  return db.insert(watchlist).values({ userId, regionCode, addedAt: at }).onConflictDoNothing().run().changes > 0;
}

/** Removes a region from a person's watchlist; false when it was not there. */
export function removeFromWatchlist(db: Db, userId: number, regionCode: string): boolean {
  return (
    db
      .delete(watchlist)
      .where(and(eq(watchlist.userId, userId), eq(watchlist.regionCode, regionCode)))
      .run().changes > 0
  );
}
