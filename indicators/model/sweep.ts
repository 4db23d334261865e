import type { Indicator } from '../types.ts';
import { INSUFFICIENT_DATA, type ScoreClass } from '../vocabulary.ts';
import { persistenceOf, type PreparedLens } from './lens.ts';
import { normalise, scoredValue } from './normalise.ts';
import { RegionState } from './sweep-state.ts';
import type { RegionObservations, Sweep, SweptRow } from './sweep-types.ts';

/**
 * Compiles prepared lenses (all from the same catalogue and configuration) for {@link sweepFamily}.
 * @example const sweep = prepareSweep(catalogue.indicators, LENSES.map((l) => prepareLens(catalogue, l, {}, MODEL_CONFIG)))
 */
export function prepareSweep(indicators: readonly Indicator[], lenses: readonly PreparedLens[]): Sweep {
  const n = indicators.length;
  const indexOf = new Map(indicators.map((ind, i) => [ind.id, i]));
  const groups = new Map<string, number>();
  const group = new Int32Array(n);
  const persistence = new Int32Array(n);
  const direct = new Uint8Array(n);
  const config = lenses[0]?.config;
  indicators.forEach((ind, i) => {
    if (!groups.has(ind.group)) groups.set(ind.group, groups.size);
    group[i] = groups.get(ind.group)!;
    persistence[i] = config ? persistenceOf(ind, config) : ind.persistenceMonths;
    direct[i] = ind.relevance === 'direct' ? 1 : 0;
  });
  const weights = lenses.map((l) => {
    const w = new Float64Array(n);
    for (const li of l.indicators) w[indexOf.get(li.indicator.id)!] = li.weight;
    return w;
  });
  const order = indicators.map((_, i) => i).sort((a, b) => indicators[a]!.id.localeCompare(indicators[b]!.id) || a - b);
  const idRank = new Int32Array(n);
  order.forEach((i, r) => (idRank[i] = r));
  return {
    indicators,
    indexOf,
    lenses,
    weights,
    persistence,
    direct,
    group,
    groupCount: groups.size,
    idRank,
    sourceIds: new Map(),
  };
}

/** An indicator's raw value on 0..1 as the sweep's configuration scores it (small counts banded in public mode). */
function scoredNormal(sweep: Sweep, indicator: number, value: number): number {
  const m = sweep.indicators[indicator]!.measurement;
  const config = sweep.lenses[0]?.config;
  return normalise(m, config ? scoredValue(m, value, config) : value);
}

/** The number of a source key in `sweep.sourceIds`, numbering it when new. */
export function sourceId(sweep: Sweep, key: string): number {
  let id = sweep.sourceIds.get(key);
  if (id === undefined) sweep.sourceIds.set(key, (id = sweep.sourceIds.size));
  return id;
}

/** Builds a region's compact observations from raw values (normalising each on its indicator's scale). */
export function compactObservations(
  sweep: Sweep,
  rows: readonly { indicator: number; month: number; value: number; confidence: number; source: string; id: number }[],
): RegionObservations {
  const len = rows.length;
  const out: RegionObservations = {
    indicator: new Int32Array(len),
    month: new Int32Array(len),
    value: new Float64Array(len),
    confidence: new Uint8Array(len),
    source: new Int32Array(len),
    id: new Float64Array(len),
    length: len,
  };
  rows.forEach((r, i) => {
    out.indicator[i] = r.indicator;
    out.month[i] = r.month;
    out.value[i] = scoredNormal(sweep, r.indicator, r.value);
    out.confidence[i] = r.confidence;
    out.source[i] = sourceId(sweep, r.source);
    out.id[i] = r.id;
  });
  return out;
}

/** Collects one region's observations as they stream in, normalising each value on its indicator's scale. */
export class ObservationBuffer {
  private readonly indicator: number[] = [];
  private readonly month: number[] = [];
  private readonly value: number[] = [];
  private readonly confidence: number[] = [];
  private readonly source: number[] = [];
  private readonly id: number[] = [];

  constructor(private readonly sweep: Sweep) {}

  /** Adds one observation: indicator index, month index, raw value, confidence index, source key, id. */
  push(indicator: number, month: number, value: number, confidence: number, source: string, id: number): void {
    this.indicator.push(indicator);
    this.month.push(month);
    this.value.push(scoredNormal(this.sweep, indicator, value));
    this.confidence.push(confidence);
    this.source.push(sourceId(this.sweep, source));
    this.id.push(id);
  }

  get length(): number {
    return this.id.length;
  }

  /** The observations in compact columns. */
  finish(): RegionObservations {
    return {
      indicator: Int32Array.from(this.indicator),
      month: Int32Array.from(this.month),
      value: Float64Array.from(this.value),
      confidence: Uint8Array.from(this.confidence),
      source: Int32Array.from(this.source),
      id: Float64Array.from(this.id),
      length: this.id.length,
    };
  }
}

