import { Hono } from 'hono';
import { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { getRegion } from '../../db/queries/regions.ts';
import { scoredPeriods } from '../../db/queries/scores.ts';
import { addMonths } from '../../indicators/period.ts';
import { badRequest, notFound } from '../errors.ts';
import { newDirectSignals, scoreAlerts, type Alert } from '../../indicators/model/alerts.ts';
import { MODEL_CONFIG } from '../../indicators/model/config.ts';
import { roundTo } from '../../indicators/model/round.ts';
import { risers } from '../../indicators/model/trend.ts';
import { LensSchema, LevelSchema, PeriodSchema, RegionCodeSchema, ScenarioSchema } from '../schemas.ts';
import {
  regionSeries,
  requireScenario,
  scoresAt,
  scoresBetween,
  type ScoreRecord,
} from '../services/scores/live-scores.ts';
import { modelInputs } from '../services/scores/model-inputs.ts';
import { validate } from '../validate.ts';
import { toWire } from '../services/scores/score-wire.ts';

const AlertsQuery = z.object({
  period: PeriodSchema.optional(),
  lens: LensSchema.default('tip'),
  scenario: ScenarioSchema,
  level: LevelSchema.optional(),
});

const RegionAlertsQuery = z.object({
  lens: LensSchema.default('tip'),
  scenario: ScenarioSchema,
  from: PeriodSchema.optional(),
  to: PeriodSchema.optional(),
});

const CodeParam = z.object({ code: RegionCodeSchema });

const RisersQuery = z.object({
  period: PeriodSchema.optional(),
  lens: LensSchema.default('tip'),
  scenario: ScenarioSchema,
  level: LevelSchema.default(1),
  months: z.enum(['3', '12'], { message: 'must be 3 or 12' }).default('3').transform(Number),
  limit: z.coerce
    .number({ message: 'must be a number' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(200, 'must be at most 200')
    .default(10),
});

/** What the alert rules read of a stored score. */
const toAlertScore = (r: ScoreRecord) => ({
  region: r.regionCode,
  level: r.level,
  period: r.period,
  score: r.score,
  class: r.class,
});

/** The public shape of one alert. */
function toAlertWire(a: Alert, name: string) {
  return {
    region: a.region,
    name,
    level: a.level,
    lens: a.lens,
    period: a.period,
    kind: a.kind,
    reason: a.reason,
    score: roundTo(a.score, 2),
    previousScore: roundTo(a.previousScore, 2),
    ...(a.baseline === undefined ? {} : { baseline: roundTo(a.baseline, 2) }),
  };
}

/**
 * `GET /api/alerts?period=&lens=&scenario=&level=`: the month's alerts (a class threshold crossed
 * upward, a sharp rise against the region's own trailing mean, a new direct trafficking indicator),
 * each with a one-line reason; first-level regions alert only on evidence of their own (a
 * country-level change alerts once, on the country).
 * `GET /api/regions/{code}/alerts?lens=&scenario=&from=&to=`: one region's alerts in every scored
 * month (oldest first), the same as that region's entries in `/api/alerts` month by month.
 * `GET /api/risers?period=&lens=&scenario=&level=&months=3|12&limit=`: classed regions whose score
 * rose the most.
 */
export function alertRoutes(db: Db) {
  const latest = () => scoredPeriods(db).at(-1);
  return new Hono()
    .get('/alerts', validate('query', AlertsQuery), (c) => {
      const q = c.req.valid('query');
      requireScenario(q.scenario);
      const inputs = modelInputs(db);
      const period = q.period ?? latest();
      if (!period || !inputs) return c.json([]);
      const from = addMonths(period, -MODEL_CONFIG.alerts.baselineMonths);
      const own = inputs.withOwnEvidence;
      const scores = scoresBetween(db, inputs, { scenario: q.scenario, lens: q.lens, from, to: period })
        .filter((r) => r.level === 0 || own.has(r.regionCode))
        .map(toAlertScore);
      const levelOf = new Map(inputs.regions.map((r) => [r.code, r.level]));
      const signals = newDirectSignals(inputs.observations, period, inputs.lens(q.lens, q.scenario), levelOf);
      const alerts = scoreAlerts({ period, lens: q.lens, scores, signals, config: MODEL_CONFIG });
      return c.json(
        alerts
          .filter((a) => q.level === undefined || a.level === q.level)
          .map((a) => toAlertWire(a, inputs.regionByCode.get(a.region)?.name ?? a.region)),
      );
    })
    .get('/regions/:code/alerts', validate('param', CodeParam), validate('query', RegionAlertsQuery), (c) => {
      const { code } = c.req.valid('param');
      const q = c.req.valid('query');
      requireScenario(q.scenario);
      if (q.from && q.to && q.from > q.to) throw badRequest([{ field: 'from', message: 'must not be after to' }]);
      const region = getRegion(db, code);
      if (!region) throw notFound(`Region ${code}`);
      const inputs = modelInputs(db);
      const months = scoredPeriods(db).filter((p) => (!q.from || p >= q.from) && (!q.to || p <= q.to));
      if (!inputs || months.length === 0) return c.json([]);
      const observations = inputs.observationsFor([code]).get(code) ?? [];
      // As in /api/alerts: a first-level region alerts only on evidence of its own.
      if (region.level === 1 && !observations.some((o) => !o.inherited)) return c.json([]);
      const series = regionSeries(db, inputs, {
        region: code,
        lens: q.lens,
        scenario: q.scenario,
        from: addMonths(months[0]!, -MODEL_CONFIG.alerts.baselineMonths),
        to: months.at(-1),
      }).map(toAlertScore);
      const lens = inputs.lens(q.lens, q.scenario);
      const levelOf = new Map([[code, region.level]]);
      const alerts = months.flatMap((period) => {
        const from = addMonths(period, -MODEL_CONFIG.alerts.baselineMonths);
        const scores = series.filter((s) => s.period >= from && s.period <= period);
        return scoreAlerts({
          period,
          lens: q.lens,
          scores,
          signals: newDirectSignals(observations, period, lens, levelOf),
          config: MODEL_CONFIG,
        });
      });
      return c.json(alerts.map((a) => toAlertWire(a, region.name)));
    })
    .get('/risers', validate('query', RisersQuery), (c) => {
      const q = c.req.valid('query');
      requireScenario(q.scenario);
      const inputs = modelInputs(db);
      const period = q.period ?? latest();
      if (!period) return c.json([]);
      const rows = scoresAt(db, inputs, { scenario: q.scenario, lens: q.lens, period, level: q.level }).map((r) => ({
        region: r.regionCode,
        name: inputs?.regionByCode.get(r.regionCode)?.name ?? r.regionCode,
        ...toWire(r),
      }));
      return c.json(risers(rows, { months: q.months as 3 | 12, limit: q.limit }));
    });
}
