import type { Db } from '../../../db/client.ts';
import { scoredPeriods } from '../../../db/queries/scores.ts';
import { compareScenarios, roundTo, type Lens, type Period } from '../../../indicators/index.ts';
import { scoresAt } from './live-scores.ts';
import { modelInputs } from './model-inputs.ts';

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
  const head = { scenario: q.scenario, base: q.base, lens: q.lens, level: q.level };
  if (!period) return { ...head, period: null, summary: null, moves: [] };
  const read = (scenario: string) =>
    scoresAt(db, inputs, { scenario, lens: q.lens, period, level: q.level }).map((r) => ({
      region: r.regionCode,
      score: r.score,
      class: r.class,
    }));
  const cmp = compareScenarios(read(q.base), read(q.scenario));
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