/** A country and its first-level regions (or one first-level region with no country), with their observations. */
export interface Family {
  /** The country whose score rolls its regions up, or null for a first-level region without a country. */
  country: string | null;
  /** The region whose observations every first-level region here inherits (the country), when it has any. */
  parent: { code: string; observations: RegionObservations } | null;
  /** First-level regions with observations of their own. */
  regions: readonly { code: string; observations: RegionObservations }[];
  /** First-level regions without observations of their own: scored only when they inherit some or have districts. */
  otherRegions: readonly string[];
  /**
   * Districts under the first-level regions, by region code: those with observations of their own
   * (`observations`), or without (null: scored only when they inherit some). A retired district
   * carries `retired`, the months (indexes) it is not scored in.
   */
  districts?: ReadonlyMap<string, readonly FamilyDistrict[]>;
}

/** A district of a {@link Family}. */
export interface FamilyDistrict {
  code: string;
  observations: RegionObservations | null;
  /**
   * The months it is retired in, as `[first, end)` month indexes (`end` Infinity for the retirement in
   * force, see `retiredMonths`): not scored then. Absent for a district never retired.
   */
  retired?: readonly (readonly [number, number])[];
}

/** A district in a sweep: its state and its score series per lens (for trends). */
interface DistrictSweep {
  code: string;
  /** Months it is not scored in, `[first, end)` month indexes (empty while never retired). */
  retired: readonly (readonly [number, number])[];
  state: RegionState;
  series: Float64Array[];
}

/**
 * What a first-level region's districts inherit: its own observations and its country's, gathered
 * in one set of columns that remembers where each came from (null when there are none).
 */
export function inheritedByDistricts(
  parts: readonly { code: string; observations: RegionObservations | null }[],
): RegionObservations | null {
  const present = parts.filter((p) => p.observations && p.observations.length > 0);
  const length = present.reduce((n, p) => n + p.observations!.length, 0);
  if (length === 0) return null;
  const out: RegionObservations & { origin: string[] } = {
    indicator: new Int32Array(length),
    month: new Int32Array(length),
    value: new Float64Array(length),
    confidence: new Uint8Array(length),
    source: new Int32Array(length),
    id: new Float64Array(length),
    length,
    origin: [],
  };
  let at = 0;
  for (const { code, observations: o } of present) {
    out.indicator.set(o!.indicator, at);
    out.month.set(o!.month, at);
    out.value.set(o!.value, at);
    out.confidence.set(o!.confidence, at);
    out.source.set(o!.source, at);
    out.id.set(o!.id, at);
    for (let i = 0; i < o!.length; i++) out.origin.push(o!.origin?.[i] ?? code);
    at += o!.length;
  }
  return out;
}

/**
 * Scores one family for every lens and every month from `firstMonth` to `lastMonth` (month
 * indexes), sweeping the months once: the rows `scoreFamilies` gives (same numbers, bit for bit),
 * first-level regions from their own and inherited observations, countries rolled up from their own
 * score and their regions'. Rows go to `emit` month by month; unscored region-months are skipped.
 * @example sweepFamily(sweep, family, periodIndex('2016-01'), periodIndex('2025-12'), (row) => rows.push(row))
 */
export function sweepFamily(
  sweep: Sweep,
  family: Family,
  firstMonth: number,
  lastMonth: number,
  emit: (row: SweptRow) => void,
): void {
  const { lenses } = sweep;
  const country = family.country;
  const parent = family.parent && family.parent.observations.length > 0 ? family.parent : null;
  const inherit = parent?.observations ?? null;
  const from = parent?.code ?? null;
  const districtsOf = family.districts ?? new Map<string, never[]>();
  const others = family.otherRegions.filter((c) => inherit || districtsOf.has(c));
  const kidCodes = [...family.regions.map((r) => r.code), ...others];
  const kids = [
    ...family.regions.map((r) => new RegionState(sweep, r.observations, inherit, from)),
    ...others.map(() => new RegionState(sweep, null, inherit, from)),
  ];
  const own = country !== null && inherit && from === country ? new RegionState(sweep, inherit, null, null) : null;
  const rollOrder = kidCodes.map((_, i) => i).sort((a, b) => kidCodes[a]!.localeCompare(kidCodes[b]!));
  const months = lastMonth - firstMonth + 1;
  const series = (n: number) => lenses.map(() => Array.from({ length: n }, () => new Float64Array(months).fill(NaN)));
  const kidSeries = series(kids.length);
  const countrySeries = series(1);
  const ownOf = new Map(family.regions.map((r) => [r.code, r.observations]));
  const kidDistricts = kidCodes.map((code) =>
    districtStates(sweep, districtsOf.get(code), code, ownOf, parent, months),
  );
  const { trendMonths } = lenses[0]?.config ?? { trendMonths: [3, 12] };
  const trendOf: TrendOf = (s, i, back, now) => {
    const then = i - back >= 0 ? s[i - back]! : NaN;
    return now === null || Number.isNaN(then) ? null : now - then;
  };
  const kidRows: (SweptRow | null)[] = new Array<SweptRow | null>(kids.length).fill(null);
  for (let m = firstMonth; m <= lastMonth; m++) {
    const i = m - firstMonth;
    const period = monthLabel(m);
    for (const k of kids) k.advance(m);
    for (const ds of kidDistricts) for (const d of ds) d.state.advance(m);
    own?.advance(m);
    for (let l = 0; l < lenses.length; l++) {
      for (let k = 0; k < kids.length; k++) {
        const ownRow = kids[k]!.score(l, m, period, kidCodes[k]!, 1);
        const ds = kidDistricts[k]!;
        const at = { l, m, i, period, trendMonths };
        const row = ds.length ? rollUpDistricts(kidCodes[k]!, ownRow, ds, at, emit, trendOf) : ownRow;
        kidRows[k] = row;
        if (!row) continue;
        const s = kidSeries[l]![k]!;
        s[i] = row.score ?? NaN;
        row.trend3 = trendOf(s, i, trendMonths[0], row.score);
        row.trend12 = trendOf(s, i, trendMonths[1], row.score);
        emit(row);
      }
      if (country === null) continue;
      let best = own ? own.score(l, m, period, country, 0) : null;
      for (const k of rollOrder) {
        const r = kidRows[k];
        if (r && r.score !== null && (best === null || beats(r, best))) best = r;
      }
      if (!best) continue;
      const rolled: SweptRow =
        best.level === 0
          ? best
          : {
              ...best,
              level: 0,
              regionCode: country,
              rolledUpFrom: best.regionCode,
              drivers: best.drivers.map((d) => ({ ...d, region: d.region ?? best!.regionCode })),
            };
      const s = countrySeries[l]![0]!;
      s[i] = rolled.score ?? NaN;
      rolled.trend3 = trendOf(s, i, trendMonths[0], rolled.score);
      rolled.trend12 = trendOf(s, i, trendMonths[1], rolled.score);
      emit(rolled);
    }
  }
}

