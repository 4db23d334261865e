import { Hono, type TypedResponse } from 'hono';
import type { JSONParsed } from 'hono/utils/types';
import { z } from 'zod';
import { sqliteHandleOf, type AsyncDb } from '../../db/async.ts';
import type { Db } from '../../db/client.ts';
import { scoredPeriods, scoresAsync } from '../../db/queries/scores.ts';
import { MODEL_CONFIG } from '../../indicators/index.ts';
import { AnyLevelSchema, LensSchema, PeriodSchema, ScenarioSchema } from '../schemas.ts';
import { requireScenario } from '../services/scores/live-scores.ts';
import { pooledCall } from '../services/pool/read-pool.ts';
import { encodeBody, responseCache } from '../services/scores/response-cache.ts';
import { scenarioComparisonAsync, type scenarioComparison } from '../services/scores/compare.ts';
import { modelInputs } from '../services/scores/model-inputs.ts';
import { scenarioList } from '../services/scores/scenario-list.ts';
import { sensitivityReport, sensitivityReportAsync, type SensitivityReport } from '../services/scores/sensitivity.ts';
import type { SecurityConfig } from '../services/auth/config.ts';
import { authOf } from '../middleware/auth.ts';
import { gated, HeavyGate, heavyClient, type HeavyReads } from '../middleware/heavy-gate.ts';
import { badRequest } from '../errors.ts';
import { inTurn } from '../services/in-arrival-order.ts';
import { validate } from '../validate.ts';

/** The most rescorings an anonymous visitor may ask of one sensitivity run (signed in: 1,000). */
export const ANONYMOUS_MAX_RUNS = 200;

const CompareQuery = z.object({
  period: PeriodSchema.optional(),
  lens: LensSchema.default('tip'),
  level: AnyLevelSchema.default(1),
  base: ScenarioSchema,
});

const int = (min: number, max: number) =>
  z.coerce
    .number({ message: 'must be a number' })
    .int('must be a whole number')
    .min(min, `must be at least ${min}`)
    .max(max, `must be at most ${max}`);

const SensitivityQuery = z.object({
  period: PeriodSchema.optional(),
  lens: LensSchema.default('tip'),
  level: AnyLevelSchema.default(0),
  scenario: ScenarioSchema,
  runs: int(1, 1000).default(MODEL_CONFIG.sensitivity.runs),
  spread: z.coerce
    .number({ message: 'must be a number' })
    .min(0, 'must be at least 0')
    .max(0.9, 'must be at most 0.9')
    .default(MODEL_CONFIG.sensitivity.spread),
  top: int(1, 50).default(MODEL_CONFIG.sensitivity.top),
  seed: int(0, 2 ** 31 - 1).default(MODEL_CONFIG.sensitivity.seed),
});

/**
 * `GET /api/scenarios`: the bundled weighting scenarios (data in `indicators/scenarios/`), each with
 * how many indicators it reweights. `GET /api/scenarios/{id}/compare?period=&lens=&level=&base=`:
 * which regions move against the baseline (or `base`) and by how much, built in the worker pool
 * behind `heavy`'s gate (429 with Retry-After over its caps) and cached per data version.
 * `GET /api/sensitivity?period=&lens=&level=&scenario=&runs=&spread=&top=&seed=`: rank stability
 * of the top regions when every weight is perturbed at random (seeded, so repeatable). Computed in
 * a process of its own and kept until the data change; heavy, so capped (`HeavyGate`: 429 with
 * Retry-After beyond `heavyJobs` at once, or `heavyJobsPerClient` per account or address) and, for
 * anonymous visitors, limited to {@link ANONYMOUS_MAX_RUNS} runs.
 */
export function scenarioRoutes(
  db: Db,
  data: AsyncDb,
  config: Pick<SecurityConfig, 'heavyJobs' | 'heavyJobsPerClient' | 'trustProxy'>,
  heavy: HeavyReads,
) {
  const latest = () => scoredPeriods(db).at(-1);
  const cache = responseCache(db, { data });
  const file = sqliteHandleOf(data);
  const gate = new HeavyGate(config.heavyJobs, config.heavyJobsPerClient);
  return new Hono()
    .get('/scenarios', async (c) => c.json(await scenarioList(data)))
    .get(
      '/scenarios/:id/compare',
      heavy.gate.line.join,
      validate('param', z.object({ id: ScenarioSchema })),
      validate('query', CompareQuery),
      async (c) => {
        const { id } = c.req.valid('param');
        const q = c.req.valid('query');
        requireScenario(id);
        requireScenario(q.base, 'base');
        const args = { ...q, scenario: id, period: q.period ?? (await scoresAsync.periods(data)).at(-1) };
        // Both scenarios' scores of every region, one of them computed, gated, and kept per data version
        // (a second asker waits for the build under way, or gets it cached): in the worker pool over the
        // SQLite file; on PostgreSQL here, from awaited reads, by the same code.
        const key = JSON.stringify(['compare', args.scenario, args.base, args.period, args.lens, args.level]);
        const build = file
          ? () => pooledCall(db, 'scenarioComparison', args)
          : async () => encodeBody({ body: await scenarioComparisonAsync(data, args) });
        return (await cache.offload(c, key, () => gated(c, heavy, build))) as Response &
          TypedResponse<JSONParsed<ReturnType<typeof scenarioComparison>>, 200, 'json'>;
      },
    )
    .get('/sensitivity', gate.line.join, validate('query', SensitivityQuery), async (c) => {
      const q = c.req.valid('query');
      requireScenario(q.scenario);
      const auth = authOf(c);
      if (!auth && q.runs > ANONYMOUS_MAX_RUNS)
        throw badRequest(
          [{ field: 'runs', message: `must be at most ${ANONYMOUS_MAX_RUNS} without signing in` }],
          'Too many runs for an anonymous request',
        );
      const client = heavyClient(c, config.trustProxy);
      const admit = () => gate.admit(c, client);
      // Kept reports looked up and the gate asked in the order requests arrived (`gate.line`).
      const turn = (check: () => Promise<SensitivityReport | null>) => inTurn(c, check);
      // In a child process over the SQLite file; on PostgreSQL the child opens its own pool.
      if (!file) {
        const period = q.period ?? (await scoresAsync.periods(data)).at(-1);
        return c.json(period ? await sensitivityReportAsync(data, { ...q, period }, admit, turn) : null);
      }
      const period = q.period ?? latest();
      if (!period || !modelInputs(db)) return c.json(null);
      return c.json(await turn(() => sensitivityReport(db, { ...q, period }, admit)));
    });
}
