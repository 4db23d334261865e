import { and, count, desc, eq } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { savedAreas } from '../schema/index.ts';

export type SavedAreaRow = typeof savedAreas.$inferSelect;
export type NewSavedArea = typeof savedAreas.$inferInsert;

/** A person's saved areas, newest first. */
export function listSavedAreas(db: Db, userId: number): SavedAreaRow[] {
  return db
    .select()
    .from(savedAreas)
    .where(eq(savedAreas.userId, userId))
    .orderBy(desc(savedAreas.createdAt), desc(savedAreas.id))
    .all();
}

/** One of a person's saved areas, or undefined (someone else's is undefined too). */
export function getSavedArea(db: Db, userId: number, id: number): SavedAreaRow | undefined {
  return db
    .select()
    .from(savedAreas)
    .where(and(eq(savedAreas.userId, userId), eq(savedAreas.id, id)))
    .get();
}

/** How many areas a person has saved. */
export function countSavedAreas(db: Db, userId: number): number {
  return db.select({ n: count() }).from(savedAreas).where(eq(savedAreas.userId, userId)).get()?.n ?? 0;
}

/** Stores an area; returns the row. */
export function insertSavedArea(db: Db, row: NewSavedArea): SavedAreaRow {
  return db.insert(savedAreas).values(row).returning().get();
}

/** Deletes one of a person's saved areas; false when it was not theirs or not there. */
export function deleteSavedArea(db: Db, userId: number, id: number): boolean {
  return (
    db
      .delete(savedAreas)
      .where(and(eq(savedAreas.userId, userId), eq(savedAreas.id, id)))
      .run().changes > 0
  );
}
