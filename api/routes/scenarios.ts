import { Hono } from 'hono';
import { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { scoredPeriods } from '../../db/queries/scores.ts';
import { BASELINE_SCENARIO, compareScenarios, MODEL_CONFIG, roundTo, SCENARIOS } from '../../indicators/index.ts';
import { LensSchema, LevelSchema, PeriodSchema, ScenarioSchema } from '../schemas.ts';
import { requireScenario, scoresAt } from '../services/scores/live-scores.ts';
import { modelInputs } from '../services/scores/model-inputs.ts';
import { sensitivityReport } from '../services/scores/sensitivity.ts';
import type { SecurityConfig } from '../services/auth/config.ts';
import { authOf } from '../middleware/auth.ts';
import { HeavyGate, heavyClient } from '../middleware/heavy-gate.ts';
import { badRequest } from '../errors.ts';
import { validate } from '../validate.ts';

/** The most rescorings an anonymous visitor may ask of one sensitivity run (signed in: 1,000). */
export const ANONYMOUS_MAX_RUNS = 200;

const CompareQuery = z.object({
  period: PeriodSchema.optional(),
  lens: LensSchema.default('tip'),
  level: LevelSchema.default(1),
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
  level: LevelSchema.default(0),
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
 * which regions move against the baseline (or `base`) and by how much.
 * `GET /api/sensitivity?period=&lens=&level=&scenario=&runs=&spread=&top=&seed=`: rank stability
 * of the top regions when every weight is perturbed at random (seeded, so repeatable). Computed in
 * a process of its own and kept until the data change; heavy, so capped (`HeavyGate`: 429 with
 * Retry-After beyond `heavyJobs` at once, or `heavyJobsPerClient` per account or address) and, for
 * anonymous visitors, limited to {@link ANONYMOUS_MAX_RUNS} runs.
 */
export function scenarioRoutes(
  db: Db,
  config: Pick<SecurityConfig, 'heavyJobs' | 'heavyJobsPerClient' | 'trustProxy'>,
) {
  const latest = () => scoredPeriods(db).at(-1);
  const gate = new HeavyGate(config.heavyJobs, config.heavyJobsPerClient);
  return new Hono()
    .get('/scenarios', (c) => {
      const inputs = modelInputs(db);
      return c.json(
        SCENARIOS.map((s) => {
          const w = inputs?.weights(s.id) ?? {};
          const changed = inputs
            ? inputs.catalogue.indicators.filter((i) => (w[i.id] ?? i.weight) !== i.weight).length
            : 0;
          const off = inputs ? inputs.catalogue.indicators.filter((i) => (w[i.id] ?? i.weight) === 0).length : 0;
          return {
            id: s.id,
            label: s.label,
            description: s.description,
            purpose: s.purpose,
            multipliers: s.multipliers,
            weights: s.weights ?? {},
            reweighted: changed,
            switchedOff: off,
            baseline: s.id === BASELINE_SCENARIO,
          };
        }),
      );
    })
    .get(
      '/scenarios/:id/compare',
      validate('param', z.object({ id: ScenarioSchema })),
      validate('query', CompareQuery),
      (c) => {
        const { id } = c.req.valid('param');
        const q = c.req.valid('query');
        requireScenario(id);
        requireScenario(q.base, 'base');
        const inputs = modelInputs(db);
        const period = q.period ?? latest();
        if (!period)
          return c.json({
            scenario: id,
            base: q.base,
            period: null,
            lens: q.lens,
            level: q.level,
            summary: null,
            moves: [],
          });
        const read = (scenario: string) =>
          scoresAt(db, inputs, { scenario, lens: q.lens, period, level: q.level }).map((r) => ({
            region: r.regionCode,
            score: r.score,
            class: r.class,
          }));
        const cmp = compareScenarios(read(q.base), read(id));
        const name = (code: string) => inputs?.regionByCode.get(code)?.name ?? code;
        return c.json({
          scenario: id,
          base: q.base,
          period,
          lens: q.lens,
          level: q.level,
          summary: {
            ...cmp.summary,
            meanAbsDelta: roundTo(cmp.summary.meanAbsDelta, 2),
            maxRise: cmp.summary.maxRise && {
              ...cmp.summary.maxRise,
              name: name(cmp.summary.maxRise.region),
              delta: roundTo(cmp.summary.maxRise.delta, 2),
            },
            maxFall: cmp.summary.maxFall && {
              ...cmp.summary.maxFall,
              name: name(cmp.summary.maxFall.region),
              delta: roundTo(cmp.summary.maxFall.delta, 2),
            },
          },
          moves: cmp.moves.map((m) => ({
            ...m,
            name: name(m.region),
            baseScore: roundTo(m.baseScore, 2),
            altScore: roundTo(m.altScore, 2),
            delta: roundTo(m.delta, 2),
          })),
        });
      },
    )
    .get('/sensitivity', validate('query', SensitivityQuery), async (c) => {
      const q = c.req.valid('query');
      requireScenario(q.scenario);
      const auth = authOf(c);
      if (!auth && q.runs > ANONYMOUS_MAX_RUNS)
        throw badRequest(
          [{ field: 'runs', message: `must be at most ${ANONYMOUS_MAX_RUNS} without signing in` }],
          'Too many runs for an anonymous request',
        );
      const period = q.period ?? latest();
      if (!period || !modelInputs(db)) return c.json(null);
      const client = heavyClient(c, config.trustProxy);
      return c.json(await sensitivityReport(db, { ...q, period }, () => gate.admit(c, client)));
    });
}
