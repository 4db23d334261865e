import { index, integer, sqliteTable, text, primaryKey } from 'drizzle-orm/sqlite-core';
import type { RetiredSpan } from '../../indicators/index.ts';

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
  /** Who published the boundaries, e.g. "OCHA COD-AB, Iraq" (user sets; null for the bundled ones). */
  source: text(),
  /** First day (YYYY-MM-DD) the set describes; a past month is drawn with the set valid then. */
  validFrom: text(),
  /** Stable key shared by every version of one set (its first version's id); null for the bundled sets. */
  series: text(),
  /** 1 for a series' first upload, then 2, 3…; a new version retires the codes it no longer has. */
  version: integer().notNull().default(1),
  /** Who uploaded it (account name, or `cli:user`). */
  uploadedBy: text(),
});

/** Countries (level 0), first-level subdivisions (level 1) and, from user boundary sets, districts (level 2). */
export const regions = sqliteTable(
  'regions',
  {
    /** ISO 3166-1 alpha-3 for countries; ISO 3166-2 (or the Natural Earth code where ISO is ambiguous) below. */
    code: text().primaryKey(),
    name: text().notNull(),
    level: integer().notNull(),
    /** Country code for level 1, first-level region code for level 2; null for countries. */
    parent: text(),
    boundarySet: text(),
    /** Kind of unit in the source, e.g. "Province", "Governorate". */
    kind: text(),
    /**
     * From when a newer version of its boundary set dropped the code: that version's validity date
     * (YYYY-MM-DD; an ISO time in databases from before); null while in force. A retired region is
     * never deleted: its observations stay readable, and it is scored and drawn for the months that
     * start before this date.
     */
    retiredAt: text(),
    /**
     * Earlier retirements a later version ended by bringing the code back: each from the validity
     * date of the version that dropped it (`from`) to that of the version that restored it (`until`),
     * oldest first; null when never restored. The region is not scored in the months starting on or
     * after `from` and before `until`, as while retired.
     */
    retiredSpans: text({ mode: 'json' }).$type<RetiredSpan[]>(),
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
