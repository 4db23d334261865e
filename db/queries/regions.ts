import { and, asc, count, eq, inArray, or, type SQL } from 'drizzle-orm';
import type { AsyncDb, Tables } from '../async.ts';
import type { Db } from '../client.ts';
import * as schema from '../schema/index.ts';
import { boundarySets, regionAliases, regions } from '../schema/index.ts';

export type RegionRow = typeof regions.$inferSelect;
export type NewRegion = typeof regions.$inferInsert;
export type NewRegionAlias = typeof regionAliases.$inferInsert;
export type NewBoundarySet = typeof boundarySets.$inferInsert;

/**
 * Which regions a list holds: one level, one parent, and/or those `within` a region (its children
 * and their children: a country's first-level regions and districts).
 */
export interface RegionFilter {
  level?: number;
  parent?: string;
  within?: string;
}

/** Regions, optionally of one level and/or one parent country, ordered by code (a builder: see db/async.ts). */
function regionsQuery(db: Db, t: Tables, filter: RegionFilter) {
  const where: SQL[] = [];
  if (filter.level !== undefined) where.push(eq(t.regions.level, filter.level));
  if (filter.parent !== undefined) where.push(eq(t.regions.parent, filter.parent));
  if (filter.within !== undefined) {
    const children = db.select({ code: t.regions.code }).from(t.regions).where(eq(t.regions.parent, filter.within));
    where.push(or(eq(t.regions.parent, filter.within), inArray(t.regions.parent, children))!);
  }
  return db
    .select()
    .from(t.regions)
    .where(and(...where))
    .orderBy(asc(t.regions.code));
}

const regionQuery = (db: Db, t: Tables, code: string) =>
  db.select().from(t.regions).where(eq(t.regions.code, code)).limit(1);
const countQuery = (db: Db, t: Tables) => db.select({ n: count() }).from(t.regions);

/** Regions, optionally of one level, one parent and/or within one region (see {@link RegionFilter}), ordered by code. */
export function listRegions(db: Db, filter: RegionFilter = {}): RegionRow[] {
  return regionsQuery(db, schema, filter).all();
}

/** Every region's code, unordered: what a write checks a region against (no row mapped for it). */
export function regionCodes(db: Db): string[] {
  return db
    .select({ code: regions.code })
    .from(regions)
    .all()
    .map((r) => r.code);
}

/** One region by code, or undefined. */
export function getRegion(db: Db, code: string): RegionRow | undefined {
  return regionQuery(db, schema, code).get();
}

/** Number of regions stored. */
export function countRegions(db: Db): number {
  return countQuery(db, schema).get()?.n ?? 0;
}

/**
 * The same reads awaited, on SQLite or PostgreSQL (db/async.ts): the pattern the other resources
 * will follow as services move to the async interface. Text is ordered bytewise on both when the
 * PostgreSQL database uses the C collation (as the tests' does).
 */
export const regionsAsync = {
  list: (a: AsyncDb, filter: RegionFilter = {}): Promise<RegionRow[]> => regionsQuery(a.db, a.t, filter),
  get: async (a: AsyncDb, code: string): Promise<RegionRow | undefined> => (await regionQuery(a.db, a.t, code))[0],
  count: async (a: AsyncDb): Promise<number> => (await countQuery(a.db, a.t))[0]?.n ?? 0,
  /** The levels that have regions, in order (0 countries, 1 first-level regions, 2 districts). */
  levels: async (a: AsyncDb): Promise<number[]> =>
    (await a.db.selectDistinct({ level: a.t.regions.level }).from(a.t.regions).orderBy(asc(a.t.regions.level))).map(
      (r) => r.level,
    ),
  /** The regions among `codes` (unknown codes left out), in code order: one query for a list of neighbours, say. */
  byCodes: (a: AsyncDb, codes: readonly string[]): Promise<RegionRow[]> =>
    codes.length === 0
      ? Promise.resolve([])
      : a.db
          .select()
          .from(a.t.regions)
          .where(inArray(a.t.regions.code, [...codes]))
          .orderBy(asc(a.t.regions.code)),
  /** Adds the aliases not stored yet (import matching's vocabulary); returns how many were new. */
  addAliases: async (a: AsyncDb, aliases: NewRegionAlias[]): Promise<number> =>
    aliases.length === 0
      ? 0
      : (await a.db.insert(a.t.regionAliases).values(aliases).onConflictDoNothing().returning()).length,
};

