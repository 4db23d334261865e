import { Hono, type Context, type TypedResponse } from 'hono';
import type { JSONParsed } from 'hono/utils/types';
import { z } from 'zod';
import { sqliteHandleOf, type AsyncDb } from '../../db/async.ts';
import type { Db } from '../../db/client.ts';
import { regionsAsync } from '../../db/queries/regions.ts';
import { scoresAsync } from '../../db/queries/scores.ts';
import { addMonths } from '../../indicators/index.ts';
import { badRequest, notFound } from '../errors.ts';
import { authOf, hasRole } from '../middleware/auth.ts';
import {
  AnyLevelSchema,
  LensSchema,
  MethodSchema,
  PeriodSchema,
  RegionCodeSchema,
  ScenarioSchema,
} from '../schemas.ts';
import { explainAsync, type explain } from '../services/scores/explain.ts';
import { isStored, requireScenario } from '../services/scores/live-scores.ts';
import { encodeBody, responseCache, sendEncoded } from '../services/scores/response-cache.ts';
import {
  mapScoresBodyAsync,
  scoresBodyAsync,
  seriesBodyAsync,
  type mapScoresBody,
  type scoresBody,
} from '../services/scores/scores-body.ts';
import { pooledCall, pooledRead } from '../services/pool/read-pool.ts';
import { gated, type HeavyReads } from '../middleware/heavy-gate.ts';
import { validate } from '../validate.ts';
import { LangQuerySchema, responseLang } from '../i18n.ts';

const ScoresQuery = z.object({
  period: PeriodSchema.optional(),
  lens: LensSchema.default('overall'),
  level: AnyLevelSchema.default(0),
  parent: RegionCodeSchema.optional(),
  scenario: ScenarioSchema,
  method: MethodSchema,
});

const SeriesQuery = z.object({
  lens: LensSchema.default('overall'),
  from: PeriodSchema.optional(),
  to: PeriodSchema.optional(),
  scenario: ScenarioSchema,
  method: MethodSchema,
});

const ExplainQuery = z.object({
  period: PeriodSchema.optional(),
  lens: LensSchema.default('overall'),
  scenario: ScenarioSchema,
  method: MethodSchema,
  lang: LangQuerySchema,
});

const CodeParam = z.object({ code: RegionCodeSchema });

/**
 * Score reads: `GET /api/periods` (months with data), `GET /api/scores` (one row per region of a level
 * for one month, lens and scenario, `parent` keeping those under one region, e.g. a country's
 * districts; regions without data come back with `score: null` and class `no-data`), `GET /api/regions/{code}/scores` (one region over time, one row per month, months
 * without evidence as `no-data`), `GET /api/regions/{code}/explain` (every indicator's contribution,
 * computed live). The baseline is read from stored scores; other scenarios are computed on demand.
 *
 * `/periods`, `/scores`, `/scores/map` and a region's stored series read through `data` (either
 * engine), cached per its data version. Where `data` is SQLite, a month's cold build, views and
 * series computed for a scenario or method, and explanations run in the read pool over its file; on
 * PostgreSQL the same code builds them in process from awaited reads, behind the same heavy-read gate
 * and response cache.
 */
