import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { sqliteHandleOf, type AsyncDb } from '../../db/async.ts';
import type { Db } from '../../db/client.ts';
import { regionsAsync } from '../../db/queries/regions.ts';
import { badRequest, notFound } from '../errors.ts';
import { AnyLevelSchema, LensSchema, PeriodSchema, RegionCodeSchema, ScenarioSchema } from '../schemas.ts';
import type { monthAlerts, regionAlerts } from '../services/alerts/alerts.ts';
import { monthAlertsAsync, regionAlertsAsync } from '../services/alerts/alerts.ts';
import type { topRisers } from '../services/alerts/risers.ts';
import { topRisersAsync } from '../services/alerts/risers.ts';
import { isStored, requireScenario } from '../services/scores/live-scores.ts';
import { pooledCall } from '../services/pool/read-pool.ts';
import { encodeBody, sendEncoded } from '../services/scores/response-cache.ts';
import type { Calls } from '../services/pool/read-jobs.ts';
import { gated, type HeavyReads } from '../middleware/heavy-gate.ts';
import { leaveLine } from '../services/in-arrival-order.ts';
import { validate } from '../validate.ts';
import { LangQuerySchema, responseLang } from '../i18n.ts';

const AlertsQuery = z.object({
  period: PeriodSchema.optional(),
  lens: LensSchema.default('tip'),
  scenario: ScenarioSchema,
  level: AnyLevelSchema.optional(),
  lang: LangQuerySchema,
});

const RegionAlertsQuery = z.object({
  lens: LensSchema.default('tip'),
  scenario: ScenarioSchema,
  from: PeriodSchema.optional(),
  to: PeriodSchema.optional(),
  lang: LangQuerySchema,
});

const CodeParam = z.object({ code: RegionCodeSchema });

const RisersQuery = z.object({
  period: PeriodSchema.optional(),
  lens: LensSchema.default('tip'),
  scenario: ScenarioSchema,
  level: AnyLevelSchema.default(1),
  months: z.enum(['3', '12'], { message: 'must be 3 or 12' }).default('3').transform(Number),
  limit: z.coerce
    .number({ message: 'must be a number' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(200, 'must be at most 200')
    .default(10),
});

/**
 * `GET /api/alerts?period=&lens=&scenario=&level=&lang=`: the month's alerts (a class threshold crossed
 * upward, a sharp rise against the region's own trailing mean, a new direct trafficking indicator),
 * each with a one-line reason in `lang` (else the account's language, else English); first-level regions alert only on evidence of their own (a
 * country-level change alerts once, on the country).
 * `GET /api/regions/{code}/alerts?lens=&scenario=&from=&to=&lang=`: one region's alerts in every scored
 * month (oldest first), the same as that region's entries in `/api/alerts` month by month.
 * `GET /api/risers?period=&lens=&scenario=&level=&months=3|12&limit=`: classed regions whose score
 * rose the most.
 *
 * Stored views (the baseline) are read through `data`, on either engine; views computed for another
 * scenario run in the worker pool over the SQLite file, or in process on PostgreSQL (the same code).
 */
export function alertRoutes(db: Db, data: AsyncDb, heavy: HeavyReads) {
  // Under another scenario than the baseline the scores are computed, gated: in the worker pool over
  // the SQLite file; on PostgreSQL (no SQLite handle) here, from awaited reads, by the same code.
  const file = sqliteHandleOf(data);
  const live = <K extends 'monthAlerts' | 'regionAlerts' | 'topRisers'>(
    c: Context,
    name: K,
    args: Parameters<Calls[K]>[1],
    inProcess: () => Promise<unknown>,
  ) => gated(c, heavy, async () => (file ? pooledCall(db, name, args) : encodeBody({ body: await inProcess() })));
  return new Hono()
    .get('/alerts', validate('query', AlertsQuery), async (c) => {
      const q = { ...c.req.valid('query'), lang: responseLang(c, c.req.valid('query').lang) };
      requireScenario(q.scenario);
      if (isStored(q)) return c.json(await monthAlertsAsync(data, q));
      return sendEncoded<ReturnType<typeof monthAlerts>>(
        c,
        await live(c, 'monthAlerts', q, () => monthAlertsAsync(data, q)),
      );
    })
    .get(
      '/regions/:code/alerts',
      heavy.gate.line.join,
      validate('param', CodeParam),
      validate('query', RegionAlertsQuery),
      async (c) => {
        const { code } = c.req.valid('param');
        const q = { ...c.req.valid('query'), lang: responseLang(c, c.req.valid('query').lang) };
        requireScenario(q.scenario);
        if (q.from && q.to && q.from > q.to) throw badRequest([{ field: 'from', message: 'must not be after to' }]);
        const region = await regionsAsync.get(data, code);
        if (!region) throw notFound(`Region ${code}`);
        if (isStored(q)) {
          leaveLine(c);
          return c.json(await regionAlertsAsync(data, region, q));
        }
        const args = { ...q, region: code };
        return sendEncoded<ReturnType<typeof regionAlerts>>(
          c,
          await live(c, 'regionAlerts', args, () => regionAlertsAsync(data, region, q)),
        );
      },
    )
    .get('/risers', validate('query', RisersQuery), async (c) => {
      const q = c.req.valid('query');
      requireScenario(q.scenario);
      const args = { ...q, months: q.months as 3 | 12 };
      if (isStored(q)) return c.json(await topRisersAsync(data, args));
      return sendEncoded<ReturnType<typeof topRisers>>(
        c,
        await live(c, 'topRisers', args, () => topRisersAsync(data, args)),
      );
    });
}
