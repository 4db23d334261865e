import { integer, real, sqliteTable, text, primaryKey, index } from 'drizzle-orm/sqlite-core';
import { LENSES } from '../../indicators/index.ts';
import type { Driver } from '../../indicators/index.ts';

/**
 * Precomputed scores, one row per scenario × lens × period × scored region, so that reading a whole
 * map is one indexed range scan. Derived data: `recompute` can rebuild it from observations at any time.
 */
export const scores = sqliteTable(
  'scores',
  {
    scenario: text().notNull().default('baseline'),
    lens: text({ enum: LENSES }).notNull(),
    period: text().notNull(),
    regionCode: text().notNull(),
    level: integer().notNull(),
    score: real(),
    class: text().notNull(),
    coverage: real().notNull(),
    confidence: text(),
    /** Change over 3 and 12 months, null when either end is unscored. */
    trend3: real(),
    trend12: real(),
    drivers: text({ mode: 'json' }).$type<Driver[]>().notNull(),
    /** For a country shown at one of its regions' scores (roll-up): that region's code. */
    rolledUpFrom: text(),
    /** Indicators and groups (risk factors) with informative evidence behind the score. */
    indicatorsObserved: integer().notNull().default(0),
    groupsObserved: integer().notNull().default(0),
    /** Independent sources (source keys) behind the score, own and inherited. */
    sourcesObserved: integer().notNull().default(0),
    /** Direct indicators (trafficking signs) with a value above neutral recorded for the region itself. */
    signsObserved: integer().notNull().default(0),
    /** Indicators observed for the region itself; 0 means its evidence is all inherited from its country (score null). */
    ownObserved: integer().notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.scenario, t.lens, t.period, t.level, t.regionCode] }),
    index('scores_region').on(t.regionCode, t.scenario, t.lens, t.period),
  ],
);
