import type { Driver } from '../types.ts';
import { CONFIDENCES, INSUFFICIENT_DATA, type ScoreClass } from '../vocabulary.ts';
import type { RegionObservations, Sweep, SweptRow } from './sweep-types.ts';

/** Observations in month order (a counting sort: months span a few hundred values at most), the order a sweep takes them in. */
function byMonth(obs: RegionObservations | null): Int32Array {
  if (!obs || obs.length === 0) return new Int32Array(0);
  let lo = obs.month[0]!;
  let hi = lo;
  for (let i = 1; i < obs.length; i++) {
    const m = obs.month[i]!;
    if (m < lo) lo = m;
    else if (m > hi) hi = m;
  }
  const starts = new Int32Array(hi - lo + 2);
  for (let i = 0; i < obs.length; i++) {
    const k = obs.month[i]! - lo + 1;
    starts[k] = starts[k]! + 1;
  }
  for (let k = 1; k < starts.length; k++) starts[k] = starts[k]! + starts[k - 1]!;
  const order = new Int32Array(obs.length);
  for (let i = 0; i < obs.length; i++) {
    const k = obs.month[i]! - lo;
    order[starts[k]!] = i;
    starts[k] = starts[k]! + 1;
  }
  return order;
}

/** Scratch buffers shared by every region of a sweep (one region is scored at a time). */
class Scratch {
  readonly ind: Int32Array;
  readonly e: Float64Array;
  readonly v: Float64Array;
  readonly points: Float64Array;
  readonly voice: Float64Array;
  readonly sumE: Float64Array;
  readonly stamp: Int32Array;
  readonly groupOrder: Int32Array;
  tick = 0;
  constructor(n: number, groups: number) {
    this.ind = new Int32Array(n);
    this.e = new Float64Array(n);
    this.v = new Float64Array(n);
    this.points = new Float64Array(n);
    this.voice = new Float64Array(groups);
    this.sumE = new Float64Array(groups);
    this.stamp = new Int32Array(groups);
    this.groupOrder = new Int32Array(groups);
  }
}

const scratches = new WeakMap<Sweep, Scratch>();

/**
 * One region's place in a sweep: for each indicator, the observation that speaks for the current
 * month (the latest one not after it; on the same month the region's own beats its country's, then
 * the higher id), updated as the months advance, and the scoring of that month in any lens.
 */
export class RegionState {
  private readonly pickMonth: Int32Array;
  private readonly pickValue: Float64Array;
  private readonly pickConf: Uint8Array;
  private readonly pickInherited: Uint8Array;
  private readonly pickId: Float64Array;
  /** Indicators picked so far, in catalogue order. */
  private readonly active: Int32Array;
  private activeCount = 0;
  private readonly ownOrder: Int32Array;
  private readonly parentOrder: Int32Array;
  private ownAt = 0;
  private parentAt = 0;
  private readonly scratch: Scratch;

  constructor(
    private readonly sweep: Sweep,
    private readonly own: RegionObservations | null,
    private readonly parent: RegionObservations | null,
    /** Code of the region whose observations are inherited (named in drivers). */
    private readonly parentCode: string | null,
  ) {
    const n = sweep.indicators.length;
    this.pickMonth = new Int32Array(n).fill(-1);
    this.pickValue = new Float64Array(n);
    this.pickConf = new Uint8Array(n);
    this.pickInherited = new Uint8Array(n);
    this.pickId = new Float64Array(n);
    this.active = new Int32Array(n);
    this.ownOrder = byMonth(own);
    this.parentOrder = byMonth(parent);
    let s = scratches.get(sweep);
    if (!s) scratches.set(sweep, (s = new Scratch(n, sweep.groupCount)));
    this.scratch = s;
  }

  /** Takes in every observation up to and including month `m`. */
  advance(m: number): void {
    const { own, parent } = this;
    while (own && this.ownAt < this.ownOrder.length && own.month[this.ownOrder[this.ownAt]!]! <= m)
      this.take(own, this.ownOrder[this.ownAt++]!, 0);
    while (parent && this.parentAt < this.parentOrder.length && parent.month[this.parentOrder[this.parentAt]!]! <= m)
      this.take(parent, this.parentOrder[this.parentAt++]!, 1);
  }

  private take(obs: RegionObservations, i: number, inherited: number): void {
    const ind = obs.indicator[i]!;
    const month = obs.month[i]!;
    const was = this.pickMonth[ind]!;
    if (was === month) {
      const cur = this.pickInherited[ind]!;
      if (cur !== inherited ? inherited === 1 : obs.id[i]! <= this.pickId[ind]!) return;
    } else if (was > month) return;
    if (was < 0) this.insertActive(ind);
    this.pickMonth[ind] = month;
    this.pickValue[ind] = obs.value[i]!;
    this.pickConf[ind] = obs.confidence[i]!;
    this.pickInherited[ind] = inherited;
    this.pickId[ind] = obs.id[i]!;
  }

