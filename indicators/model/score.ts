import type { Catalogue, Contribution, ModelObservation, Period, RegionScore, Weights } from '../types.ts';
import type { Lens } from '../vocabulary.ts';
import { monthsBetween } from '../period.ts';
import { aggregate, type Observed } from './aggregate.ts';
import { classify } from './classify.ts';
import { MODEL_CONFIG, type ModelConfig } from './config.ts';
import { scoreConfidence } from './confidence.ts';
import { topDrivers } from './drivers.ts';
import { prepareLens, type PreparedLens } from './lens.ts';
import { displayValue, normalise } from './normalise.ts';

/** What {@link scoreRegion} needs: one region's current observations (its own and its country's). */
export interface ScoreInput {
  region: string;
  period: Period;
  lens: Lens;
  observations: readonly ModelObservation[];
  catalogue: Pick<Catalogue, 'indicators'>;
  weights?: Weights;
  config?: ModelConfig;
  /** Which contributions to list (see {@link Detail}); default `all`. */
  detail?: Detail;
}

/**
 * How much of the decomposition {@link scorePrepared} returns: `all` lists every indicator of the
 * lens (unobserved ones with 0 points), `observed` only the observed ones, `summary` none (the
 * score, class, coverage, confidence, evidence, groups and drivers are the same in every mode).
 */
export type Detail = 'all' | 'observed' | 'summary';

/**
 * How much an observation made `age` months before the scored month still counts: 1 in its own
 * month, losing 1/(persistence + 1) each month, and 0 once older than the indicator's persistence
 * (or when it describes a later month).
 * @example ageFactor(0, 6) === 1; ageFactor(3, 5) === 0.5; ageFactor(7, 6) === 0
 */
export function ageFactor(age: number, persistenceMonths: number): number {
  if (age < 0 || age > persistenceMonths) return 0;
  return 1 - age / (persistenceMonths + 1);
}

/**
 * Picks, for each indicator of the lens, the observation that speaks for the scored month: the
 * latest one not after it; on a tie the region's own observation beats its country's, then the
 * later-entered (higher id). The result does not depend on input order.
 */
export function pickObservations(
  observations: readonly ModelObservation[],
  period: Period,
  lens: PreparedLens,
): Map<string, ModelObservation> {
  const best = new Map<string, ModelObservation>();
  for (const o of observations) {
    if (o.period > period || !lens.byId.has(o.indicatorId)) continue;
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
 * Scores one region for one month against a prepared lens. Each observed indicator is put on 0..1
 * and weighted by its lens weight times its age factor; indicators are averaged within their group
 * (risk factor), and groups are averaged with a voice equal to their weightiest current evidence,
 * on 0–10. Unobserved indicators never enter the average (missing is not zero): they lower
 * `coverage` and the confidence grade. The contributions' points add up to the score.
 * @example scorePrepared(prepareLens(catalogue, 'tip', {}, MODEL_CONFIG), 'IQ-NI', '2014-08', observations)
 */
export function scorePrepared(
  lens: PreparedLens,
  region: string,
  period: Period,
  observations: readonly ModelObservation[],
  detail: Detail = 'observed',
): RegionScore {
  const { config } = lens;
  const picked = pickObservations(observations, period, lens);
  const observed: Observed[] = [];
  for (const li of lens.indicators) {
    const o = picked.get(li.indicator.id);
    if (!o) continue;
    const age = monthsBetween(o.period, period);
    const f = ageFactor(age, li.indicator.persistenceMonths);
    if (f === 0) continue;
    observed.push({ li, o, age, f, e: li.weight * f, v: normalise(li.indicator.measurement, o.value) });
  }
  const agg = aggregate(observed);
  const byId = new Map(observed.map((x, i) => [x.li.indicator.id, { x, points: agg.points[i] ?? 0 }]));
  const contributions: Contribution[] = [];
  for (const li of detail === 'summary' ? [] : lens.indicators) {
    const hit = byId.get(li.indicator.id);
    if (!hit && detail !== 'all') continue;
    const ind = li.indicator;
    const x = hit?.x;
    contributions.push({
      indicatorId: ind.id,
      label: ind.label,
      group: ind.group,
      framework: ind.framework,
      relevance: ind.relevance,
      weight: li.weight,
      effectiveWeight: x?.e ?? 0,
      observed: x !== undefined,
      value: x?.v ?? null,
      display: x ? displayValue(ind.measurement, x.o.value, config.smallCountThreshold) : null,
      points: hit?.points ?? 0,
      observationId: x?.o.id ?? null,
      observedPeriod: x?.o.period ?? null,
      ageMonths: x?.age ?? null,
      ageFactor: x?.f ?? null,
      inherited: Boolean(x?.o.inherited),
      confidence: x?.o.confidence ?? null,
    });
  }
  const observedWeight = observed.reduce((a, x) => a + x.e, 0);
  const evidence = { indicators: observed.length, groups: agg.groups.length, groupsInLens: lens.groupsInLens };
  const sources = new Map(
    observed.filter((x) => x.o.regionCode !== region).map((x) => [x.li.indicator.id, x.o.regionCode]),
  );
  return {
    region,
    period,
    lens: lens.lens,
    score: agg.score,
    class: classify(agg.score, evidence, config),
    coverage: lens.expectedWeight > 0 ? Math.min(1, observedWeight / lens.expectedWeight) : 0,
    confidence: scoreConfidence(observed, evidence.groups, config),
    evidence,
    drivers: topDrivers(
      detail === 'summary'
        ? observed.map((x, i) => ({
            indicatorId: x.li.indicator.id,
            label: x.li.indicator.label,
            points: agg.points[i] ?? 0,
          }))
        : contributions,
      config.driverCount,
      sources,
    ),
    groups: agg.groups,
    contributions,
    rolledUpFrom: null,
  };
}

/**
 * Scores one region for one month and lens (prepares the lens first; to score many regions,
 * prepare once with {@link prepareLens} and call {@link scorePrepared}).
 * @example scoreRegion({ region: 'IQ-NI', period: '2014-08', lens: 'tip', observations, catalogue })
 */
export function scoreRegion(input: ScoreInput): RegionScore {
  const lens = prepareLens(input.catalogue, input.lens, input.weights ?? {}, input.config ?? MODEL_CONFIG);
  return scorePrepared(lens, input.region, input.period, input.observations, input.detail ?? 'all');
}
