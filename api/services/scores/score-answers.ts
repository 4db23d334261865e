import type { AsyncDb } from '../../../db/async.ts';
import { regionsAsync } from '../../../db/queries/regions.ts';
import { scoresAsync } from '../../../db/queries/scores.ts';
import { LENSES } from '../../../indicators/index.ts';
import { scoreRows } from './scores-body.ts';

/** The first `/api/scores` answer that differs between two databases, and the first region it differs at. */
export interface AnswerDifference {
  scenario: string;
  period: string;
  lens: string;
  level: number;
  region: string;
}

/** What {@link compareScoreAnswers} compared. */
export interface AnswersCompared {
  /** Answers built on both sides and compared (scenarios' months × lenses × levels). */
  compared: number;
  months: number;
  scenarios: number;
  levels: number[];
  /** The first difference, in scenario, month, lens and level order; absent when every answer is equal. */
  difference?: AnswerDifference;
}

type Regions = { code: string; name: string }[];

/**
 * Compares the `/api/scores` body of every stored month × lens × level × scenario of two databases,
 * on either engine (db/async.ts): the months and scenarios stored on either side, the levels that
 * have regions on either side, each body made from each side's regions and stored rows by the
 * route's own {@link scoreRows}, and compared row by row as the JSON text the route sends. Stops at the first
 * difference and names the region where the two bodies part (the first region of the longer body
 * when one ends early). Stored rows of a scenario other than the baseline are compared as stored.
 */
export async function compareScoreAnswers(a: AsyncDb, b: AsyncDb): Promise<AnswersCompared> {
  const [monthsA, monthsB, levelsA, levelsB] = await Promise.all([
    scoresAsync.storedMonths(a),
    scoresAsync.storedMonths(b),
    regionsAsync.levels(a),
    regionsAsync.levels(b),
  ]);
  const months = [...new Set([...monthsA, ...monthsB].map((m) => `${m.scenario}\u0000${m.period}`))]
    .sort()
    .map((k) => k.split('\u0000') as [string, string]);
  const levels = [...new Set([...levelsA, ...levelsB])].sort((x, y) => x - y);
  const regionsA = new Map<number, Regions>();
  const regionsB = new Map<number, Regions>();
  for (const level of levels) {
    const [ra, rb] = await Promise.all([regionsAsync.list(a, { level }), regionsAsync.list(b, { level })]);
    regionsA.set(level, ra);
    regionsB.set(level, rb);
  }
  let compared = 0;
  const out = (difference?: AnswerDifference): AnswersCompared => ({
    compared,
    months: new Set(months.map(([, p]) => p)).size,
    scenarios: new Set(months.map(([s]) => s)).size,
    levels,
    ...(difference ? { difference } : {}),
  });
  for (const [scenario, period] of months)
    for (const lens of LENSES)
      for (const level of levels) {
        const q = { scenario, period, lens, level };
        const [rowsA, rowsB] = await Promise.all([scoresAsync.at(a, q), scoresAsync.at(b, q)]);
        const bodyA = scoreRows(regionsA.get(level)!, rowsA, q);
        const bodyB = scoreRows(regionsB.get(level)!, rowsB, q);
        compared += 1;
        const at = firstDifference(bodyA, bodyB);
        if (at !== undefined) return out({ ...q, region: at });
      }
  return out();
}

/** The region of the first row whose JSON differs between two bodies, or undefined when they are equal. */
function firstDifference(a: readonly { region: string }[], b: readonly { region: string }[]): string | undefined {
  for (let i = 0; i < Math.max(a.length, b.length); i++)
    if (JSON.stringify(a[i]) !== JSON.stringify(b[i])) return (a[i] ?? b[i])!.region;
  return undefined;
}