/** Stores a boundary set with its regions and aliases in one transaction. */
export function insertBoundarySet(db: Db, set: NewBoundarySet, rows: NewRegion[], aliases: NewRegionAlias[]): void {
  db.transaction((tx) => {
    tx.insert(boundarySets).values(set).run();
    for (const r of rows) tx.insert(regions).values(r).onConflictDoNothing().run();
    for (const a of aliases) tx.insert(regionAliases).values(a).onConflictDoNothing().run();
  });
}

/** A boundary set as the map and exports use it: its topology (TopoJSON text), attribution, and version key parts. */
export interface BoundarySetInForce {
  id: string;
  topology: string;
  attribution: string;
  loadedAt: string;
}

/** The columns of a {@link BoundarySetInForce}. */
const SET_IN_FORCE = {
  id: boundarySets.id,
  topology: boundarySets.topology,
  attribution: boundarySets.attribution,
  loadedAt: boundarySets.loadedAt,
};

/**
 * Every active boundary set of a level, in id order: one for the bundled levels, one per series of
 * user sets at level 2 (each country's districts). Empty without one.
 */
export function getActiveBoundaries(db: Db, level: number): BoundarySetInForce[] {
  return db
    .select(SET_IN_FORCE)
    .from(boundarySets)
    .where(and(eq(boundarySets.level, level), eq(boundarySets.isActive, true)))
    .orderBy(asc(boundarySets.id))
    .all();
}

/**
 * Ids of the boundary sets of a level in force in `month` (YYYY-MM), in id order, without reading
 * their geometry: per series, the latest version whose validity date is on or before the month's
 * first day (the series' first version for a month before any of them); a set without a validity
 * date (the bundled ones) when active. Without `month`, the active sets.
 */
export function boundarySetIdsInForce(db: Db, level: number, month?: string): string[] {
  return idsInForce(setVersionsQuery(db, schema, level).all(), month);
}

/** A level's boundary sets with what decides which are in force, oldest version first (a builder). */
const setVersionsQuery = (db: Db, t: Tables, level: number) =>
  db
    .select({
      id: t.boundarySets.id,
      series: t.boundarySets.series,
      version: t.boundarySets.version,
      validFrom: t.boundarySets.validFrom,
      isActive: t.boundarySets.isActive,
    })
    .from(t.boundarySets)
    .where(eq(t.boundarySets.level, level))
    .orderBy(asc(t.boundarySets.version), asc(t.boundarySets.id));

/** Which of `sets` (as {@link setVersionsQuery} reads them) are in force in `month`, or active. Pure. */
function idsInForce(
  sets: { id: string; series: string | null; validFrom: string | null; isActive: boolean }[],
  month: string | undefined,
): string[] {
  const day = month && `${month}-01`;
  const bySeries = new Map<string, typeof sets>();
  for (const s of sets) bySeries.set(s.series ?? s.id, [...(bySeries.get(s.series ?? s.id) ?? []), s]);
  const ids: string[] = [];
  for (const versions of bySeries.values()) {
    const active = versions.find((v) => v.isActive);
    if (!day || !versions.every((v) => v.validFrom)) {
      if (active) ids.push(active.id);
      continue;
    }
    const valid = versions.filter((v) => v.validFrom! <= day);
    ids.push((valid.at(-1) ?? versions[0]!).id);
  }
  return ids.sort();
}

/** The attributions of the boundary sets of a level in force in `month` (or active), in set id order, without their geometry. */
export function boundaryAttributions(db: Db, level: number, month?: string): string[] {
  const ids = boundarySetIdsInForce(db, level, month);
  return ids.length
    ? attributionsQuery(db, schema, ids)
        .all()
        .map((s) => s.attribution)
    : [];
}

const attributionsQuery = (db: Db, t: Tables, ids: readonly string[]) =>
  db
    .select({ attribution: t.boundarySets.attribution })
    .from(t.boundarySets)
    .where(inArray(t.boundarySets.id, [...ids]))
    .orderBy(asc(t.boundarySets.id));

/** Boundary sets by id (TopoJSON text and attribution), in id order. */
export function boundarySetsById(db: Db, ids: readonly string[]): BoundarySetInForce[] {
  if (!ids.length) return [];
  return setsByIdQuery(db, schema, ids).all();
}

const setsByIdQuery = (db: Db, t: Tables, ids: readonly string[]) =>
  db
    .select({
      id: t.boundarySets.id,
      topology: t.boundarySets.topology,
      attribution: t.boundarySets.attribution,
      loadedAt: t.boundarySets.loadedAt,
    })
    .from(t.boundarySets)
    .where(inArray(t.boundarySets.id, [...ids]))
    .orderBy(asc(t.boundarySets.id));

