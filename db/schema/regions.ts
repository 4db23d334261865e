import { index, integer, sqliteTable, text, primaryKey } from 'drizzle-orm/sqlite-core';

/** A set of boundaries for one admin level (bundled Natural Earth, or a user's own, e.g. OCHA COD-AB). */
export const boundarySets = sqliteTable('boundary_sets', {
  id: text().primaryKey(),
  level: integer().notNull(),
  name: text().notNull(),
  /** Licence and attribution to show with the map. */
  licence: text().notNull(),
  attribution: text().notNull(),
  /** TopoJSON topology whose features carry a `code` property (JSON text). */
  topology: text().notNull(),
  /** The set the map uses for its level. */
  isActive: integer({ mode: 'boolean' }).notNull().default(true),
  loadedAt: text().notNull(),
});

/** Countries (level 0) and first-level subdivisions (level 1). */
export const regions = sqliteTable(
  'regions',
  {
    /** ISO 3166-1 alpha-3 for countries; ISO 3166-2 (or the Natural Earth code where ISO is ambiguous) below. */
    code: text().primaryKey(),
    name: text().notNull(),
    level: integer().notNull(),
    /** Country code for level 1; null for countries. */
    parent: text(),
    boundarySet: text(),
    /** Kind of unit in the source, e.g. "Province", "Governorate". */
    kind: text(),
  },
  (t) => [index('regions_level_parent').on(t.level, t.parent)],
);

/** Other codes and names a region is known by, for import matching (ISO, NE code, p-code, name). */
export const regionAliases = sqliteTable(
  'region_aliases',
  {
    alias: text().notNull(),
    /** `iso`, `ne`, `pcode`, `name`. */
    kind: text().notNull(),
    regionCode: text().notNull(),
  },
  (t) => [primaryKey({ columns: [t.kind, t.alias, t.regionCode] }), index('region_aliases_alias').on(t.alias)],
);
