import type { Driver } from '../types.ts';
import { classifyEvidence, evidenceConfidence, evidenceScore, EvidenceItems } from './evidence.ts';
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
  readonly items: EvidenceItems;
  /** Index of each item's indicator (grows with the items). */
  ind: Int32Array;
  /** Region each item was recorded for, when inherited (parallel to the items). */
  readonly from: (string | null)[] = [];
  /** Per group: the tick of the region-month that last counted it. */
  readonly stamp: Int32Array;
  /** Local source slot of each global source, valid where `sourceStamp` equals the tick. */
  sourceSlot: Int32Array;
  sourceStamp: Int32Array;
  tick = 0;
  constructor(n: number, groups: number) {
    this.items = new EvidenceItems(n);
    this.ind = new Int32Array(n);
    this.stamp = new Int32Array(groups);
    this.sourceSlot = new Int32Array(64);
    this.sourceStamp = new Int32Array(64);
  }

  /** The local slot of global source `g` for the current region-month, numbering it when first met. */
  slot(g: number): number {
    if (g >= this.sourceStamp.length) {
      const size = Math.max(g + 1, this.sourceStamp.length * 2);
      const stamp = new Int32Array(size);
      stamp.set(this.sourceStamp);
      const slot = new Int32Array(size);
      slot.set(this.sourceSlot);
      this.sourceStamp = stamp;
      this.sourceSlot = slot;
    }
    if (this.sourceStamp[g] !== this.tick) {
      this.sourceStamp[g] = this.tick;
      this.sourceSlot[g] = this.items.sourceCount;
      return this.items.sourceCount;
    }
    return this.sourceSlot[g]!;
  }
}

const scratches = new WeakMap<Sweep, Scratch>();

/** An indicator's latest reading from one source, the region's own (`inherited` 0) or its country's (1). */
interface Pick {
  source: number;
  key: string;
  inherited: 0 | 1;
  month: number;
  value: number;
  conf: number;
  id: number;
  /** Region the reading was recorded for, when inherited. */
  from: string | null;
}

/** Own before country-level, then source key: the order `pickObservations` gives. */
const pickBefore = (a: Pick, b: Pick) => a.inherited < b.inherited || (a.inherited === b.inherited && a.key < b.key);

/**
 * One region's place in a sweep: for each indicator and source, the latest reading of its own and of
 * its country's, updated as the months advance, and the scoring of a month in any lens exactly as
 * `scorePrepared` does it (the same evidence kernel on the same items in the same order).
 */
export class RegionState {
  /** Per indicator, its picks in `pickBefore` order. */
  private readonly picks: (Pick[] | undefined)[];
  /** Indicators picked so far, in catalogue order. */
  private readonly active: Int32Array;
  private activeCount = 0;
  private readonly ownOrder: Int32Array;
  private readonly parentOrder: Int32Array;
  private ownAt = 0;
  private parentAt = 0;
  private readonly scratch: Scratch;
  private readonly keys: string[];

