import type { Catalogue, Contribution, Driver, Indicator, ModelObservation, Period, RegionScore, Weights } from '../types.ts';
import type { Confidence, Lens } from '../vocabulary.ts';
import { CONFIDENCES } from '../vocabulary.ts';
import { monthsBetween } from '../period.ts';
import { classify } from './classify.ts';
import { MODEL_CONFIG, type ModelConfig } from './config.ts';
import { lensWeight } from './lens.ts';
import { normalise } from './normalise.ts';

/** What {@link scoreRegion} needs: one region's current observations (its own and its country's). */
export interface ScoreInput {
  region: string;
  period: Period;
  lens: Lens;
  observations: readonly ModelObservation[];
  catalogue: Pick<Catalogue, 'indicators'>;
  weights?: Weights;
  config?: ModelConfig;
}

/** How many drivers a score lists. */
export const DRIVER_COUNT = 3;

/**
 * How much an observation made `age` months before the scored month still counts: 1 in its own
 * month, falling linearly, and 0 once older than the indicator's persistence (or in the future).
 * @example ageFactor(0, 6) === 1; ageFactor(7, 6) === 0
 */
export function ageFactor(age: number, persistenceMonths: number): number {
  if (age < 0 || age > persistenceMonths) return 0;
  return 1 - age / (persistenceMonths + 1);
}

/**
 * Picks, for each indicator, the observation that speaks for the scored month: the most recent one
 * still within persistence; on a tie the region's own observation beats its country's, then the
 * later-entered (higher id). The result does not depend on input order.
 */
function pickObservations(observations: readonly ModelObservation[], period: Period): Map<string, ModelObservation> {
  const best = new Map<string, ModelObservation>();
  for (const o of observations) {
    if (monthsBetween(o.period, period) < 0) continue;
    const cur = best.get(o.indicatorId);
    if (!cur || better(o, cur)) best.set(o.indicatorId, o);
  }
  return best;
}

function better(a: ModelObservation, b: ModelObservation): boolean {
  if (a.period !== b.period) return a.period > b.period;
  if (Boolean(a.inherited) !== Boolean(b.inherited)) return !a.inherited;
  return a.id > b.id;
}

/**
 * Scores one region for one month and lens: a weighted mean, on 0–10, of the normalised values of the
 * indicators that were observed, each weight scaled by how fresh its observation is. Unobserved
 * indicators do not enter the mean (missing is not zero); they lower `coverage`, the share of the
 * lens's weight that was observed. Every indicator of the lens gets a {@link Contribution}, and the
 * contributions' points add up to the score.
 * @example scoreRegion({ region: 'IQ-NI', period: '2014-08', lens: 'tip', observations, catalogue })
 */
export function scoreRegion(input: ScoreInput): RegionScore {
  const config = input.config ?? MODEL_CONFIG;
  const weights = input.weights ?? {};
  const picked = pickObservations(input.observations, input.period);
  let expected = 0;
  let observedWeight = 0;
  let weightedSum = 0;
  const parts: { ind: Indicator; w: number; e: number; v: number | null; o: ModelObservation | null; age: number | null }[] = [];
  for (const ind of input.catalogue.indicators) {
    const w = lensWeight(ind, input.lens, weights, config);
    if (w <= 0) continue;
    expected += w;
    const o = picked.get(ind.id) ?? null;
    const age = o ? monthsBetween(o.period, input.period) : null;
    const f = o && age !== null ? ageFactor(age, ind.persistenceMonths) : 0;
    if (!o || f === 0) {
      parts.push({ ind, w, e: 0, v: null, o: null, age: null });
      continue;
    }
    const v = normalise(ind.measurement, o.value);
    const e = w * f;
    observedWeight += e;
    weightedSum += e * v;
    parts.push({ ind, w, e, v, o, age });
  }
  const score = observedWeight > 0 ? (10 * weightedSum) / observedWeight : null;
  const coverage = expected > 0 ? observedWeight / expected : 0;
  const contributions: Contribution[] = parts.map(({ ind, w, e, v, o, age }) => ({
    indicatorId: ind.id,
    group: ind.group,
    framework: ind.framework,
    relevance: ind.relevance,
    weight: w,
    observed: o !== null,
    value: v,
    points: v !== null && observedWeight > 0 ? (10 * e * v) / observedWeight : 0,
    observationId: o?.id ?? null,
    observedPeriod: o?.period ?? null,
    ageMonths: age,
    inherited: Boolean(o?.inherited),
    confidence: o?.confidence ?? null,
  }));
  return {
    region: input.region,
    period: input.period,
    lens: input.lens,
    score,
    class: classify(score, coverage, config),
    coverage,
    confidence: scoreConfidence(contributions),
    drivers: topDrivers(contributions, input.catalogue.indicators),
    contributions,
  };
}

/** The weight-averaged confidence of the observations behind a score, or null when none. */
export function scoreConfidence(contributions: readonly Contribution[]): Confidence | null {
  let sum = 0;
  let n = 0;
  for (const c of contributions) {
    if (!c.observed || !c.confidence) continue;
    sum += c.weight * CONFIDENCES.indexOf(c.confidence);
    n += c.weight;
  }
  return n > 0 ? (CONFIDENCES[Math.round(sum / n)] ?? null) : null;
}

/** The contributions with the most points, as short drivers (ties broken by id for stability). */
export function topDrivers(contributions: readonly Contribution[], indicators: readonly Indicator[], n = DRIVER_COUNT): Driver[] {
  const labels = new Map(indicators.map((i) => [i.id, i.label]));
  return contributions
    .filter((c) => c.points > 0)
    .sort((a, b) => b.points - a.points || a.indicatorId.localeCompare(b.indicatorId))
    .slice(0, n)
    .map((c) => ({ indicatorId: c.indicatorId, label: labels.get(c.indicatorId) ?? c.indicatorId, points: c.points }));
}
