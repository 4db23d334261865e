import { and, asc, eq, isNull, type SQL } from 'drizzle-orm';
import type { Catalogue, Indicator } from '../../indicators/types.ts';
import type { FrameworkId, Relevance } from '../../indicators/vocabulary.ts';
import type { Db } from '../client.ts';
import { catalogueVersions, exploitationForms, frameworks, indicatorGroups, indicators } from '../schema/index.ts';

/** What changed between two catalogue versions, by indicator id. */
export interface CatalogueDiff {
  from: string | null;
  to: string;
  added: string[];
  removed: string[];
  changed: { id: string; fields: string[] }[];
}

const COMPARED: (keyof Indicator)[] = ['label', 'description', 'group', 'relevance', 'forms', 'measurement', 'weight', 'persistenceMonths', 'level', 'citation', 'status'];

/** Compares two catalogues indicator by indicator. Pure. */
export function diffCatalogues(before: Catalogue | null, after: Catalogue): CatalogueDiff {
  const old = new Map((before?.indicators ?? []).map((i) => [i.id, i]));
  const now = new Map(after.indicators.map((i) => [i.id, i]));
  const changed: CatalogueDiff['changed'] = [];
  for (const [id, ind] of now) {
    const prev = old.get(id);
    if (!prev) continue;
    const fields = COMPARED.filter((k) => JSON.stringify(prev[k]) !== JSON.stringify(ind[k]));
    if (fields.length) changed.push({ id, fields });
  }
  return {
    from: before?.version ?? null,
    to: after.version,
    added: [...now.keys()].filter((id) => !old.has(id)).sort(),
    removed: [...old.keys()].filter((id) => !now.has(id)).sort(),
    changed,
  };
}

/** The catalogue version in force, or undefined before the first load. */
export function currentCatalogueVersion(db: Db): string | undefined {
  return db.select({ id: catalogueVersions.id }).from(catalogueVersions).where(eq(catalogueVersions.isCurrent, true)).get()?.id;
}

/**
 * Makes `catalogue` the version in force, in one transaction: frameworks, groups and forms are
 * replaced; indicators are upserted and those missing from the new version are marked retired (never
 * deleted, so observations keep pointing at known ids). Returns the diff against the previous version.
 * The caller validates the catalogue first.
 */
export function saveCatalogueVersion(db: Db, catalogue: Catalogue, source: string, by: string | null, at: string): CatalogueDiff {
  return db.transaction((tx) => {
    const previous = loadCatalogue(tx);
    const diff = diffCatalogues(previous, catalogue);
    tx.update(catalogueVersions).set({ isCurrent: false }).run();
    tx.insert(catalogueVersions).values({ id: catalogue.version, source, loadedAt: at, loadedBy: by, isCurrent: true, snapshot: catalogue, diff }).run();
    tx.delete(frameworks).run();
    tx.delete(indicatorGroups).run();
    tx.delete(exploitationForms).run();
    for (const f of catalogue.frameworks) tx.insert(frameworks).values(f).run();
    for (const g of catalogue.groups) tx.insert(indicatorGroups).values(g).run();
    for (const f of catalogue.forms) tx.insert(exploitationForms).values(f).run();
    for (const id of diff.removed) tx.update(indicators).set({ retiredIn: catalogue.version }).where(eq(indicators.id, id)).run();
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
    frameworks: db.select().from(frameworks).all(),
    groups: db.select().from(indicatorGroups).orderBy(asc(indicatorGroups.id)).all(),
    indicators: listIndicators(db),
    forms: db.select().from(exploitationForms).orderBy(asc(exploitationForms.id)).all(),
  };
}

/** Indicators in force, optionally filtered by framework, relevance and exploitation form. */
export function listIndicators(db: Db, filter: { framework?: FrameworkId; relevance?: Relevance; form?: string } = {}): Indicator[] {
  const where: SQL[] = [isNull(indicators.retiredIn)];
  if (filter.framework) where.push(eq(indicators.framework, filter.framework));
  if (filter.relevance) where.push(eq(indicators.relevance, filter.relevance));
  const rows = db.select().from(indicators).where(and(...where)).orderBy(asc(indicators.id)).all();
  return rows
    .filter((r) => !filter.form || r.forms.includes(filter.form))
    .map(({ groupId, addedIn: _a, retiredIn: _r, ...r }) => ({ ...r, group: groupId }));
}

/** Every catalogue version, newest first, with its diff. */
export function listCatalogueVersions(db: Db) {
  return db
    .select({ id: catalogueVersions.id, source: catalogueVersions.source, loadedAt: catalogueVersions.loadedAt, loadedBy: catalogueVersions.loadedBy, isCurrent: catalogueVersions.isCurrent, diff: catalogueVersions.diff })
    .from(catalogueVersions)
    .orderBy(asc(catalogueVersions.loadedAt))
    .all()
    .reverse();
}