export function scoreRoutes(db: Db, data: AsyncDb, heavy: HeavyReads) {
  const latest = async () => (await scoresAsync.periods(data)).at(-1);
  const cache = responseCache(db, { data });
  const file = sqliteHandleOf(data);
  /**
   * A month's body: in the read pool over the SQLite file, else (PostgreSQL) built here from awaited
   * reads (a stored view read, another scenario or method computed by the same code).
   */
  const read = async (kind: 'scores' | 'map-scores', view: z.infer<typeof ScoresQuery> & { period: string }) => {
    if (file) return pooledRead(file, { kind, view });
    return encodeBody(await (kind === 'scores' ? scoresBodyAsync : mapScoresBodyAsync)(data, view));
  };
  /**
   * One month's scores of a level as `kind` shapes them (rows, or the map's compact form): a month not
   * cached yet (or a scenario's scores, computed) is built in the worker pool. With stored scores the
   * neighbouring months are prepared too: the month slider and "play" step one month at a time (once
   * moving, only the month ahead is missing, so one map is built per step); which neighbours exist is
   * looked up in the background too, off this request's path.
   */
  const month = async (c: Context, q: z.infer<typeof ScoresQuery>, period: string, kind: 'scores' | 'map-scores') => {
    const key = (p: string) => `${kind}|${p}|${q.lens}|${q.level}|${q.parent ?? ''}|${q.scenario}|${q.method}`;
    const build = (p: string) => () => read(kind, { ...q, period: p });
    const res = await cache.offload(c, key(period), () => gated(c, heavy, build(period)));
    if (isStored(q))
      cache.prefetch(async () => {
        const months = new Set(await scoresAsync.periods(data));
        return [addMonths(period, -1), addMonths(period, 1)]
          .filter((p) => months.has(p))
          .map((p) => ({ key: key(p), build: build(p) }));
      });
    return res;
  };
  return new Hono()
    .get('/periods', (c) => cache.respondAsync(c, 'periods', async () => ({ body: await scoresAsync.periods(data) })))
    .get('/scores', heavy.gate.line.join, validate('query', ScoresQuery), async (c) => {
      const q = c.req.valid('query');
      requireScenario(q.scenario);
      const period = q.period ?? (await latest());
      if (!period) return c.json([]);
      return (await month(c, q, period, 'scores')) as Response &
        TypedResponse<JSONParsed<ReturnType<typeof scoresBody>['body']>, 200, 'json'>;
    })
    .get('/scores/map', heavy.gate.line.join, validate('query', ScoresQuery), async (c) => {
      const q = c.req.valid('query');
      requireScenario(q.scenario);
      const period = q.period ?? (await latest());
      if (!period) throw notFound('Scored months');
      return (await month(c, q, period, 'map-scores')) as Response &
        TypedResponse<JSONParsed<ReturnType<typeof mapScoresBody>['body']>, 200, 'json'>;
    })
    .get(
      '/regions/:code/scores',
      heavy.gate.line.join,
      validate('param', CodeParam),
      validate('query', SeriesQuery),
      async (c) => {
        const { code } = c.req.valid('param');
        const q = c.req.valid('query');
        requireScenario(q.scenario);
        if (q.from && q.to && q.from > q.to) throw badRequest([{ field: 'from', message: 'must not be after to' }]);
        const region = await regionsAsync.get(data, code);
        if (!region) throw notFound(`Region ${code}`);
        const periods = await scoresAsync.periods(data);
        const first = periods[0];
        const last = periods.at(-1);
        if (!first || !last) return c.json([]);
        const from = q.from && q.from > first ? q.from : first;
        const to = q.to && q.to < last ? q.to : last;
        if (from > to) return c.json([]);
        const key = `series|${code}|${from}|${to}|${q.lens}|${q.scenario}|${q.method}`;
        const args = { ...q, region: code, from, to };
        if (isStored(q))
          return cache.respondAsync(c, key, async () => ({ body: await seriesBodyAsync(data, args, region) }));
        // Computed: in the read pool over the SQLite file; on PostgreSQL, here from the region's family.
        const build = file
          ? () => pooledCall(db, 'seriesBody', args)
          : async () => encodeBody({ body: await seriesBodyAsync(data, args, region) });
        return (await cache.offload(c, key, () => gated(c, heavy, build))) as Response &
          TypedResponse<JSONParsed<Awaited<ReturnType<typeof seriesBodyAsync>>>, 200, 'json'>;
      },
    )
    .get(
      '/regions/:code/explain',
      heavy.gate.line.join,
      validate('param', CodeParam),
      validate('query', ExplainQuery),
      async (c) => {
        const { code } = c.req.valid('param');
        const q = c.req.valid('query');
        requireScenario(q.scenario);
        const region = await regionsAsync.get(data, code);
        if (!region) throw notFound(`Region ${code}`);
        const period = q.period ?? (await latest());
        if (!period) throw notFound('Scored months');
        // Signed-in analysts see small counts of people as recorded; everyone else their band.
        const actor = authOf(c)?.actor;
        const exactCounts = actor !== undefined && hasRole(actor.role, 'analyst');
        if (exactCounts) c.header('Cache-Control', 'private, no-store');
        const lang = responseLang(c, q.lang);
        const job = { kind: 'explain', region: code, period, ...q, lang, exactCounts } as const;
        // In the read pool over the SQLite file; on PostgreSQL, here (one region's family is small).
        const build = file
          ? () => pooledRead(db, job)
          : async () => encodeBody({ body: await explainAsync(data, { ...q, region, period, lang, exactCounts }) });
        return sendEncoded<ReturnType<typeof explain>>(c, await gated(c, heavy, build));
      },
    );
}
