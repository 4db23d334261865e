import { and, asc, count, eq, type SQL } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { boundarySets, regionAliases, regions } from '../schema/index.ts';

export type RegionRow = typeof regions.$inferSelect;
export type NewRegion = typeof regions.$inferInsert;
export type NewRegionAlias = typeof regionAliases.$inferInsert;
export type NewBoundarySet = typeof boundarySets.$inferInsert;

/** Regions, optionally of one level and/or one parent country, ordered by code. */
export function listRegions(db: Db, filter: { level?: number; parent?: string } = {}): RegionRow[] {
  const where: SQL[] = [];
  if (filter.level !== undefined) where.push(eq(regions.level, filter.level));
  if (filter.parent !== undefined) where.push(eq(regions.parent, filter.parent));
  return db
    .select()
    .from(regions)
    .where(and(...where))
    .orderBy(asc(regions.code))
    .all();
}

/** One region by code, or undefined. */
export function getRegion(db: Db, code: string): RegionRow | undefined {
  return db.select().from(regions).where(eq(regions.code, code)).get();
}

/** Number of regions stored. */
export function countRegions(db: Db): number {
  return db.select({ n: count() }).from(regions).get()?.n ?? 0;
}

/** Stores a boundary set with its regions and aliases in one transaction. */
export function insertBoundarySet(db: Db, set: NewBoundarySet, rows: NewRegion[], aliases: NewRegionAlias[]): void {
  db.transaction((tx) => {
    tx.insert(boundarySets).values(set).run();
    for (const r of rows) tx.insert(regions).values(r).onConflictDoNothing().run();
    for (const a of aliases) tx.insert(regionAliases).values(a).onConflictDoNothing().run();
  });
}

/** The active boundary topology (TopoJSON text) for a level, with its attribution. */
export function getActiveBoundaries(db: Db, level: number) {
  return db
    .select({
      id: boundarySets.id,
      topology: boundarySets.topology,
      attribution: boundarySets.attribution,
      loadedAt: boundarySets.loadedAt,
    })
    .from(boundarySets)
    .where(and(eq(boundarySets.level, level), eq(boundarySets.isActive, true)))
    .get();
}

/** Which boundary set is active for a level and when it was loaded (`id@loadedAt`), without reading its geometry. */
export function activeBoundaryVersion(db: Db, level: number): string | undefined {
  const row = db
    .select({ id: boundarySets.id, loadedAt: boundarySets.loadedAt })
    .from(boundarySets)
    .where(and(eq(boundarySets.level, level), eq(boundarySets.isActive, true)))
    .get();
  return row && `${row.id}@${row.loadedAt}`;
}
