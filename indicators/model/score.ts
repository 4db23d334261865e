import type {
  Catalogue,
  Contribution,
  GroupPart,
  ModelObservation,
  Period,
  RegionScore,
  SourcePart,
  Weights,
} from '../types.ts';
import { CONFIDENCES, type Lens, type Method } from '../vocabulary.ts';
import { monthsBetween } from '../period.ts';
import { ageFactor } from './age.ts';
import { MODEL_CONFIG, type ModelConfig } from './config.ts';
import { topDrivers } from './drivers.ts';
import { classifyEvidence, evidenceConfidence, evidenceScore, EvidenceItems } from './evidence.ts';
import { prepareLens, type PreparedLens } from './lens.ts';
import { displayValue, normalise, scoredValue } from './normalise.ts';
import { scoreMean } from './score-mean.ts';

export { ageFactor } from './age.ts';

/** What {@link scoreRegion} needs: one region's current observations (its own and its country's). */
export interface ScoreInput {
  region: string;
  period: Period;
  lens: Lens;
  observations: readonly ModelObservation[];
  catalogue: Pick<Catalogue, 'indicators'>;
  weights?: Weights;
  config?: ModelConfig;
  /** Scoring method, `v2` by default. */
  method?: Method;
  /** Which contributions to list (see {@link Detail}); default `all`. */
  detail?: Detail;
}

/**
 * How much of the decomposition {@link scorePrepared} returns: `all` lists every indicator of the
 * lens (unobserved ones with 0 points), `observed` only the observed ones, `summary` none (the
 * score, class, coverage, confidence, evidence, groups and drivers are the same in every mode).
 */
export type Detail = 'all' | 'observed' | 'summary';

/** One observation that informs a score: an indicator's latest reading from one source. */
export interface PickedObservation {
  li: PreparedLens['indicators'][number];
  o: ModelObservation;
}

/**
 * Picks what speaks for the scored month (method `v2`): for each indicator of the lens and each
 * independent source, the latest observation not after the month that is still informative (within
 * the indicator's persistence), separately for the region's own records and its country's. Two
 * sources reporting the same sign are two pieces of evidence; a newer reading from the same source
 * replaces the older one. On the same month the later-entered (higher id) wins. Ordered by catalogue
 * order, own before country-level, then source key, so the result does not depend on input order.
 * @example pickObservations(observations, '2014-08', lens)[0].o.indicatorId
 */
export function pickObservations(
  observations: readonly ModelObservation[],
  period: Period,
  lens: PreparedLens,
): PickedObservation[] {
  const rank = new Map(lens.indicators.map((li, i) => [li.indicator.id, i]));
  const picked: PickedObservation[] = [];
  for (const o of readingsAt(observations, period, lens)) {
    const li = lens.byId.get(o.indicatorId)!;
    if (monthsBetween(o.period, period) <= li.persistence) picked.push({ li, o });
  }
  return picked.sort(
    (a, b) =>
      rank.get(a.li.indicator.id)! - rank.get(b.li.indicator.id)! ||
      Number(Boolean(a.o.inherited)) - Number(Boolean(b.o.inherited)) ||
      (a.o.source < b.o.source ? -1 : a.o.source > b.o.source ? 1 : 0),
  );
}

/**
 * What of a region's observations can bear on month `period` under any lens and any weights: per
 * indicator, source and own-or-inherited, the latest reading not after the month (the later-entered
 * on the same month), the only one {@link pickObservations} can pick; with `lens`, only that
 * lens's indicators. Scoring one month many times (weight sensitivity) cuts each region's list once
 * with this, then scores exactly as on the whole list without reading years of history each time.
 * @example readingsAt(observations, '2014-08').length <= observations.length
 */
export function readingsAt(
  observations: readonly ModelObservation[],
  period: Period,
  lens?: PreparedLens,
): ModelObservation[] {
  const latest = new Map<string, ModelObservation>();
  for (const o of observations) {
    if (o.period > period || (lens && !lens.byId.has(o.indicatorId))) continue;
    const key = `${o.indicatorId}|${o.inherited ? 1 : 0}|${o.source}`;
    const cur = latest.get(key);
    if (!cur || o.period > cur.period || (o.period === cur.period && o.id > cur.id)) latest.set(key, o);
  }
  return [...latest.values()];
}

