import { Hono } from 'hono';
import { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { getRegion, listRegions } from '../../db/queries/regions.ts';
import { readRegionSeries, readScores, scoredPeriods, type ScoreRow } from '../../db/queries/scores.ts';
import { NO_DATA } from '../../indicators/vocabulary.ts';
import { badRequest, notFound } from '../errors.ts';
import { LensSchema, LevelSchema, PeriodSchema, RegionCodeSchema, ScenarioSchema } from '../schemas.ts';
import { validate } from '../validate.ts';

const ScoresQuery = z.object({
  period: PeriodSchema.optional(),
  lens: LensSchema.default('overall'),
  level: LevelSchema.default(0),
  scenario: ScenarioSchema,
});

const SeriesQuery = z.object({
  lens: LensSchema.default('overall'),
  from: PeriodSchema.optional(),
  to: PeriodSchema.optional(),
  scenario: ScenarioSchema,
});

/** The public shape of one score row. */
function toWire(r: ScoreRow) {
  return {
    period: r.period,
    score: r.score === null ? null : Math.round(r.score * 100) / 100,
    class: r.class,
    coverage: Math.round(r.coverage * 1000) / 1000,
    confidence: r.confidence,
    trend: r.trend3 === null ? null : Math.round(r.trend3 * 100) / 100,
    trend12: r.trend12 === null ? null : Math.round(r.trend12 * 100) / 100,
    drivers: r.drivers.map((d) => ({ ...d, points: Math.round(d.points * 100) / 100 })),
  };
}

/**
 * Score reads: `GET /api/periods` (months with data), `GET /api/scores` (one row per region of a level
 * for one month and lens; regions without data come back with `score: null` and class `no-data`),
 * `GET /api/regions/{code}/scores` (one region over time).
 */
export function scoreRoutes(db: Db) {
  return new Hono()
    .get('/periods', (c) => c.json(scoredPeriods(db)))
    .get('/scores', validate('query', ScoresQuery), (c) => {
      const q = c.req.valid('query');
      const period = q.period ?? scoredPeriods(db, q.scenario).at(-1);
      if (!period) return c.json([]);
      const stored = new Map(readScores(db, { ...q, period }).map((r) => [r.regionCode, r]));
      c.header('X-Vigil-Period', period);
      return c.json(
        listRegions(db, { level: q.level }).map((reg) => {
          const s = stored.get(reg.code);
          return s
            ? { region: reg.code, name: reg.name, ...toWire(s) }
            : { region: reg.code, name: reg.name, period, score: null, class: NO_DATA, coverage: 0, confidence: null, trend: null, trend12: null, drivers: [] };
        }),
      );
    })
    .get('/regions/:code/scores', validate('param', z.object({ code: RegionCodeSchema })), validate('query', SeriesQuery), (c) => {
      const { code } = c.req.valid('param');
      const q = c.req.valid('query');
      if (q.from && q.to && q.from > q.to) throw badRequest([{ field: 'from', message: 'must not be after to' }]);
      if (!getRegion(db, code)) throw notFound(`Region ${code}`);
      return c.json(readRegionSeries(db, { region: code, ...q }).map(toWire));
    });
}