  constructor(
    private readonly sweep: Sweep,
    private readonly own: RegionObservations | null,
    private readonly parent: RegionObservations | null,
    /** Code of the region whose observations are inherited (named in drivers). */
    private readonly parentCode: string | null,
  ) {
    const n = sweep.indicators.length;
    this.picks = new Array<Pick[] | undefined>(n);
    this.active = new Int32Array(n);
    this.ownOrder = byMonth(own);
    this.parentOrder = byMonth(parent);
    this.keys = [...sweep.sourceIds.keys()];
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

  private take(obs: RegionObservations, i: number, inherited: 0 | 1): void {
    const ind = obs.indicator[i]!;
    const source = obs.source[i]!;
    const month = obs.month[i]!;
    const id = obs.id[i]!;
    let list = this.picks[ind];
    if (!list) {
      this.picks[ind] = list = [];
      let j = this.activeCount++;
      while (j > 0 && this.active[j - 1]! > ind) {
        this.active[j] = this.active[j - 1]!;
        j--;
      }
      this.active[j] = ind;
    }
    for (const p of list) {
      if (p.source !== source || p.inherited !== inherited) continue;
      if (p.month > month || (p.month === month && p.id >= id)) return;
      p.month = month;
      p.value = obs.value[i]!;
      p.conf = obs.confidence[i]!;
      p.id = id;
      p.from = this.fromOf(obs, i, inherited);
      return;
    }
    const key = this.keys[source] ?? (this.keys[source] = keyOf(this.sweep, source));
    const from = this.fromOf(obs, i, inherited);
    const pick: Pick = { source, key, inherited, month, value: obs.value[i]!, conf: obs.confidence[i]!, id, from };
    let j = list.length;
    list.push(pick);
    while (j > 0 && pickBefore(pick, list[j - 1]!)) {
      list[j] = list[j - 1]!;
      j--;
    }
    list[j] = pick;
  }

  /** The region an inherited reading was recorded for (its own `origin`, else the parent's code). */
  private fromOf(obs: RegionObservations, i: number, inherited: 0 | 1): string | null {
    return inherited === 0 ? null : (obs.origin?.[i] ?? this.parentCode);
  }

  /**
   * Scores month `m` in lens `l` as `scorePrepared` does in summary mode, or null when nothing in the
   * lens is informative. Trends are left null.
   */
  score(l: number, m: number, period: string, regionCode: string, level: 0 | 1 | 2): SweptRow | null {
    const { sweep, scratch: x } = this;
    const lens = sweep.lenses[l]!;
    const w = sweep.weights[l]!;
    const config = lens.config;
    const items = x.items;
    items.clear();
    const tick = ++x.tick;
    const inheritance = config.evidence.inheritance;
    let groups = 0;
    let indicators = 0;
    for (let j = 0; j < this.activeCount; j++) {
      const ind = this.active[j]!;
      const weight = w[ind]!;
      if (weight === 0) continue;
      const pers = sweep.persistence[ind]!;
      let counted = false;
      for (const p of this.picks[ind]!) {
        const age = m - p.month;
        if (age > pers) continue;
        if (items.n === x.ind.length) {
          const grown = new Int32Array(x.ind.length * 2);
          grown.set(x.ind);
          x.ind = grown;
        }
        x.ind[items.n] = ind;
        x.from[items.n] = p.from;
        items.push(
          weight,
          1 - age / (pers + 1),
          p.value,
          p.conf,
          p.inherited === 1,
          sweep.direct[ind] === 1,
          x.slot(p.source),
        );
        if (p.inherited === 0 || inheritance) counted = true;
      }
      if (!counted) continue;
      indicators++;
      const g = sweep.group[ind]!;
      if (x.stamp[g] !== tick) {
        x.stamp[g] = tick;
        groups++;
      }
    }
    if (items.n === 0) return null;
    const r = evidenceScore(items, config, lens.lens === 'tip');
    if (r.counted === 0) return null;
    const coverage = lens.expectedWeight > 0 ? Math.min(1, r.coverageWeight / lens.expectedWeight) : 0;
    return {
      lens: lens.lens,
      level,
      regionCode,
      period,
      score: r.score,
      class: classifyEvidence(r, config),
      coverage,
      confidence: evidenceConfidence(r, coverage, config),
      trend3: null,
      trend12: null,
      drivers: this.drivers(config.driverCount),
      rolledUpFrom: null,
      indicatorsObserved: indicators,
      groupsObserved: groups,
      sourcesObserved: r.sources,
      signsObserved: r.signs,
      ownObserved: r.own,
    };
  }

  /**
   * The `n` indicators with the most points (above 0; an indicator's readings from several sources
   * added up, in item order), ties by id, as `topDrivers` lists them.
   */
  private drivers(n: number): Driver[] {
    const { sweep, scratch: x } = this;
    const { items } = x;
    const top: { ind: number; points: number; inherited: boolean; from: string | null }[] = [];
    for (let j = 0; j < items.n;) {
      const ind = x.ind[j]!;
      const from = x.from[j] ?? null;
      let points = 0;
      let inherited = true;
      for (; j < items.n && x.ind[j] === ind; j++) {
        points += items.points[j]!;
        if (items.inherited[j] === 0) inherited = false;
      }
      if (!(points > 0)) continue;
      let at = top.length;
      while (at > 0 && before(points, ind, top[at - 1]!.points, top[at - 1]!.ind, sweep.idRank)) at--;
      if (at >= n) continue;
      top.splice(at, 0, { ind, points, inherited, from });
      if (top.length > n) top.pop();
    }
    return top.map((t) => {
      const indicator = sweep.indicators[t.ind]!;
      const d: Driver = { indicatorId: indicator.id, label: indicator.label, points: t.points };
      if (t.inherited && t.from !== null) d.region = t.from;
      return d;
    });
  }
}

function keyOf(sweep: Sweep, source: number): string {
  for (const [key, id] of sweep.sourceIds) if (id === source) return key;
  return '';
}

function before(pa: number, ia: number, pb: number, ib: number, rank: Int32Array): boolean {
  return pa > pb || (pa === pb && rank[ia]! < rank[ib]!);
}
