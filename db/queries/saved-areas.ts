import { and, count, desc, eq } from 'drizzle-orm';
import type { AsyncDb } from '../async.ts';
import type { savedAreas } from '../schema/index.ts';

export type SavedAreaRow = typeof savedAreas.$inferSelect;
export type NewSavedArea = typeof savedAreas.$inferInsert;

/**
 * A person's saved areas on either engine (db/async.ts), each query one drizzle builder over
 * `(a.db, a.t)`. A row belongs to one account: every read and the delete are keyed by its user id,
 * so someone else's area reads as absent.
 */
export const savedAreasAsync = {
  /** A person's saved areas, newest first. */
  list: (a: AsyncDb, userId: number): Promise<SavedAreaRow[]> =>
    a.db
      .select()
      .from(a.t.savedAreas)
      .where(eq(a.t.savedAreas.userId, userId))
      .orderBy(desc(a.t.savedAreas.createdAt), desc(a.t.savedAreas.id)),
  /** One of a person's saved areas, or undefined (someone else's is undefined too). */
  get: async (a: AsyncDb, userId: number, id: number): Promise<SavedAreaRow | undefined> =>
    (
      await a.db
        .select()
        .from(a.t.savedAreas)
        .where(and(eq(a.t.savedAreas.userId, userId), eq(a.t.savedAreas.id, id)))
        .limit(1)
    )[0],
  /** How many areas a person has saved. */
  count: async (a: AsyncDb, userId: number): Promise<number> =>
    (await a.db.select({ n: count() }).from(a.t.savedAreas).where(eq(a.t.savedAreas.userId, userId)))[0]?.n ?? 0,
  /** Stores an area; returns the row. */
  insert: async (a: AsyncDb, row: NewSavedArea): Promise<SavedAreaRow> =>
    (await a.db.insert(a.t.savedAreas).values(row).returning())[0]!,
  /** Deletes one of a person's saved areas; false when it was not theirs or not there. */
  remove: async (a: AsyncDb, userId: number, id: number): Promise<boolean> =>
    (
      await a.db
        .delete(a.t.savedAreas)
        .where(and(eq(a.t.savedAreas.userId, userId), eq(a.t.savedAreas.id, id)))
        .returning({ id: a.t.savedAreas.id })
    ).length > 0,
};