/** Sweep states of a first-level region's districts, in code order (the roll-up's tie order). */
function districtStates(
  sweep: Sweep,
  list: readonly FamilyDistrict[] | undefined,
  region: string,
  ownOf: ReadonlyMap<string, RegionObservations>,
  country: { code: string; observations: RegionObservations } | null,
  months: number,
): DistrictSweep[] {
  if (!list || list.length === 0) return [];
  const inherit = inheritedByDistricts([
    { code: region, observations: ownOf.get(region) ?? null },
    ...(country ? [country] : []),
  ]);
  return list
    .filter((d) => d.observations || inherit)
    .sort((a, b) => a.code.localeCompare(b.code))
    .map((d) => ({
      code: d.code,
      retired: d.retired ?? [],
      state: new RegionState(sweep, d.observations, inherit, region),
      series: sweep.lenses.map(() => new Float64Array(months).fill(NaN)),
    }));
}

/** How a sweep writes a row's trends from its series: `trendOf(series, monthOffset, monthsBack, score)`. */
type TrendOf = (s: Float64Array, i: number, back: number, now: number | null) => number | null;

/**
 * Scores and emits a first-level region's districts for lens `l` and month `m` (offset `i` in the
 * sweep), and returns the region's row: its own (`own`), or, when a district beats it as `rollUp`
 * decides, the district's relabelled with the region's code and `rolledUpFrom` naming the district.
 */
function rollUpDistricts(
  region: string,
  own: SweptRow | null,
  districts: readonly DistrictSweep[],
  at: { l: number; m: number; i: number; period: string; trendMonths: readonly [number, number] },
  emit: (row: SweptRow) => void,
  trendOf: TrendOf,
): SweptRow | null {
  let best: SweptRow | null = own && own.score !== null ? own : null;
  for (const d of districts) {
    if (d.retired.some(([a, b]) => at.m >= a && at.m < b)) continue;
    const row = d.state.score(at.l, at.m, at.period, d.code, 2);
    if (!row) continue;
    const s = d.series[at.l]!;
    s[at.i] = row.score ?? NaN;
    row.trend3 = trendOf(s, at.i, at.trendMonths[0], row.score);
    row.trend12 = trendOf(s, at.i, at.trendMonths[1], row.score);
    emit(row);
    if (row.score !== null && (best === null || beats(row, best))) best = row;
  }
  if (!best || best === own) return own;
  const from = best.regionCode;
  return {
    ...best,
    level: 1,
    regionCode: region,
    rolledUpFrom: from,
    drivers: best.drivers.map((d) => ({ ...d, region: d.region ?? from })),
  };
}

const isRisk = (c: ScoreClass) => c !== INSUFFICIENT_DATA && c !== 'no-data';

function beats(a: SweptRow, b: SweptRow): boolean {
  const ta = isRisk(a.class) ? 1 : 0;
  const tb = isRisk(b.class) ? 1 : 0;
  if (ta !== tb) return ta > tb;
  return (a.score ?? -1) > (b.score ?? -1);
}

/** `YYYY-MM` of a month index, as `addMonths` writes it. */
export function monthLabel(m: number): string {
  const y = Math.floor(m / 12);
  return `${String(y).padStart(4, '0')}-${String((m % 12) + 1).padStart(2, '0')}`;
}
