import { and, desc, eq, getTableColumns, inArray, isNull, sql } from 'drizzle-orm';
import type { AsyncDb, Tables } from '../async.ts';
import type { Db } from '../client.ts';
import * as schema from '../schema/index.ts';
import { boundarySets, regionAliases, regions } from '../schema/index.ts';
import type { NewBoundarySet, NewRegion, NewRegionAlias } from './regions.ts';

export type BoundarySetRow = typeof boundarySets.$inferSelect;

/** Boundary sets as listed: everything but the topology, newest first. */
export function listBoundarySets(db: Db) {
  return listQuery(db, schema).all();
}

function listQuery(db: Db, t: Tables) {
  const { topology: _topology, ...columns } = getTableColumns(t.boundarySets);
  return db.select(columns).from(t.boundarySets).orderBy(desc(t.boundarySets.loadedAt), desc(t.boundarySets.id));
}

/** {@link listBoundarySets} awaited, on either engine (db/async.ts). */
export const listBoundarySetsAsync = (a: AsyncDb) => listQuery(a.db, a.t);

/** Every version of a series (its first version's id), newest first. */
export function seriesVersions(db: Db, series: string): BoundarySetRow[] {
  return db
    .select()
    .from(boundarySets)
    .where(eq(boundarySets.series, series))
    .orderBy(desc(boundarySets.version))
    .all();
}

/** The series a boundary set belongs to (its own id for a set without one). */
export function seriesOf(db: Db, setId: string): string {
  const row = db.select({ series: boundarySets.series }).from(boundarySets).where(eq(boundarySets.id, setId)).get();
  return row?.series ?? setId;
}

/** The stored regions and code-like aliases among `codes`, for finding clashes (SQLite's variable limit respected). */
export function regionsAndAliasesWithCodes(db: Db, codes: readonly string[]) {
  const found: { code: string; boundarySet: string | null; level: number }[] = [];
  const aliases: { alias: string; regionCode: string }[] = [];
  for (let i = 0; i < codes.length; i += 500) {
    const chunk = codes.slice(i, i + 500);
    found.push(
      ...db
        .select({ code: regions.code, boundarySet: regions.boundarySet, level: regions.level })
        .from(regions)
        .where(inArray(regions.code, chunk))
        .all(),
    );
    aliases.push(
      ...db
        .select({ alias: regionAliases.alias, regionCode: regionAliases.regionCode })
        .from(regionAliases)
        .where(and(inArray(regionAliases.alias, chunk), sql`${regionAliases.kind} <> 'name'`))
        .all(),
    );
  }
  return { regions: found, aliases };
}

/** Regions of the given boundary sets, retired or not. */
export function regionsOfSets(db: Db, setIds: readonly string[]) {
  if (!setIds.length) return [];
  return db
    .select({ code: regions.code, retiredAt: regions.retiredAt, retiredSpans: regions.retiredSpans })
    .from(regions)
    .where(inArray(regions.boundarySet, [...setIds]))
    .all();
}

/**
 * Stores a user boundary set in one transaction: the set row (active; earlier versions of its series
 * made inactive), its regions (new codes inserted; codes the series had updated and, if they were
 * retired, brought back from `retiredAt` with that retirement kept in `retiredSpans`), their aliases,
 * and the retirement of the series' codes this version no longer has, from `retiredAt` (the new
 * version's validity date). Nothing is deleted: a retired region keeps its observations and the
 * months it was retired in. Returns the retired codes.
 */
export function saveBoundarySet(
  db: Db,
  set: NewBoundarySet & { series: string },
  rows: readonly NewRegion[],
  aliases: readonly NewRegionAlias[],
  retiredAt: string,
): string[] {
  return db.transaction((tx) => {
    const earlier = tx
      .select({ id: boundarySets.id })
      .from(boundarySets)
      .where(eq(boundarySets.series, set.series))
      .all()
      .map((s) => s.id);
    if (earlier.length) tx.update(boundarySets).set({ isActive: false }).where(inArray(boundarySets.id, earlier)).run();
    tx.insert(boundarySets).values(set).run();
    const restored = new Map(
      earlier.length
        ? regionsOfSets(tx, earlier)
            .filter((r) => r.retiredAt)
            .map((r) => [r.code, [...(r.retiredSpans ?? []), { from: r.retiredAt!, until: retiredAt }]])
        : [],
    );
    for (const r of rows) {
      const spans = restored.get(r.code);
      tx.insert(regions)
        .values(r)
        .onConflictDoUpdate({
          target: regions.code,
          set: {
            name: r.name,
            parent: r.parent,
            boundarySet: r.boundarySet,
            level: r.level,
            retiredAt: null,
            ...(spans ? { retiredSpans: spans } : {}),
          },
        })
        .run();
    }
    const retired = earlier.length
      ? tx
          .update(regions)
          .set({ retiredAt })
          // Codes this version has now point at it: what still points at an earlier version is gone.
          .where(and(inArray(regions.boundarySet, earlier), isNull(regions.retiredAt)))
          .returning({ code: regions.code })
          .all()
          .map((r) => r.code)
      : [];
    for (const a of aliases) tx.insert(regionAliases).values(a).onConflictDoNothing().run();
    return retired.sort();
  });
}
