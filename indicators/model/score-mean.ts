import type { Contribution, ModelObservation, Period, RegionScore } from '../types.ts';
import { monthsBetween } from '../period.ts';
import { aggregate, type Observed } from './aggregate.ts';
import { classify } from './classify.ts';
import { scoreConfidence } from './confidence.ts';
import { topDrivers } from './drivers.ts';
import type { PreparedLens } from './lens.ts';
import { displayValue, normalise, scoredValue } from './normalise.ts';
import { shownBelow, type Detail } from './score.ts';
import { ageFactor } from './age.ts';

/**
 * Method `v1`'s pick: for each indicator of the lens, the latest observation not after the scored
 * month; on a tie the region's own observation beats its country's, then the later-entered (higher
 * id). The result does not depend on input order.
 */
export function pickLatest(
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
 * Method `v1`, the first release's score, kept for comparison (`?method=v1`): each observed indicator
 * is put on 0..1 and weighted by its lens weight times its age factor; indicators are averaged within
 * their group (risk factor), and groups are averaged with a voice equal to their weightiest current
 * evidence, on 0–10. It answers "how severe is what was seen", not "how much evidence is there": one
 * strong report scores as high as ten, and a moderate new sign can lower it (see the methodology page).
 * @example scoreMean(prepareLens(catalogue, 'tip', {}, MODEL_CONFIG, 'v1'), 'IQ-NI', '2014-08', observations)
 */
export function scoreMean(
  lens: PreparedLens,
  region: string,
  period: Period,
  observations: readonly ModelObservation[],
  detail: Detail = 'observed',
): RegionScore {
  const { config } = lens;
  const picked = pickLatest(observations, period, lens);
  const observed: Observed[] = [];
  for (const li of lens.indicators) {
    const o = picked.get(li.indicator.id);
    if (!o) continue;
    const age = monthsBetween(o.period, period);
    const f = ageFactor(age, li.persistence);
    if (f === 0) continue;
    observed.push({
      li,
      o,
      age,
      f,
      e: li.weight * f,
      v: normalise(li.indicator.measurement, scoredValue(li.indicator.measurement, o.value, config)),
    });
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
      display: x ? displayValue(ind.measurement, x.o.value, shownBelow(config)) : null,
      points: hit?.points ?? 0,
      observationId: x?.o.id ?? null,
      observedPeriod: x?.o.period ?? null,
      ageMonths: x?.age ?? null,
      ageFactor: x?.f ?? null,
      inherited: Boolean(x?.o.inherited),
      confidence: x?.o.confidence ?? null,
      source: x?.o.source ?? null,
      hazard: null,
    });
  }
  const observedWeight = observed.reduce((a, x) => a + x.e, 0);
  const evidence = {
    indicators: observed.length,
    groups: agg.groups.length,
    groupsInLens: lens.groupsInLens,
    sources: new Set(observed.map((x) => x.o.source)).size,
    signs: observed.filter((x) => !x.o.inherited && x.v > 0 && x.li.indicator.relevance === 'direct').length,
    own: observed.filter((x) => !x.o.inherited).length,
  };
  const sources = new Map(
    observed.filter((x) => x.o.regionCode !== region).map((x) => [x.li.indicator.id, x.o.regionCode]),
  );
  return {
    region,
    period,
    lens: lens.lens,
    method: 'v1',
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
    breakdown: null,
  };
}
