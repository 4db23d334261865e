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
  /** With `{ every: true }`: every answer that differs, in that order (each at its first differing region). */
  differences?: AnswerDifference[];
}

type Regions = { code: string; name: string }[];

/**
 * Compares the `/api/scores` body of every stored month × lens × level × scenario of two databases,
 * on either engine (db/async.ts): the months and scenarios stored on either side, the levels that
 * have regions on either side, each body made from each side's regions and stored rows by the
 * route's own {@link scoreRows}, and compared row by row as the JSON text the route sends. Stops at the first
 * difference and names the region where the two bodies part (the first region of the longer body
 * when one ends early). Stored rows of a scenario other than the baseline are compared as stored.
 * With `every`, goes on past the first difference and lists them all (the restore drill sorts them
 * into differences later writes explain and those they do not).
 */
export async function compareScoreAnswers(
  a: AsyncDb,
  b: AsyncDb,
  { every = false }: { every?: boolean } = {},
): Promise<AnswersCompared> {
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
  const sameRegions = new Set<number>();
  for (const level of levels) {
    const [ra, rb] = await Promise.all([regionsAsync.list(a, { level }), regionsAsync.list(b, { level })]);
    regionsA.set(level, ra);
    regionsB.set(level, rb);
    if (JSON.stringify(ra) === JSON.stringify(rb)) sameRegions.add(level);
  }
  let compared = 0;
  const differences: AnswerDifference[] = [];
  const out = (): AnswersCompared => ({
    compared,
    months: new Set(months.map(([, p]) => p)).size,
    scenarios: new Set(months.map(([s]) => s)).size,
    levels,
    ...(differences.length ? { difference: differences[0] } : {}),
    ...(every ? { differences } : {}),
  });
  for (const [scenario, period] of months)
    for (const lens of LENSES)
      for (const level of levels) {
        const q = { scenario, period, lens, level };
        const [rowsA, rowsB] = await Promise.all([scoresAsync.at(a, q), scoresAsync.at(b, q)]);
        compared += 1;
        // The same regions and the same stored rows make the same body: none is built (a body lists
        // every region of the level, thousands at level 1, where a month has a few hundred rows).
        if (sameRegions.has(level) && sameRows(rowsA, rowsB)) continue;
        const bodyA = scoreRows(regionsA.get(level)!, rowsA, q);
        const bodyB = scoreRows(regionsB.get(level)!, rowsB, q);
        const at = firstDifference(bodyA, bodyB);
        if (at === undefined) continue;
        differences.push({ ...q, region: at });
        if (!every) return out();
      }
  return out();
}

/** Whether two sets of stored rows (in any order) are equal, field for field. */
function sameRows(a: readonly { regionCode: string }[], b: readonly { regionCode: string }[]): boolean {
  if (a.length !== b.length) return false;
  const text = (rows: readonly { regionCode: string }[]) =>
    JSON.stringify([...rows].sort((x, y) => (x.regionCode < y.regionCode ? -1 : x.regionCode > y.regionCode ? 1 : 0)));
  return text(a) === text(b);
}

/** The region of the first row whose JSON differs between two bodies, or undefined when they are equal. */
function firstDifference(a: readonly { region: string }[], b: readonly { region: string }[]): string | undefined {
  for (let i = 0; i < Math.max(a.length, b.length); i++)
    if (JSON.stringify(a[i]) !== JSON.stringify(b[i])) return (a[i] ?? b[i])!.region;
  return undefined;
}