/** Counts below this are written "<N" in the scores' text: the threshold in public (`band`) mode, none when exact. */
export function shownBelow(config: ModelConfig): number {
  return config.smallCounts === 'band' ? config.smallCountThreshold : 0;
}

const buffers = new WeakMap<PreparedLens, EvidenceItems>();

/**
 * Scores one region for one month against a prepared lens, with the lens's method: `v2` (evidence
 * accumulates, see {@link evidenceScore}) or `v1` (the first release's mean, see {@link scoreMean}).
 * Unobserved indicators never enter the score (missing is not zero): they lower `coverage` and the
 * confidence grade. The contributions' points add up to the score.
 * @example scorePrepared(prepareLens(catalogue, 'tip', {}, MODEL_CONFIG), 'IQ-NI', '2014-08', observations)
 */
export function scorePrepared(
  lens: PreparedLens,
  region: string,
  period: Period,
  observations: readonly ModelObservation[],
  detail: Detail = 'observed',
): RegionScore {
  if (lens.method === 'v1') return scoreMean(lens, region, period, observations, detail);
  const { config } = lens;
  let items = buffers.get(lens);
  if (!items) buffers.set(lens, (items = new EvidenceItems(lens.indicators.length)));
  items.clear();
  const slots = new Map<string, number>();
  const used: { li: PreparedLens['indicators'][number]; o: ModelObservation; age: number; f: number; v: number }[] = [];
  for (const { li, o } of pickObservations(observations, period, lens)) {
    const age = monthsBetween(o.period, period);
    const f = ageFactor(age, li.persistence);
    const v = normalise(li.indicator.measurement, scoredValue(li.indicator.measurement, o.value, config));
    let slot = slots.get(o.source);
    if (slot === undefined) slots.set(o.source, (slot = slots.size));
    items.push(
      li.weight,
      f,
      v,
      CONFIDENCES.indexOf(o.confidence),
      Boolean(o.inherited),
      li.indicator.relevance === 'direct',
      slot,
    );
    used.push({ li, o, age, f, v });
  }
  const r = evidenceScore(items, config, lens.lens === 'tip');
  const counted = (i: number) => !(items.inherited[i] === 1 && !config.evidence.inheritance);
  const groups = new Set(used.filter((_, i) => counted(i)).map((u) => u.li.indicator.group));
  const coverage = lens.expectedWeight > 0 ? Math.min(1, r.coverageWeight / lens.expectedWeight) : 0;
  const byIndicator = new Map<string, number[]>();
  used.forEach((u, i) => byIndicator.set(u.li.indicator.id, [...(byIndicator.get(u.li.indicator.id) ?? []), i]));
  const contributions: Contribution[] = [];
  for (const li of detail === 'summary' ? [] : lens.indicators) {
    const at = byIndicator.get(li.indicator.id);
    if (!at && detail !== 'all') continue;
    const ind = li.indicator;
    for (const i of at ?? [undefined]) {
      const u = i === undefined ? undefined : used[i];
      contributions.push({
        indicatorId: ind.id,
        label: ind.label,
        group: ind.group,
        framework: ind.framework,
        relevance: ind.relevance,
        weight: li.weight,
        effectiveWeight: u ? li.weight * u.f : 0,
        observed: u !== undefined,
        value: u?.v ?? null,
        display: u ? displayValue(ind.measurement, u.o.value, shownBelow(config)) : null,
        points: i === undefined ? 0 : items.points[i]!,
        observationId: u?.o.id ?? null,
        observedPeriod: u?.o.period ?? null,
        ageMonths: u?.age ?? null,
        ageFactor: u?.f ?? null,
        inherited: Boolean(u?.o.inherited),
        confidence: u?.o.confidence ?? null,
        source: u?.o.source ?? null,
        hazard: i === undefined ? null : items.hazard[i]!,
      });
    }
  }
  // Drivers are indicators: the points of one indicator's readings from several sources add up.
  const inheritedFrom = new Map<string, string>();
  const driverPoints = new Map<string, { indicatorId: string; label: string; points: number }>();
  used.forEach((u, i) => {
    const id = u.li.indicator.id;
    const d = driverPoints.get(id) ?? { indicatorId: id, label: u.li.indicator.label, points: 0 };
    d.points += items.points[i]!;
    driverPoints.set(id, d);
    if (u.o.regionCode !== region && !inheritedFrom.has(id)) inheritedFrom.set(id, u.o.regionCode);
  });
  // A driver names another region only when all of its readings were recorded there.
  for (const u of used) if (u.o.regionCode === region) inheritedFrom.delete(u.li.indicator.id);
  const driverRows = [...driverPoints.values()];
  const indicatorsCounted = new Set(used.filter((_, i) => counted(i)).map((u) => u.li.indicator.id)).size;
  return {
    region,
    period,
    lens: lens.lens,
    method: 'v2',
    score: r.score,
    class: classifyEvidence(r, config),
    coverage,
    confidence: evidenceConfidence(r, coverage, config),
    evidence: {
      indicators: indicatorsCounted,
      groups: groups.size,
      groupsInLens: lens.groupsInLens,
      sources: r.sources,
      signs: r.signs,
      own: r.own,
    },
    drivers: topDrivers(driverRows, config.driverCount, inheritedFrom),
    groups: detail === 'summary' ? [] : groupParts(used, items, config),
    contributions,
    rolledUpFrom: null,
    breakdown:
      detail === 'summary'
        ? null
        : {
            prior: 0,
            strength: r.strength,
            absence: r.absence,
            raw: r.raw,
            ceiling: r.ceiling,
            sources: sourceParts(items, used.length, slots, config),
          },
  };
}

