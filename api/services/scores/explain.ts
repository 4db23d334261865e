import type { Period, RegionScore } from '../../../indicators/types.ts';
import type { Lens } from '../../../indicators/vocabulary.ts';
import { MODEL_CONFIG } from '../../../indicators/model/config.ts';
import { scoreFamilies } from '../../../indicators/model/batch.ts';
import { formProfile } from '../../../indicators/model/forms.ts';
import { apportion, roundTo } from '../../../indicators/model/round.ts';
import { scorePrepared } from '../../../indicators/model/score.ts';
import type { Db } from '../../../db/client.ts';
import type { RegionRow } from '../../../db/queries/regions.ts';
import { observationSources, readRegionSeries } from '../../../db/queries/scores.ts';
import { BASELINE_SCENARIO } from '../../../indicators/scenarios/index.ts';
import type { ScoreClass } from '../../../indicators/vocabulary.ts';
import type { ModelInputs } from './model-inputs.ts';
import { trendWindow } from './live-scores.ts';

/** What `explain` is asked for. */
export interface ExplainQuery {
  region: RegionRow;
  period: Period;
  lens: Lens;
  scenario: string;
}

/** A score as the explanation shows it, with its trends. */
interface ExplainedRow {
  score: RegionScore;
  trend3: number | null;
  trend12: number | null;
}

/**
 * The baseline row as stored (every write keeps it equal to what the model computes, which the
 * recompute tests check): no observation of the region's siblings has to be read for a country's
 * roll-up.
 */
function storedRow(db: Db, q: ExplainQuery, groupsInLens: number): ExplainedRow | undefined {
  const s = readRegionSeries(db, {
    region: q.region.code,
    scenario: BASELINE_SCENARIO,
    lens: q.lens,
    from: q.period,
    to: q.period,
  })[0];
  if (!s) return undefined;
  const score: RegionScore = {
    region: q.region.code,
    period: q.period,
    lens: q.lens,
    score: s.score,
    class: s.class as ScoreClass,
    coverage: s.coverage,
    confidence: s.confidence as RegionScore['confidence'],
    evidence: { indicators: s.indicatorsObserved, groups: s.groupsObserved, groupsInLens },
    drivers: s.drivers,
    groups: [],
    contributions: [],
    rolledUpFrom: s.rolledUpFrom,
  };
  return { score, trend3: s.trend3, trend12: s.trend12 };
}

/**
 * A row under another scenario, computed live: a first-level region from its own and its country's
 * observations; a country from its whole family (its roll-up needs every region's score).
 */
function liveRow(inputs: ModelInputs, q: ExplainQuery): ExplainedRow | undefined {
  const { region, period } = q;
  const country = region.level === 0 ? region.code : region.parent;
  const family = inputs.regions.filter(
    (r) =>
      r.code === country || r.code === region.code || (region.level === 0 && r.level === 1 && r.parent === country),
  );
  const byRegion = region.level === 0 ? inputs.family(region.code) : inputs.observationsFor([region.code]);
  const rows = scoreFamilies({
    lens: inputs.lens(q.lens, q.scenario),
    periods: trendWindow(period),
    regions: family,
    byRegion,
    countries: country ? new Set([country]) : undefined,
  });
  return rows.find((r) => r.level === region.level && r.score.region === region.code && r.score.period === period);
}

/**
 * Explains one region's score for one month, lens and scenario, computed live from the current
 * observations by the same model code as the stored scores: every indicator of the lens with its
 * points (rounded so that they add up exactly to the score as shown), the groups, the drivers and the
 * exploitation-form profile. A country's score is its roll-up, and the explanation is that of the
 * region it came from (named in `rolledUpFrom` and `notes`).
 */
