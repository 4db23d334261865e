import { and, asc, eq } from 'drizzle-orm';
import type { AsyncDb } from '../async.ts';

/** A person's watchlist, on either engine (db/async.ts). */
export const watchlistAsync = {
  /** A person's watched region codes, in the order they were added. */
  list: async (a: AsyncDb, userId: number): Promise<string[]> => {
    const { db, t } = a;
    const rows = await db
      .select({ code: t.watchlist.regionCode })
      .from(t.watchlist)
      .where(eq(t.watchlist.userId, userId))
      .orderBy(asc(t.watchlist.addedAt), asc(t.watchlist.regionCode));
    return rows.map((r) => r.code);
  },
  /** Adds a region to a person's watchlist; false when it was there already. */
  add: async (a: AsyncDb, userId: number, regionCode: string, at: string): Promise<boolean> => {
    const { db, t } = a;
    const added = await db
      .insert(t.watchlist)
      .values({ userId, regionCode, addedAt: at })
      .onConflictDoNothing()
      .returning({ code: t.watchlist.regionCode });
    return added.length > 0;
  },
  /** Removes a region from a person's watchlist; false when it was not there. */
  remove: async (a: AsyncDb, userId: number, regionCode: string): Promise<boolean> => {
    const { db, t } = a;
    const gone = await db
      .delete(t.watchlist)
      .where(and(eq(t.watchlist.userId, userId), eq(t.watchlist.regionCode, regionCode)))
      .returning({ code: t.watchlist.regionCode });
    return gone.length > 0;
  },
};