  private insertActive(ind: number): void {
    let j = this.activeCount++;
    while (j > 0 && this.active[j - 1]! > ind) {
      this.active[j] = this.active[j - 1]!;
      j--;
    }
    this.active[j] = ind;
  }

  /**
   * Scores month `m` in lens `l` exactly as `scorePrepared` does in summary mode (same operations in
   * the same order), or null when nothing in the lens is informative. Trends are left null.
   */
  score(l: number, m: number, period: string, regionCode: string, level: 0 | 1): SweptRow | null {
    const { sweep, scratch: x } = this;
    const lens = sweep.lenses[l]!;
    const w = sweep.weights[l]!;
    const config = lens.config;
    const tick = ++x.tick;
    let k = 0;
    let groups = 0;
    for (let j = 0; j < this.activeCount; j++) {
      const ind = this.active[j]!;
      const weight = w[ind]!;
      if (weight === 0) continue;
      const age = m - this.pickMonth[ind]!;
      const pers = sweep.persistence[ind]!;
      if (age < 0 || age > pers) continue;
      const e = weight * (1 - age / (pers + 1));
      const v = this.pickValue[ind]!;
      x.ind[k] = ind;
      x.e[k] = e;
      x.v[k] = v;
      k++;
      const g = sweep.group[ind]!;
      if (x.stamp[g] !== tick) {
        x.stamp[g] = tick;
        x.voice[g] = 0;
        x.sumE[g] = 0;
        x.groupOrder[groups++] = g;
      }
      x.voice[g] = Math.max(x.voice[g]!, e);
      x.sumE[g] = x.sumE[g]! + e;
    }
    if (k === 0) return null;
    let totalVoice = 0;
    for (let j = 0; j < groups; j++) totalVoice += x.voice[x.groupOrder[j]!]!;
    let score = 0;
    let sumConf = 0;
    let sumE = 0;
    let sumW = 0;
    let sumInherited = 0;
    for (let j = 0; j < k; j++) {
      const ind = x.ind[j]!;
      const g = sweep.group[ind]!;
      const e = x.e[j]!;
      const p = (10 * (x.voice[g]! / totalVoice) * (e * x.v[j]!)) / x.sumE[g]!;
      x.points[j] = p;
      score += p;
      sumConf += e * this.pickConf[ind]!;
      sumE += e;
      sumW += w[ind]!;
      if (this.pickInherited[ind]) sumInherited += e;
    }
    score = Math.min(10, Math.max(0, score));
    let cls: ScoreClass = INSUFFICIENT_DATA;
    if (groups >= config.sufficiency.minGroups || k >= config.sufficiency.minIndicators)
      for (const t of config.classThresholds) if (score >= t.min) cls = t.class;
    const ownGrade = Math.round(sumConf / sumE);
    const breadth = groups >= config.confidenceGroups.high ? 2 : groups >= config.confidenceGroups.medium ? 1 : 0;
    const stale = sumE / sumW < config.staleAgeFactor ? 1 : 0;
    const borrowed = sumInherited / sumE > config.inheritedShareLimit ? 1 : 0;
    return {
      lens: lens.lens,
      level,
      regionCode,
      period,
      score,
      class: cls,
      coverage: lens.expectedWeight > 0 ? Math.min(1, sumE / lens.expectedWeight) : 0,
      confidence: CONFIDENCES[Math.max(0, Math.min(ownGrade, breadth) - stale - borrowed)] ?? 'low',
      trend3: null,
      trend12: null,
      drivers: this.drivers(k, config.driverCount),
      rolledUpFrom: null,
      indicatorsObserved: k,
      groupsObserved: groups,
    };
  }

  /** The `n` observed indicators with the most points (above 0), ties by id, as `topDrivers` lists them. */
  private drivers(k: number, n: number): Driver[] {
    const { sweep, scratch: x } = this;
    const top: number[] = [];
    for (let j = 0; j < k; j++) {
      const p = x.points[j]!;
      if (!(p > 0)) continue;
      let at = top.length;
      while (at > 0 && before(p, x.ind[j]!, x.points[top[at - 1]!]!, x.ind[top[at - 1]!]!, sweep.idRank)) at--;
      if (at >= n) continue;
      top.splice(at, 0, j);
      if (top.length > n) top.pop();
    }
    return top.map((j) => {
      const ind = x.ind[j]!;
      const indicator = sweep.indicators[ind]!;
      const d: Driver = { indicatorId: indicator.id, label: indicator.label, points: x.points[j]! };
      if (this.pickInherited[ind] && this.parentCode !== null) d.region = this.parentCode;
      return d;
    });
  }
}

function before(pa: number, ia: number, pb: number, ib: number, rank: Int32Array): boolean {
  return pa > pb || (pa === pb && rank[ia]! < rank[ib]!);
}