export function explain(db: Db, inputs: ModelInputs | null, q: ExplainQuery) {
  const { region, period, lens, scenario } = q;
  const names = (code: string) => inputs?.regionByCode.get(code)?.name ?? code;
  const empty = { region: region.code, name: region.name, level: region.level, period, lens, scenario };
  if (!inputs)
    return {
      ...empty,
      score: null,
      class: 'no-data',
      coverage: 0,
      confidence: null,
      trend: null,
      trend12: null,
      evidence: { indicators: 0, groups: 0, groupsInLens: 0 },
      rolledUpFrom: null,
      notes: [],
      drivers: [],
      groups: [],
      contributions: [],
      forms: [],
    };
  const prepared = inputs.lens(lens, scenario);
  const row = scenario === BASELINE_SCENARIO ? storedRow(db, q, prepared.groupsInLens) : liveRow(inputs, q);
  const source = row?.score.rolledUpFrom ?? region.code;
  const full: RegionScore = scorePrepared(
    prepared,
    source,
    period,
    inputs.observationsFor([source]).get(source) ?? [],
    'all',
  );
  const s = row?.score ?? full;
  const notes: string[] = [];
  if (s.rolledUpFrom)
    notes.push(
      `${region.name} is shown at the score of its highest-scoring region, ${names(s.rolledUpFrom)} (${s.rolledUpFrom}); the contributions below are that region's.`,
    );
  const inherited = full.contributions.filter((c) => c.observed && c.inherited).length;
  const parent = region.level === 0 ? region.code : region.parent;
  if (inherited > 0 && parent)
    notes.push(
      `${inherited} of ${full.evidence.indicators} observed indicators were recorded for ${names(parent)} as a whole and apply to each of its regions.`,
    );
  const { minGroups, minIndicators } = MODEL_CONFIG.sufficiency;
  if (s.class === 'insufficient-data')
    notes.push(
      `Too little corroborated evidence for a class: ${s.evidence.indicators} indicator${s.evidence.indicators === 1 ? '' : 's'} in ${s.evidence.groups} group${s.evidence.groups === 1 ? '' : 's'}; a class needs indicators in at least ${minGroups} groups, or at least ${minIndicators} indicators.`,
    );

  const sources = observationSources(
    db,
    full.contributions.flatMap((c) => (c.observationId === null ? [] : [c.observationId])),
  );
  const order = [...full.contributions].sort(
    (a, b) =>
      Number(b.observed) - Number(a.observed) ||
      b.points - a.points ||
      b.weight - a.weight ||
      a.indicatorId.localeCompare(b.indicatorId),
  );
  const shown = apportion(
    order.map((c) => c.points),
    2,
  );
  const groupPoints = apportion(
    full.groups.map((g) => g.points),
    2,
  );
  const groupLabel = new Map(inputs.catalogue.groups.map((g) => [g.id, g.label]));
  return {
    ...empty,
    score: roundTo(s.score, 2),
    class: s.class,
    coverage: roundTo(s.coverage, 3)!,
    confidence: s.confidence,
    trend: roundTo(row?.trend3 ?? null, 2),
    trend12: roundTo(row?.trend12 ?? null, 2),
    evidence: s.evidence,
    rolledUpFrom: s.rolledUpFrom ? { region: s.rolledUpFrom, name: names(s.rolledUpFrom) } : null,
    notes,
    drivers: s.drivers.map((d) => ({ ...d, points: roundTo(d.points, 2)! })),
    groups: full.groups.map((g, i) => ({
      group: g.group,
      label: groupLabel.get(g.group) ?? g.group,
      framework: g.framework,
      weight: roundTo(g.weight, 3)!,
      score: roundTo(g.score, 2)!,
      points: groupPoints[i]!,
      observed: g.observed,
    })),
    contributions: order.map((c, i) => {
      const src = c.observationId === null ? undefined : sources.get(c.observationId);
      // A small count's normalised value would give the count back; its display already says "<5".
      const small = c.display !== null && c.display.startsWith('<');
      return {
        indicatorId: c.indicatorId,
        label: c.label,
        framework: c.framework,
        group: c.group,
        relevance: c.relevance,
        weight: roundTo(c.weight, 3)!,
        observed: c.observed,
        value: small ? null : roundTo(c.value, 3),
        display: c.display,
        ...(small ? { suppressed: true } : {}),
        points: shown[i]!,
        observationId: c.observationId,
        observedPeriod: c.observedPeriod,
        ageMonths: c.ageMonths,
        ageFactor: roundTo(c.ageFactor, 3),
        inherited: c.inherited,
        confidence: c.confidence,
        ...(src ? { sourceCitation: src.citation, sourceLocator: src.locator, sourceUrl: src.url } : {}),
      };
    }),
    forms: formProfile(full.contributions, inputs.catalogue, MODEL_CONFIG).map((f) => ({
      ...f,
      weight: roundTo(f.weight, 3)!,
    })),
  };
}