/** The boundary sets of a level in force in `month` (see {@link boundarySetIdsInForce}), or the active ones. */
export function boundariesInForce(db: Db, level: number, month?: string): BoundarySetInForce[] {
  return month ? boundarySetsById(db, boundarySetIdsInForce(db, level, month)) : getActiveBoundaries(db, level);
}

/**
 * Which boundary sets of a level are in force (active, or in `month`) and when each was loaded
 * (`id@loadedAt`, joined by commas), without reading their geometry; undefined without one.
 */
export function boundaryVersionKey(db: Db, level: number, month?: string): string | undefined {
  const ids = boundarySetIdsInForce(db, level, month);
  if (!ids.length) return undefined;
  return versionKeyOf(ids, loadedQuery(db, schema, ids).all());
}

const loadedQuery = (db: Db, t: Tables, ids: readonly string[]) =>
  db
    .select({ id: t.boundarySets.id, loadedAt: t.boundarySets.loadedAt })
    .from(t.boundarySets)
    .where(inArray(t.boundarySets.id, [...ids]));
function versionKeyOf(ids: readonly string[], loaded: { id: string; loadedAt: string }[]): string {
  const at = new Map(loaded.map((s) => [s.id, s.loadedAt]));
  return ids.map((id) => `${id}@${at.get(id)}`).join(',');
}

/** The boundary set reads of the map awaited, on either engine (db/async.ts): the same rows as the functions above. */
export const boundariesAsync = {
  /** {@link boundarySetIdsInForce}. */
  idsInForce: async (a: AsyncDb, level: number, month?: string): Promise<string[]> =>
    idsInForce(await setVersionsQuery(a.db, a.t, level), month),
  /** {@link boundaryVersionKey}. */
  versionKey: async (a: AsyncDb, level: number, month?: string): Promise<string | undefined> => {
    const ids = await boundariesAsync.idsInForce(a, level, month);
    return ids.length ? versionKeyOf(ids, await loadedQuery(a.db, a.t, ids)) : undefined;
  },
  /** {@link boundaryAttributions}. */
  attributions: async (a: AsyncDb, level: number, month?: string): Promise<string[]> => {
    const ids = await boundariesAsync.idsInForce(a, level, month);
    return ids.length ? (await attributionsQuery(a.db, a.t, ids)).map((s) => s.attribution) : [];
  },
  /** {@link boundarySetsById}. */
  byIds: async (a: AsyncDb, ids: readonly string[]): Promise<BoundarySetInForce[]> =>
    ids.length ? setsByIdQuery(a.db, a.t, ids) : [],
};

/**
 * Every active boundary topology of a level (TopoJSON text) with its version key (`id@loadedAt`):
 * one for the bundled levels, one per series of user sets at level 2 (each country's districts).
 */
export function activeBoundaryTopologies(db: Db, level: number) {
  return db
    .select({ id: boundarySets.id, loadedAt: boundarySets.loadedAt, topology: boundarySets.topology })
    .from(boundarySets)
    .where(and(eq(boundarySets.level, level), eq(boundarySets.isActive, true)))
    .orderBy(asc(boundarySets.id))
    .all()
    .map((s) => ({ version: `${s.id}@${s.loadedAt}`, topology: s.topology }));
}

/** Active boundary set versions of a level (`id@loadedAt`, joined), without reading their geometry. */
export function activeBoundaryVersions(db: Db, level: number): string {
  return versionsOf(activeVersionsQuery(db, schema, level).all());
}

const activeVersionsQuery = (db: Db, t: Tables, level: number) =>
  db
    .select({ id: t.boundarySets.id, loadedAt: t.boundarySets.loadedAt })
    .from(t.boundarySets)
    .where(and(eq(t.boundarySets.level, level), eq(t.boundarySets.isActive, true)))
    .orderBy(asc(t.boundarySets.id));
const versionsOf = (sets: { id: string; loadedAt: string }[]) => sets.map((s) => `${s.id}@${s.loadedAt}`).join(',');

/** The boundary set reads of the region profile awaited, on either engine (db/async.ts). */
export const activeBoundariesAsync = {
  /** {@link activeBoundaryVersions}. */
  versions: async (a: AsyncDb, level: number): Promise<string> =>
    versionsOf(await activeVersionsQuery(a.db, a.t, level)),
  /** The topologies (TopoJSON text) of a level's active sets, in id order. */
  topologies: async (a: AsyncDb, level: number): Promise<string[]> =>
    (
      await a.db
        .select({ topology: a.t.boundarySets.topology })
        .from(a.t.boundarySets)
        .where(and(eq(a.t.boundarySets.level, level), eq(a.t.boundarySets.isActive, true)))
        .orderBy(asc(a.t.boundarySets.id))
    ).map((s) => s.topology),
};
