/**
 * The PostgreSQL tables: a mirror of `db/schema/` (the source of truth, see db/README.md), table for
 * table and column for column, under the same names, keys and indexes. What each table and column
 * means is written there. test/db/pg-schema.test.ts compares the two so they cannot drift.
 *
 * Mapping: SQLite `integer` → `integer` (ids: identity columns, so explicit ids can be copied in);
 * `real` (8-byte) → `double precision`; booleans stored 0/1 → `boolean`; JSON text → `json` (kept as
 * the text written, key order included, so a copy is byte for byte); timestamps stay ISO-8601 `text`,
 * as the API reads and compares them as strings.
 */
import { boolean, doublePrecision, index, integer, json, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { CATALOGUE_STATUSES, CONFIDENCES, FRAMEWORK_IDS, LENSES, OBSERVATION_LEVELS } from '../../indicators/index.ts';
import { RELEVANCES, ROLES, type Driver, type Measurement, type RetiredSpan } from '../../indicators/index.ts';
import { OBSERVATION_STATES } from '../schema/observations.ts';

const id = () => integer().primaryKey().generatedByDefaultAsIdentity();

// catalogue.ts

export const catalogueVersions = pgTable('catalogue_versions', {
  id: text().primaryKey(),
  source: text().notNull(),
  loadedAt: text().notNull(),
  loadedBy: text(),
  isCurrent: boolean().notNull().default(false),
  snapshot: json().notNull(),
  diff: json(),
});

export const frameworks = pgTable('frameworks', {
  id: text({ enum: FRAMEWORK_IDS }).primaryKey(),
  title: text().notNull(),
  shortTitle: text().notNull(),
  publisher: text().notNull(),
  year: integer().notNull(),
  citation: text().notNull(),
  note: text().notNull(),
});

export const indicatorGroups = pgTable('indicator_groups', {
  id: text().primaryKey(),
  framework: text({ enum: FRAMEWORK_IDS }).notNull(),
  label: text().notNull(),
  description: text().notNull(),
  citation: text().notNull(),
  status: text({ enum: CATALOGUE_STATUSES }).notNull(),
});

export const indicators = pgTable('indicators', {
  id: text().primaryKey(),
  framework: text({ enum: FRAMEWORK_IDS }).notNull(),
  groupId: text().notNull(),
  label: text().notNull(),
  description: text().notNull(),
  relevance: text({ enum: RELEVANCES }).notNull(),
  forms: json().$type<string[]>().notNull(),
  measurement: json().$type<Measurement>().notNull(),
  weight: doublePrecision().notNull(),
  persistenceMonths: integer().notNull(),
  level: text({ enum: OBSERVATION_LEVELS }).notNull(),
  citation: text().notNull(),
  status: text({ enum: CATALOGUE_STATUSES }).notNull(),
  addedIn: text().notNull(),
  retiredIn: text(),
});

export const exploitationForms = pgTable('exploitation_forms', {
  id: text().primaryKey(),
  parent: text(),
  label: text().notNull(),
  definition: text().notNull(),
  citation: text().notNull(),
});

export const scenarios = pgTable('scenarios', {
  id: text().primaryKey(),
  label: text().notNull(),
  description: text().notNull(),
  weights: json().$type<Record<string, number>>().notNull(),
});

export const settings = pgTable('settings', {
  key: text().primaryKey(),
  value: text().notNull(),
});

// regions.ts

export const boundarySets = pgTable('boundary_sets', {
  id: text().primaryKey(),
  level: integer().notNull(),
  name: text().notNull(),
  licence: text().notNull(),
  attribution: text().notNull(),
  topology: text().notNull(),
  isActive: boolean().notNull().default(true),
  loadedAt: text().notNull(),
  source: text(),
  validFrom: text(),
  series: text(),
  version: integer().notNull().default(1),
  uploadedBy: text(),
});

export const regions = pgTable(
  'regions',
  {
    code: text().primaryKey(),
    name: text().notNull(),
    level: integer().notNull(),
    parent: text(),
    boundarySet: text(),
    kind: text(),
    retiredAt: text(),
    retiredSpans: json().$type<RetiredSpan[]>(),
  },
  (t) => [index('regions_level_parent').on(t.level, t.parent)],
);

export const regionAliases = pgTable(
  'region_aliases',
  { alias: text().notNull(), kind: text().notNull(), regionCode: text().notNull() },
  (t) => [primaryKey({ columns: [t.kind, t.alias, t.regionCode] }), index('region_aliases_alias').on(t.alias)],
);

// observations.ts

export const observations = pgTable(
  'observations',
  {
    id: id(),
    regionCode: text().notNull(),
    indicatorId: text().notNull(),
    period: text().notNull(),
    value: doublePrecision().notNull(),
    confidence: text({ enum: CONFIDENCES }).notNull(),
    sourceCitation: text().notNull(),
    sourceKey: text(),
    sourceUrl: text(),
    sourceLocator: text(),
    note: text(),
    state: text({ enum: OBSERVATION_STATES }).notNull().default('current'),
    supersedes: integer(),
    supersededBy: integer(),
    reason: text(),
    enteredBy: text().notNull(),
    enteredAt: text().notNull(),
    batchId: integer(),
  },
  (t) => [
    index('observations_current').on(t.state, t.regionCode, t.indicatorId, t.period),
    index('observations_period').on(t.period),
    index('observations_batch').on(t.batchId),
  ],
);

export const importBatches = pgTable('import_batches', {
  id: id(),
  fileName: text().notNull(),
  format: text().notNull(),
  rowCount: integer().notNull(),
  createdBy: text().notNull(),
  createdAt: text().notNull(),
  state: text().notNull().default('applied'),
  rolledBackAt: text(),
  report: json(),
});

// scores.ts

export const scores = pgTable(
  'scores',
  {
    scenario: text().notNull().default('baseline'),
    lens: text({ enum: LENSES }).notNull(),
    period: text().notNull(),
    regionCode: text().notNull(),
    level: integer().notNull(),
    score: doublePrecision(),
    class: text().notNull(),
    coverage: doublePrecision().notNull(),
    confidence: text(),
    trend3: doublePrecision(),
    trend12: doublePrecision(),
    drivers: json().$type<Driver[]>().notNull(),
    rolledUpFrom: text(),
    indicatorsObserved: integer().notNull().default(0),
    groupsObserved: integer().notNull().default(0),
    sourcesObserved: integer().notNull().default(0),
    signsObserved: integer().notNull().default(0),
    ownObserved: integer().notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.scenario, t.lens, t.period, t.level, t.regionCode] }),
    index('scores_region').on(t.regionCode, t.scenario, t.lens, t.period),
  ],
);

