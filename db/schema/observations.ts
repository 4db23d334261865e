import { index, integer, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { CONFIDENCES } from '../../indicators/index.ts';

export const OBSERVATION_STATES = ['current', 'superseded', 'retracted'] as const;

/**
 * One assessment of one indicator in one region for one month. Append-only: a correction inserts a
 * new row and marks the old one `superseded` (pointing at its successor); a retraction marks it
 * `retracted`. Nothing here identifies a person: observations are about areas.
 */
export const observations = sqliteTable(
  'observations',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    regionCode: text().notNull(),
    indicatorId: text().notNull(),
    /** Month described, `YYYY-MM`. */
    period: text().notNull(),
    /** Raw value on the indicator's measurement (severity 0–4, count, rate, 0/1). */
    value: real().notNull(),
    confidence: text({ enum: CONFIDENCES }).notNull(),
    sourceCitation: text().notNull(),
    /**
     * Which independent source the observation comes from, for the model's corroboration rule: the
     * import profile's key for a data feed (everything derived from one feed is one source), else the
     * normalised citation (`sourceKeyOf`). Filled on every write; older rows are filled at start-up.
     */
    sourceKey: text(),
    sourceUrl: text(),
    /** Where in the source (page, section, line). */
    sourceLocator: text(),
    /** Analyst note about the area (never about an individual). */
    note: text(),
    state: text({ enum: OBSERVATION_STATES }).notNull().default('current'),
    /** The row this one corrects. */
    supersedes: integer(),
    /** The row that corrected this one. */
    supersededBy: integer(),
    /** Why it was corrected or retracted. */
    reason: text(),
    enteredBy: text().notNull(),
    enteredAt: text().notNull(),
    /** Import batch that wrote it, if any. */
    batchId: integer(),
  },
  (t) => [
    index('observations_current').on(t.state, t.regionCode, t.indicatorId, t.period),
    index('observations_period').on(t.period),
    index('observations_batch').on(t.batchId),
  ],
);

/** One bulk import: all of its rows were written in one transaction, and can be rolled back as one. */
export const importBatches = sqliteTable('import_batches', {
  id: integer().primaryKey({ autoIncrement: true }),
  fileName: text().notNull(),
  format: text().notNull(),
  rowCount: integer().notNull(),
  createdBy: text().notNull(),
  createdAt: text().notNull(),
  /** `applied` or `rolled-back`. */
  state: text().notNull().default('applied'),
  rolledBackAt: text(),
  report: text({ mode: 'json' }),
});
