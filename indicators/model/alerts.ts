import type { Measurement, ModelObservation, Period } from '../types.ts';
import type { Lens } from '../vocabulary.ts';
import { addMonths, monthsBetween } from '../period.ts';
import { classRank, isRiskClass } from './classify.ts';
import type { ModelConfig } from './config.ts';
import type { PreparedLens } from './lens.ts';
import { displayValue } from './normalise.ts';

/** The three alert rules. */
export const ALERT_KINDS = ['new-direct-indicator', 'class-up', 'sharp-rise'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

/** What the alert rules need of a stored or computed score. */
export interface AlertScore {
  region: string;
  level: number;
  period: Period;
  score: number | null;
  class: string;
}

/** A direct trafficking indicator observed in a region this month with no current observation the month before. */
export interface NewSignal {
  region: string;
  level: number;
  /** Each new sign with its English label and display text, and the value and measurement they were written from. */
  indicators: { id: string; label: string; display: string; value: number; measurement: Measurement }[];
}

/** One alert, with a one-line reason in plain words. */
export interface Alert {
  region: string;
  level: number;
  lens: Lens;
  period: Period;
  kind: AlertKind;
  reason: string;
  score: number | null;
  /** The score the month before, or null. */
  previousScore: number | null;
  /** For sharp rises: the region's own trailing mean. */
  baseline?: number;
  /**
   * What `reason` says, as data, so that it can be written in another language: the class now and
   * the month before, the months of the trailing mean (sharp rises), the new signs.
   */
  facts: { class: string; previousClass: string | null; months?: number; signs?: NewSignal['indicators'] };
}

const f1 = (n: number) => n.toFixed(1);
const CLASS_WORDS: Record<string, string> = {
  'very-low': 'very low',
  low: 'low',
  medium: 'medium',
  high: 'high',
  'very-high': 'very high',
};

/**
 * Direct trafficking indicators of the lens observed for `period` (value above zero) in a region that
 * had no observation of the same indicator still current the month before. Observations are the
 * regions' own (not inherited): a country-level sign alerts on the country, not on each province.
 * @example newDirectSignals(obs, '2014-08', tipLens, levelOf)[0] // { region: 'IQ-NI', indicators: [...] }
 */
export function newDirectSignals(
  observations: readonly ModelObservation[],
  period: Period,
  lens: PreparedLens,
  levelOf: ReadonlyMap<string, number>,
): NewSignal[] {
  const prev = addMonths(period, -1);
  const isCandidate = (o: ModelObservation) => {
    const li = lens.byId.get(o.indicatorId);
    return (
      o.period === period && !o.inherited && li !== undefined && li.indicator.relevance === 'direct' && o.value > 0
    );
  };
  const candidates = observations
    .filter(isCandidate)
    .sort(
      (a, b) => a.regionCode.localeCompare(b.regionCode) || a.indicatorId.localeCompare(b.indicatorId) || a.id - b.id,
    );
  const keys = new Set(candidates.map((o) => `${o.regionCode}|${o.indicatorId}`));
  const earlier = new Map<string, Period[]>();
  for (const p of observations) {
    const key = `${p.regionCode}|${p.indicatorId}`;
    if (p.inherited || p.period >= period || !keys.has(key)) continue;
    earlier.set(key, [...(earlier.get(key) ?? []), p.period]);
  }
  const byRegion = new Map<string, NewSignal>();
  for (const o of candidates) {
    const ind = lens.byId.get(o.indicatorId)!.indicator;
    const known = (earlier.get(`${o.regionCode}|${o.indicatorId}`) ?? []).some(
      (p) => monthsBetween(p, prev) <= ind.persistenceMonths,
    );
    if (known) continue;
    const s = byRegion.get(o.regionCode) ?? {
      region: o.regionCode,
      level: levelOf.get(o.regionCode) ?? 1,
      indicators: [],
    };
    if (s.indicators.some((i) => i.id === o.indicatorId)) continue;
    s.indicators.push({
      id: o.indicatorId,
      label: ind.label,
      display: displayValue(ind.measurement, o.value, lens.config.smallCountThreshold),
      value: o.value,
      measurement: ind.measurement,
    });
    byRegion.set(o.regionCode, s);
  }
  return [...byRegion.values()];
}

/**
 * Applies the alert rules to one month: a class threshold crossed upward (to at least
 * `config.alerts.minClass`), a sharp rise against the region's own trailing mean, and new direct
 * trafficking indicators. `scores` holds the month and the `config.alerts.baselineMonths` before it.
 * Sorted by score (highest first), then kind, then region.
 * @example scoreAlerts({ period: '2014-08', lens: 'tip', scores, signals, config: MODEL_CONFIG })
 */
export function scoreAlerts(input: {
  period: Period;
  lens: Lens;
  scores: readonly AlertScore[];
  signals?: readonly NewSignal[];
  config: ModelConfig;
}): Alert[] {
  const { period, lens, config } = input;
  const { minClass, sharpRisePoints, baselineMonths, minBaselineMonths } = config.alerts;
  const series = new Map<string, Map<Period, AlertScore>>();
  for (const s of input.scores) {
    const key = `${s.level}|${s.region}`;
    const m = series.get(key) ?? new Map<Period, AlertScore>();
    m.set(s.period, s);
    series.set(key, m);
  }
  const out: Alert[] = [];
  const prevPeriod = addMonths(period, -1);
  for (const m of series.values()) {
    const cur = m.get(period);
    if (!cur || cur.score === null || !isRiskClass(cur.class)) continue;
    const prev = m.get(prevPeriod);
    const base = {
      region: cur.region,
      level: cur.level,
      lens,
      period,
      score: cur.score,
      previousScore: prev?.score ?? null,
    };
    const facts = { class: cur.class, previousClass: prev?.class ?? null };
    const now = CLASS_WORDS[cur.class] ?? cur.class;
    if (classRank(cur.class) >= classRank(minClass) && classRank(cur.class) > classRank(prev?.class ?? 'no-data')) {
      const reason =
        prev && isRiskClass(prev.class)
          ? `Moved up from ${CLASS_WORDS[prev.class]} to ${now} risk (${f1(prev.score ?? 0)} → ${f1(cur.score)}).`
          : `Reached ${now} risk (${f1(cur.score)}) with no class the month before.`;
      out.push({ ...base, kind: 'class-up', reason, facts });
    }
    const window: number[] = [];
    for (let k = 1; k <= baselineMonths; k++) {
      const s = m.get(addMonths(period, -k));
      if (s && s.score !== null && isRiskClass(s.class)) window.push(s.score);
    }
    if (window.length >= minBaselineMonths) {
      const mean = window.reduce((a, b) => a + b, 0) / window.length;
      if (cur.score - mean > sharpRisePoints) {
        out.push({
          ...base,
          kind: 'sharp-rise',
          baseline: mean,
          facts: { ...facts, months: baselineMonths },
          reason: `Rose ${f1(cur.score - mean)} points above its own ${baselineMonths}-month average (${f1(mean)} → ${f1(cur.score)}).`,
        });
      }
    }
  }
  for (const sig of input.signals ?? []) {
    const cur = series.get(`${sig.level}|${sig.region}`)?.get(period);
    const prev = series.get(`${sig.level}|${sig.region}`)?.get(prevPeriod);
    const [first, ...rest] = sig.indicators;
    if (!first) continue;
    const more = rest.length ? ` and ${rest.length} more direct sign${rest.length > 1 ? 's' : ''}` : '';
    out.push({
      region: sig.region,
      level: sig.level,
      lens,
      period,
      kind: 'new-direct-indicator',
      reason: `New direct sign of trafficking: ${first.label.toLowerCase()} (${first.display})${more}.`,
      score: cur?.score ?? null,
      previousScore: prev?.score ?? null,
      facts: { class: cur?.class ?? 'no-data', previousClass: prev?.class ?? null, signs: sig.indicators },
    });
  }
  const order = (k: AlertKind) => ALERT_KINDS.indexOf(k);
  return out.sort(
    (a, b) =>
      (b.score ?? -1) - (a.score ?? -1) ||
      order(a.kind) - order(b.kind) ||
      a.level - b.level ||
      a.region.localeCompare(b.region),
  );
}
