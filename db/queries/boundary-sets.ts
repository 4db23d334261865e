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
  return seriesVersionsQuery(db, schema, series).all();
}

const seriesVersionsQuery = (db: Db, t: Tables, series: string) =>
  db.select().from(t.boundarySets).where(eq(t.boundarySets.series, series)).orderBy(desc(t.boundarySets.version));

/** The series a boundary set belongs to (its own id for a set without one). */
export function seriesOf(db: Db, setId: string): string {
  return seriesOfQuery(db, schema, setId).get()?.series ?? setId;
}

const seriesOfQuery = (db: Db, t: Tables, setId: string) =>
  db.select({ series: t.boundarySets.series }).from(t.boundarySets).where(eq(t.boundarySets.id, setId));

/** The stored regions and code-like aliases among `codes`, for finding clashes (SQLite's variable limit respected). */
export function regionsAndAliasesWithCodes(db: Db, codes: readonly string[]) {
  const found: { code: string; boundarySet: string | null; level: number }[] = [];
  const aliases: { alias: string; regionCode: string }[] = [];
  for (let i = 0; i < codes.length; i += 500) {
    const chunk = codes.slice(i, i + 500);
    found.push(...clashRegionsQuery(db, schema, chunk).all());
    aliases.push(...clashAliasesQuery(db, schema, chunk).all());
  }
  return { regions: found, aliases };
}

const clashRegionsQuery = (db: Db, t: Tables, codes: string[]) =>
  db
    .select({ code: t.regions.code, boundarySet: t.regions.boundarySet, level: t.regions.level })
    .from(t.regions)
    .where(inArray(t.regions.code, codes));
const clashAliasesQuery = (db: Db, t: Tables, codes: string[]) =>
  db
    .select({ alias: t.regionAliases.alias, regionCode: t.regionAliases.regionCode })
    .from(t.regionAliases)
    .where(and(inArray(t.regionAliases.alias, codes), sql`${t.regionAliases.kind} <> 'name'`));

/** Regions of the given boundary sets, retired or not. */
export function regionsOfSets(db: Db, setIds: readonly string[]) {
  if (!setIds.length) return [];
  return regionsOfSetsQuery(db, schema, setIds).all();
}

const regionsOfSetsQuery = (db: Db, t: Tables, setIds: readonly string[]) =>
  db
    .select({ code: t.regions.code, retiredAt: t.regions.retiredAt, retiredSpans: t.regions.retiredSpans })
    .from(t.regions)
    .where(inArray(t.regions.boundarySet, [...setIds]));

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

/** Rows per multi-row statement of {@link boundarySetsAsync.save}: within SQLite's variable limit. */
const CHUNK = 500;

/** The boundary set reads of an upload and its write, awaited, on either engine (db/async.ts). */
export const boundarySetsAsync = {
  /** {@link seriesVersions}. */
  seriesVersions: (a: AsyncDb, series: string): Promise<BoundarySetRow[]> => seriesVersionsQuery(a.db, a.t, series),
  /** {@link seriesOf}. */
  seriesOf: async (a: AsyncDb, setId: string): Promise<string> =>
    (await seriesOfQuery(a.db, a.t, setId))[0]?.series ?? setId,
  /** {@link regionsAndAliasesWithCodes}. */
  withCodes: async (a: AsyncDb, codes: readonly string[]) => {
    const found: { code: string; boundarySet: string | null; level: number }[] = [];
    const aliases: { alias: string; regionCode: string }[] = [];
    for (let i = 0; i < codes.length; i += CHUNK) {
      const chunk = codes.slice(i, i + CHUNK);
      found.push(...(await clashRegionsQuery(a.db, a.t, chunk)));
      aliases.push(...(await clashAliasesQuery(a.db, a.t, chunk)));
    }
    return { regions: found, aliases };
  },
  /** {@link regionsOfSets}. */
  regionsOfSets: async (a: AsyncDb, setIds: readonly string[]) =>
    setIds.length ? await regionsOfSetsQuery(a.db, a.t, setIds) : [],
  /**
   * {@link saveBoundarySet}, awaited, inside the caller's transaction: the same rows, the regions and
   * aliases written set-wise (multi-row statements of {@link CHUNK} rows). Returns the retired codes.
   */
  save: async (
    a: AsyncDb,
    set: NewBoundarySet & { series: string },
    rows: readonly NewRegion[],
    aliases: readonly NewRegionAlias[],
    retiredAt: string,
  ): Promise<string[]> => {
    const { db, t } = a;
    const earlier = (await seriesVersionsQuery(db, t, set.series)).map((s) => s.id);
    if (earlier.length)
      await db.update(t.boundarySets).set({ isActive: false }).where(inArray(t.boundarySets.id, earlier));
    await db.insert(t.boundarySets).values(set);
    const restored = new Map(
      (await boundarySetsAsync.regionsOfSets(a, earlier))
        .filter((r) => r.retiredAt)
        .map((r) => [r.code, [...(r.retiredSpans ?? []), { from: r.retiredAt!, until: retiredAt }]]),
    );
    const offered = (column: string) => sql.raw(`excluded."${column}"`);
    for (let i = 0; i < rows.length; i += CHUNK)
      await db
        .insert(t.regions)
        .values(rows.slice(i, i + CHUNK))
        .onConflictDoUpdate({
          target: t.regions.code,
          set: {
            name: offered('name'),
            parent: offered('parent'),
            boundarySet: offered('boundary_set'),
            level: offered('level'),
            retiredAt: null,
          },
        });
    // A code it brings back keeps the retirement it had, as a span.
    for (const r of rows) {
      const spans = restored.get(r.code);
      if (spans) await db.update(t.regions).set({ retiredSpans: spans }).where(eq(t.regions.code, r.code));
    }
    const retired = earlier.length
      ? (
          await db
            .update(t.regions)
            .set({ retiredAt })
            // Codes this version has now point at it: what still points at an earlier version is gone.
            .where(and(inArray(t.regions.boundarySet, earlier), isNull(t.regions.retiredAt)))
            .returning({ code: t.regions.code })
        ).map((r) => r.code)
      : [];
    for (let i = 0; i < aliases.length; i += CHUNK)
      await db
        .insert(t.regionAliases)
        .values(aliases.slice(i, i + CHUNK))
        .onConflictDoNothing();
    return retired.sort();
  },
};