/** Each observed group's part in a `v2` score: its points, and what its evidence alone would score. */
function groupParts(
  used: readonly { li: PreparedLens['indicators'][number]; f: number }[],
  items: EvidenceItems,
  config: ModelConfig,
): GroupPart[] {
  const parts = new Map<string, GroupPart & { hazard: number }>();
  used.forEach((u, i) => {
    if (items.inherited[i] === 1 && !config.evidence.inheritance) return;
    const ind = u.li.indicator;
    const g = parts.get(ind.group) ?? {
      group: ind.group,
      framework: ind.framework,
      weight: 0,
      score: 0,
      points: 0,
      observed: 0,
      hazard: 0,
    };
    g.weight += u.li.weight * u.f;
    g.points += items.points[i]!;
    g.hazard += Math.max(0, items.hazard[i]!);
    g.observed++;
    parts.set(ind.group, g);
  });
  return [...parts.values()]
    .map(({ hazard, ...g }) => ({ ...g, score: 10 * (1 - Math.exp(-hazard)) }))
    .sort((a, b) => b.points - a.points || a.group.localeCompare(b.group));
}

function sourceParts(
  items: EvidenceItems,
  n: number,
  slots: ReadonlyMap<string, number>,
  config: ModelConfig,
): SourcePart[] {
  const parts = [...slots].map(([source]) => ({ source, indicators: 0, hazard: 0, capped: 0, absence: 0 }));
  const { srcHazard } = items.scratch();
  for (let i = 0; i < n; i++) {
    const h = items.hazard[i]!;
    if (h === 0 && items.inherited[i] === 1 && !config.evidence.inheritance) continue;
    const p = parts[items.source[i]!]!;
    p.indicators++;
    if (h > 0) p.capped += h;
    else p.absence -= h;
  }
  parts.forEach((p, s) => (p.hazard = srcHazard[s]!));
  return parts.filter((p) => p.indicators > 0).sort((a, b) => b.capped - a.capped || a.source.localeCompare(b.source));
}

/**
 * Scores one region for one month and lens (prepares the lens first; to score many regions,
 * prepare once with {@link prepareLens} and call {@link scorePrepared}).
 * @example scoreRegion({ region: 'IQ-NI', period: '2014-08', lens: 'tip', observations, catalogue })
 */
export function scoreRegion(input: ScoreInput): RegionScore {
  const lens = prepareLens(
    input.catalogue,
    input.lens,
    input.weights ?? {},
    input.config ?? MODEL_CONFIG,
    input.method ?? 'v2',
  );
  return scorePrepared(lens, input.region, input.period, input.observations, input.detail ?? 'all');
}