// audit.ts

export const users = pgTable('users', {
  id: id(),
  email: text().notNull().unique(),
  name: text().notNull(),
  role: text({ enum: ROLES }).notNull(),
  passwordHash: text(),
  createdAt: text().notNull(),
  disabledAt: text(),
  language: text(),
});

export const sessions = pgTable('sessions', {
  idHash: text().primaryKey(),
  userId: integer().notNull(),
  csrfToken: text().notNull(),
  createdAt: text().notNull(),
  expiresAt: text().notNull(),
});

export const apiTokens = pgTable('api_tokens', {
  id: id(),
  userId: integer().notNull(),
  label: text().notNull(),
  tokenHash: text().notNull().unique(),
  createdAt: text().notNull(),
  revokedAt: text(),
  expiresAt: text(),
  lastUsedAt: text(),
});

export const watchlist = pgTable(
  'watchlist',
  { userId: integer().notNull(), regionCode: text().notNull(), addedAt: text().notNull() },
  (t) => [primaryKey({ columns: [t.userId, t.regionCode] })],
);

export const savedAreas = pgTable(
  'saved_areas',
  {
    id: id(),
    userId: integer().notNull(),
    name: text().notNull(),
    area: json().notNull(),
    fromPeriod: text(),
    toPeriod: text(),
    lens: text().notNull(),
    createdAt: text().notNull(),
  },
  (t) => [index('saved_areas_user').on(t.userId)],
);

export const rateLimits = pgTable('rate_limits', {
  key: text().primaryKey(),
  count: integer().notNull(),
  resetsAt: text().notNull(),
});

export const auditLog = pgTable(
  'audit_log',
  {
    id: id(),
    at: text().notNull(),
    actor: text().notNull(),
    action: text().notNull(),
    entity: text().notNull(),
    entityId: text(),
    before: json(),
    after: json(),
    batchId: integer(),
  },
  (t) => [index('audit_log_at').on(t.at)],
);
