import { integer, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { CATALOGUE_STATUSES, FRAMEWORK_IDS, OBSERVATION_LEVELS, RELEVANCES } from '../../indicators/index.ts';
import type { Measurement } from '../../indicators/index.ts';

/** Every catalogue version ever loaded; exactly one is current. */
export const catalogueVersions = sqliteTable('catalogue_versions', {
  /** Version label, e.g. `2026.1`. */
  id: text().primaryKey(),
  /** Where it came from: `bundled`, a file name, or an admin import. */
  source: text().notNull(),
  loadedAt: text().notNull(),
  loadedBy: text(),
  /** 1 for the version in force. */
  isCurrent: integer({ mode: 'boolean' }).notNull().default(false),
  /** Full catalogue as loaded (JSON), so any version can be shown or restored. */
  snapshot: text({ mode: 'json' }).notNull(),
  /** Added / removed / changed ids against the previous version (JSON). */
  diff: text({ mode: 'json' }),
});

/** The frameworks of the current catalogue. */
export const frameworks = sqliteTable('frameworks', {
  id: text({ enum: FRAMEWORK_IDS }).primaryKey(),
  title: text().notNull(),
  shortTitle: text().notNull(),
  publisher: text().notNull(),
  year: integer().notNull(),
  citation: text().notNull(),
  note: text().notNull(),
});

/** Risk factors / categories inside a framework. */
export const indicatorGroups = sqliteTable('indicator_groups', {
  id: text().primaryKey(),
  framework: text({ enum: FRAMEWORK_IDS }).notNull(),
  label: text().notNull(),
  description: text().notNull(),
  citation: text().notNull(),
  status: text({ enum: CATALOGUE_STATUSES }).notNull(),
});

/**
 * Indicators of every version. An indicator dropped by a later version stays with `retiredIn` set,
 * so old observations keep pointing at a known id.
 */
export const indicators = sqliteTable('indicators', {
  id: text().primaryKey(),
  framework: text({ enum: FRAMEWORK_IDS }).notNull(),
  groupId: text().notNull(),
  label: text().notNull(),
  description: text().notNull(),
  relevance: text({ enum: RELEVANCES }).notNull(),
  /** Exploitation form ids (JSON array). */
  forms: text({ mode: 'json' }).$type<string[]>().notNull(),
  measurement: text({ mode: 'json' }).$type<Measurement>().notNull(),
  weight: real().notNull(),
  persistenceMonths: integer().notNull(),
  level: text({ enum: OBSERVATION_LEVELS }).notNull(),
  citation: text().notNull(),
  status: text({ enum: CATALOGUE_STATUSES }).notNull(),
  /** Catalogue version that first had this id. */
  addedIn: text().notNull(),
  /** Catalogue version that dropped it, or null while in force. */
  retiredIn: text(),
});

/** Forms of exploitation (trafficking purposes), hierarchical. */
export const exploitationForms = sqliteTable('exploitation_forms', {
  id: text().primaryKey(),
  parent: text(),
  label: text().notNull(),
  definition: text().notNull(),
  citation: text().notNull(),
});

/** Named weighting scenarios. Weights are data: `{ indicatorId: weight }`. */
export const scenarios = sqliteTable('scenarios', {
  id: text().primaryKey(),
  label: text().notNull(),
  description: text().notNull(),
  weights: text({ mode: 'json' }).$type<Record<string, number>>().notNull(),
});

/** Key/value settings (e.g. `seed.historical`, `public-read`). */
export const settings = sqliteTable('settings', {
  key: text().primaryKey(),
  value: text().notNull(),
});
