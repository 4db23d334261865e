import { and, asc, count, desc, eq, getTableColumns, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { Catalogue, FrameworkId, Indicator, IndicatorGroup, Relevance } from '../../indicators/index.ts';
import type { AsyncDb, Tables } from '../async.ts';
import type { Db } from '../client.ts';
import { toSnakeCase } from 'drizzle-orm/casing';
import * as schema from '../schema/index.ts';
import { catalogueVersions, exploitationForms, frameworks, indicatorGroups, indicators } from '../schema/index.ts';

/** A framework, group or exploitation form that a version added, removed or changed. */
export interface RecordChange {
  kind: 'framework' | 'group' | 'form';
  id: string;
  change: 'added' | 'removed' | 'changed';
  /** Changed fields, for `changed`. */
  fields?: string[];
}

/**
 * What changed between two catalogue versions: indicators by id (added, removed = retired, changed
 * with the fields that differ), and the frameworks, groups and forms around them in `records`.
 */
export interface CatalogueDiff {
  from: string | null;
  to: string;
  added: string[];
  removed: string[];
  changed: { id: string; fields: string[] }[];
  /** Absent in diffs stored before frameworks, groups and forms were compared. */
  records?: RecordChange[];
}

const COMPARED: (keyof Indicator)[] = [
  'label',
  'description',
  'group',
  'relevance',
  'forms',
  'measurement',
  'weight',
  'persistenceMonths',
  'level',
  'citation',
  'status',
];

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function changedFields<T extends object>(before: T, after: T, keys: readonly (keyof T)[]): string[] {
  return keys.filter((k) => !same(before[k], after[k])).map(String);
}

function diffRecords<T extends { id: string }>(
  kind: RecordChange['kind'],
  before: readonly T[],
  after: readonly T[],
): RecordChange[] {
  const old = new Map(before.map((r) => [r.id, r]));
  const now = new Map(after.map((r) => [r.id, r]));
  const out: RecordChange[] = [];
  for (const [id, r] of now) {
    const prev = old.get(id);
    if (!prev) out.push({ kind, id, change: 'added' });
    else {
      const fields = changedFields(prev, r, Object.keys({ ...prev, ...r }) as (keyof T)[]);
      if (fields.length) out.push({ kind, id, change: 'changed', fields });
    }
  }
  for (const id of old.keys()) if (!now.has(id)) out.push({ kind, id, change: 'removed' });
  return out.sort((a, b) => a.id.localeCompare(b.id));
}

/** Compares two catalogues: indicators by id, then frameworks, groups and forms. Pure. */
export function diffCatalogues(before: Catalogue | null, after: Catalogue): CatalogueDiff {
  const old = new Map((before?.indicators ?? []).map((i) => [i.id, i]));
  const now = new Map(after.indicators.map((i) => [i.id, i]));
  const changed: CatalogueDiff['changed'] = [];
  for (const [id, ind] of now) {
    const prev = old.get(id);
    if (!prev) continue;
    const fields = changedFields(prev, ind, COMPARED);
    if (fields.length) changed.push({ id, fields });
  }
  return {
    from: before?.version ?? null,
    to: after.version,
    added: [...now.keys()].filter((id) => !old.has(id)).sort(),
    removed: [...old.keys()].filter((id) => !now.has(id)).sort(),
    changed: changed.sort((a, b) => a.id.localeCompare(b.id)),
    records: before
      ? [
          ...diffRecords('framework', before.frameworks, after.frameworks),
          ...diffRecords('group', before.groups, after.groups),
          ...diffRecords('form', before.forms, after.forms),
        ]
      : [],
  };
}

/** True when a diff records no change at all. */
export function isEmptyDiff(diff: CatalogueDiff): boolean {
  return diff.added.length + diff.removed.length + diff.changed.length + (diff.records?.length ?? 0) === 0;
}

/** The catalogue version in force, or undefined before the first load. */
export function currentCatalogueVersion(db: Db): string | undefined {
  return currentVersionQuery(db, schema).get()?.id;
}

/** The version in force, as a builder (see db/async.ts). */
const currentVersionQuery = (db: Db, t: Tables) =>
  db.select({ id: t.catalogueVersions.id }).from(t.catalogueVersions).where(eq(t.catalogueVersions.isCurrent, true));

/** The version in force with where it came from (`bundled`, a file name, an upload) and who loaded it. */
export function currentCatalogueOrigin(db: Db): CatalogueOrigin | undefined {
  return originQuery(db, schema).get();
}

/** A catalogue version's id, where it came from, who loaded it and when. */
export interface CatalogueOrigin {
  id: string;
  source: string;
  loadedBy: string | null;
  loadedAt: string;
}

const originQuery = (db: Db, t: Tables) =>
  db
    .select({
      id: t.catalogueVersions.id,
      source: t.catalogueVersions.source,
      loadedBy: t.catalogueVersions.loadedBy,
      loadedAt: t.catalogueVersions.loadedAt,
    })
    .from(t.catalogueVersions)
    .where(eq(t.catalogueVersions.isCurrent, true));

/**
 * The write lock a catalogue write takes on the awaited interface (`withWriteLock`): two admins
 * uploading at once, or two processes starting at once on a database whose bundled catalogue is
 * older, write in turn, each planning against what the other committed.
 */
export const CATALOGUE_LOCK = 'catalogue';

/**
 * Makes `catalogue` the version in force, in one transaction: frameworks, groups and forms are
 * replaced; indicators are upserted and those missing from the new version are marked retired (never
 * deleted, so observations keep pointing at known ids). Returns the diff against the previous version.
 * The caller validates the catalogue first.
 */
export function saveCatalogueVersion(
  db: Db,
  catalogue: Catalogue,
  source: string,
  by: string | null,
  at: string,
): CatalogueDiff {
  return db.transaction((tx) => {
    const previous = loadCatalogue(tx);
    const diff = diffCatalogues(previous, catalogue);
    tx.update(catalogueVersions).set({ isCurrent: false }).run();
    tx.insert(catalogueVersions)
      .values({ id: catalogue.version, source, loadedAt: at, loadedBy: by, isCurrent: true, snapshot: catalogue, diff })
      .run();
    tx.delete(frameworks).run();
    tx.delete(indicatorGroups).run();
    tx.delete(exploitationForms).run();
    for (const f of catalogue.frameworks) tx.insert(frameworks).values(f).run();
    for (const g of catalogue.groups) tx.insert(indicatorGroups).values(g).run();
    for (const f of catalogue.forms) tx.insert(exploitationForms).values(f).run();
    for (const id of diff.removed)
      tx.update(indicators).set({ retiredIn: catalogue.version }).where(eq(indicators.id, id)).run();
    for (const i of catalogue.indicators) {
      const row = { ...i, groupId: i.group, forms: [...i.forms], retiredIn: null };
      tx.insert(indicators)
        .values({ ...row, addedIn: catalogue.version })
        .onConflictDoUpdate({ target: indicators.id, set: row })
        .run();
    }
    return diff;
  });
}

/** Reads the catalogue in force (retired indicators excluded), or null before the first load. */
export function loadCatalogue(db: Db): Catalogue | null {
  const version = currentCatalogueVersion(db);
  if (!version) return null;
  return {
    version,
    frameworks: frameworksQuery(db, schema).all(),
    groups: listIndicatorGroups(db),
    indicators: listIndicators(db),
    forms: formsQuery(db, schema).all(),
  };
}

const frameworksQuery = (db: Db, t: Tables) => db.select().from(t.frameworks).orderBy(asc(t.frameworks.id));
const formsQuery = (db: Db, t: Tables) => db.select().from(t.exploitationForms).orderBy(asc(t.exploitationForms.id));

/** Filters for {@link listIndicators}; each optional. `form` matches the exact form id. */
export interface IndicatorFilter {
  framework?: FrameworkId;
  relevance?: Relevance;
  form?: string;
  group?: string;
}

/** Indicators in force, optionally filtered by framework, relevance, exploitation form and group. */
export function listIndicators(db: Db, filter: IndicatorFilter = {}): Indicator[] {
  return indicatorsOf(indicatorsQuery(db, schema, filter).all(), filter);
}

function indicatorsQuery(db: Db, t: Tables, filter: IndicatorFilter) {
  const where: SQL[] = [isNull(t.indicators.retiredIn)];
  if (filter.framework) where.push(eq(t.indicators.framework, filter.framework));
  if (filter.relevance) where.push(eq(t.indicators.relevance, filter.relevance));
  if (filter.group) where.push(eq(t.indicators.groupId, filter.group));
  return db
    .select()
    .from(t.indicators)
    .where(and(...where))
    .orderBy(asc(t.indicators.id));
}

const indicatorsOf = (rows: (typeof indicators.$inferSelect)[], filter: IndicatorFilter): Indicator[] =>
  rows
    .filter((r) => !filter.form || r.forms.includes(filter.form))
    .map(({ groupId, addedIn: _a, retiredIn: _r, ...r }) => ({ ...r, group: groupId }));

/** Indicator groups (risk factors, categories) of the catalogue in force, optionally of one framework. */
export function listIndicatorGroups(db: Db, filter: { framework?: FrameworkId } = {}): IndicatorGroup[] {
  return groupsQuery(db, schema, filter).all();
}

const groupsQuery = (db: Db, t: Tables, filter: { framework?: FrameworkId }) =>
  db
    .select()
    .from(t.indicatorGroups)
    .where(filter.framework ? eq(t.indicatorGroups.framework, filter.framework) : undefined)
    .orderBy(asc(t.indicatorGroups.id));

/** One loaded catalogue version without its snapshot. */
export interface CatalogueVersionSummary {
  id: string;
  source: string;
  loadedAt: string;
  loadedBy: string | null;
  isCurrent: boolean;
  diff: CatalogueDiff | null;
}

/** Every catalogue version, newest first, with its diff against the version before it. */
export function listCatalogueVersions(db: Db): CatalogueVersionSummary[] {
  return versionsQuery(db, schema).all().map(summaryOf);
}

const summaryColumnsOf = (t: Tables) => ({
  id: t.catalogueVersions.id,
  source: t.catalogueVersions.source,
  loadedAt: t.catalogueVersions.loadedAt,
  loadedBy: t.catalogueVersions.loadedBy,
  isCurrent: t.catalogueVersions.isCurrent,
  diff: t.catalogueVersions.diff,
});
const versionsQuery = (db: Db, t: Tables) =>
  db
    .select(summaryColumnsOf(t))
    .from(t.catalogueVersions)
    .orderBy(desc(t.catalogueVersions.loadedAt), desc(t.catalogueVersions.id));
const versionQuery = (db: Db, t: Tables, id: string) =>
  db
    .select({ ...summaryColumnsOf(t), snapshot: t.catalogueVersions.snapshot })
    .from(t.catalogueVersions)
    .where(eq(t.catalogueVersions.id, id))
    .limit(1);
const summaryOf = <V extends { diff: unknown }>(v: V) => ({ ...v, diff: (v.diff as CatalogueDiff | null) ?? null });
const withSnapshot = <V extends { diff: unknown; snapshot: unknown }>(row: V | undefined) =>
  row && { ...summaryOf(row), snapshot: row.snapshot as Catalogue };

/** One catalogue version with the full catalogue as it was loaded, or undefined for an unknown id. */
export function getCatalogueVersion(
  db: Db,
  id: string,
): (CatalogueVersionSummary & { snapshot: Catalogue }) | undefined {
  return withSnapshot(versionQuery(db, schema, id).get());
}

/**
 * The catalogue reads awaited, on SQLite or PostgreSQL (db/async.ts): the same builders as the
 * synchronous functions above, the same rows.
 */
export const catalogueAsync = {
  /** {@link currentCatalogueVersion}: the id of the version in force, or undefined before the first load. */
  currentVersion: async (a: AsyncDb): Promise<string | undefined> => (await currentVersionQuery(a.db, a.t))[0]?.id,
  /** {@link loadCatalogue}: the catalogue in force, or null before the first load. */
  load: async (a: AsyncDb): Promise<Catalogue | null> => {
    const [current, fw, groups, inds, forms] = await Promise.all([
      currentVersionQuery(a.db, a.t),
      frameworksQuery(a.db, a.t),
      groupsQuery(a.db, a.t, {}),
      indicatorsQuery(a.db, a.t, {}),
      formsQuery(a.db, a.t),
    ]);
    const version = current[0]?.id;
    return version ? { version, frameworks: fw, groups, indicators: indicatorsOf(inds, {}), forms } : null;
  },
  /** {@link listIndicators}. */
  indicators: async (a: AsyncDb, filter: IndicatorFilter = {}): Promise<Indicator[]> =>
    indicatorsOf(await indicatorsQuery(a.db, a.t, filter), filter),
  /** {@link listIndicatorGroups}. */
  groups: (a: AsyncDb, filter: { framework?: FrameworkId } = {}): Promise<IndicatorGroup[]> =>
    groupsQuery(a.db, a.t, filter),
  /** {@link listCatalogueVersions}. */
  versions: async (a: AsyncDb): Promise<CatalogueVersionSummary[]> => (await versionsQuery(a.db, a.t)).map(summaryOf),
  /** {@link getCatalogueVersion}. */
  version: async (a: AsyncDb, id: string): Promise<(CatalogueVersionSummary & { snapshot: Catalogue }) | undefined> =>
    withSnapshot((await versionQuery(a.db, a.t, id))[0]),
  /** {@link currentCatalogueOrigin}. */
  currentOrigin: async (a: AsyncDb): Promise<CatalogueOrigin | undefined> => (await originQuery(a.db, a.t))[0],
  /** {@link catalogueVersionIds}. */
  versionIds: async (a: AsyncDb): Promise<string[]> => (await versionIdsQuery(a.db, a.t)).map((r) => r.id),
  /** {@link countObservationsByIndicator}. */
  observationCounts: async (a: AsyncDb, ids: readonly string[]): Promise<Map<string, number>> =>
    ids.length === 0 ? new Map() : new Map((await countsQuery(a.db, a.t, ids)).map((r) => [r.id, r.n])),
};

/** Ids of every catalogue version ever loaded. */
export function catalogueVersionIds(db: Db): string[] {
  return versionIdsQuery(db, schema)
    .all()
    .map((r) => r.id);
}

const versionIdsQuery = (db: Db, t: Tables) => db.select({ id: t.catalogueVersions.id }).from(t.catalogueVersions);

/** How many observations (of any state) each of `ids` has; ids without any are left out. */
export function countObservationsByIndicator(db: Db, ids: readonly string[]): Map<string, number> {
  if (ids.length === 0) return new Map();
  return new Map(
    countsQuery(db, schema, ids)
      .all()
      .map((r) => [r.id, r.n]),
  );
}

const countsQuery = (db: Db, t: Tables, ids: readonly string[]) =>
  db
    .select({ id: t.observations.indicatorId, n: count() })
    .from(t.observations)
    .where(inArray(t.observations.indicatorId, [...ids]))
    .groupBy(t.observations.indicatorId);

/**
 * The columns an indicator's upsert sets on a known id: all but its id and the version that added it,
 * each to the value offered (`excluded`, named as both connections' `snake_case` casing names it).
 */
const UPSERT_SET = (t: Tables) =>
  Object.fromEntries(
    Object.entries(getTableColumns(t.indicators))
      .filter(([key]) => key !== 'id' && key !== 'addedIn')
      .map(([key, column]) => [key, sql.raw(`excluded."${toSnakeCase(column.name)}"`)]),
  );

/** The catalogue's writes and the reads an import plans with, awaited, on either engine (db/async.ts). */
export const catalogueWritesAsync = {
  /**
   * {@link saveCatalogueVersion}, awaited, inside the caller's transaction (`inTransaction` or
   * `withWriteLock`): the same rows, written set-wise (one statement per table, the indicators as one
   * multi-row upsert). Returns the diff against the previous version.
   */
  save: async (a: AsyncDb, catalogue: Catalogue, source: string, by: string | null, at: string) => {
    const { db, t } = a;
    const previous = await catalogueAsync.load(a);
    const diff = diffCatalogues(previous, catalogue);
    await db.update(t.catalogueVersions).set({ isCurrent: false });
    await db.insert(t.catalogueVersions).values({
      id: catalogue.version,
      source,
      loadedAt: at,
      loadedBy: by,
      isCurrent: true,
      snapshot: catalogue,
      diff,
    });
    await db.delete(t.frameworks);
    await db.delete(t.indicatorGroups);
    await db.delete(t.exploitationForms);
    if (catalogue.frameworks.length) await db.insert(t.frameworks).values([...catalogue.frameworks]);
    if (catalogue.groups.length) await db.insert(t.indicatorGroups).values([...catalogue.groups]);
    if (catalogue.forms.length) await db.insert(t.exploitationForms).values([...catalogue.forms]);
    if (diff.removed.length)
      await db.update(t.indicators).set({ retiredIn: catalogue.version }).where(inArray(t.indicators.id, diff.removed));
    if (catalogue.indicators.length)
      await db
        .insert(t.indicators)
        .values(
          catalogue.indicators.map(({ group, ...i }) => ({
            ...i,
            groupId: group,
            forms: [...i.forms],
            retiredIn: null,
            addedIn: catalogue.version,
          })),
        )
        .onConflictDoUpdate({ target: t.indicators.id, set: UPSERT_SET(t) });
    return diff;
  },
};
