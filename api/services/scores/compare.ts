import type { AsyncDb } from '../../../db/async.ts';
import type { Db } from '../../../db/client.ts';
import { scoredPeriods, scoresAsync } from '../../../db/queries/scores.ts';
import { compareScenarios, roundTo, type Lens, type Period } from '../../../indicators/index.ts';
import { scoresAt, scoresAtAsync, type ScoreRecord } from './live-scores.ts';
import { modelInputs, modelInputsAsync, type ModelInputs } from './model-inputs.ts';

/** What `GET /api/scenarios/{id}/compare` asks: the scenario, the one it is compared with, month (default the latest), lens, level. */
export interface ComparisonQuery {
  scenario: string;
  base: string;
  period?: Period;
  lens: Lens;
  level: number;
}

/**
 * Which regions move under `scenario` against `base` in one month: both scenarios' scores of every
 * region of the level (a non-baseline scenario computed from every observation, hence heavy: the
 * route runs this in the worker pool), a summary and the moves, largest change first. The month is
 * the latest scored one when not given; with nothing scored, an empty comparison.
 * @example scenarioComparison(db, { scenario: 'children-focus', base: 'baseline', lens: 'tip', level: 1 })
 */
export function scenarioComparison(db: Db, q: ComparisonQuery) {
  const inputs = modelInputs(db);
  const period = q.period ?? scoredPeriods(db).at(-1);
  if (!period) return comparisonOf(inputs, q, null, [], []);
  const read = (scenario: string) => scoresAt(db, inputs, { scenario, lens: q.lens, period, level: q.level });
  return comparisonOf(inputs, q, period, read(q.base), read(q.scenario));
}

/**
 * {@link scenarioComparison} awaited, on either engine: a stored side read through `a`, a computed one
 * from every observation (`modelInputsAsync`), made into the same comparison by the same code.
 */
export async function scenarioComparisonAsync(a: AsyncDb, q: ComparisonQuery) {
  const [inputs, periods] = await Promise.all([modelInputsAsync(a), q.period ? [q.period] : scoresAsync.periods(a)]);
  const period = periods.at(-1);
  if (!period) return comparisonOf(inputs, q, null, [], []);
  const read = (scenario: string) => scoresAtAsync(a, inputs, { scenario, lens: q.lens, period, level: q.level });
  return comparisonOf(inputs, q, period, await read(q.base), await read(q.scenario));
}

/** The comparison of a level's scores under `q.base` (`base`) and `q.scenario` (`alt`) in `period`; empty without a month. Pure. */
function comparisonOf(
  inputs: ModelInputs | null,
  q: ComparisonQuery,
  period: Period | null,
  base: readonly ScoreRecord[],
  alt: readonly ScoreRecord[],
) {
  const head = { scenario: q.scenario, base: q.base, lens: q.lens, level: q.level };
  if (!period) return { ...head, period: null, summary: null, moves: [] };
  const comparable = (rows: readonly ScoreRecord[]) =>
    rows.map((r) => ({ region: r.regionCode, score: r.score, class: r.class }));
  const cmp = compareScenarios(comparable(base), comparable(alt));
  const name = (code: string) => inputs?.regionByCode.get(code)?.name ?? code;
  return {
    scenario: q.scenario,
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
  };
}
