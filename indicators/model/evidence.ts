import { CONFIDENCES, INSUFFICIENT_DATA, NO_DATA, type Confidence, type ScoreClass } from '../vocabulary.ts';
import type { ModelConfig } from './config.ts';

/**
 * One region-month's evidence in one lens, in flat arrays: what {@link evidenceScore} reads. A
 * scorer clears it, pushes the informative observation of each indicator in catalogue order (the
 * order fixes the floating-point sums, so the reference scorer and the fast sweep agree bit for bit),
 * then reads the points back. Sized once for a catalogue and reused.
 */
export class EvidenceItems {
  n = 0;
  /** Sources met so far: items carry a slot 0..sourceCount−1, numbered in order of first appearance. */
  sourceCount = 0;
  weight: Float64Array;
  age: Float64Array;
  value: Float64Array;
  conf: Uint8Array;
  inherited: Uint8Array;
  direct: Uint8Array;
  source: Int32Array;
  /** Output: the points each item adds to the score (negative for "looked for, not found"). */
  points: Float64Array;
  /** Output: each item's hazard after its source's cap (absence items: their capped absence, negated). */
  hazard: Float64Array;
  private srcHazard: Float64Array;
  private srcAbsence: Float64Array;
  private srcUsed: Uint8Array;
  /** Each source's hazard and absence after its cap (computed once, read again for every item). */
  private srcHazardCapped: Float64Array;
  private srcAbsenceCapped: Float64Array;

  /** Room for `capacity` items to start with; it grows as needed. */
  constructor(capacity: number) {
    capacity = Math.max(8, capacity);
    this.weight = new Float64Array(capacity);
    this.age = new Float64Array(capacity);
    this.value = new Float64Array(capacity);
    this.conf = new Uint8Array(capacity);
    this.inherited = new Uint8Array(capacity);
    this.direct = new Uint8Array(capacity);
    this.source = new Int32Array(capacity);
    this.points = new Float64Array(capacity);
    this.hazard = new Float64Array(capacity);
    this.srcHazard = new Float64Array(capacity);
    this.srcAbsence = new Float64Array(capacity);
    this.srcUsed = new Uint8Array(capacity);
    this.srcHazardCapped = new Float64Array(capacity);
    this.srcAbsenceCapped = new Float64Array(capacity);
  }

  /** Empties the buffer for the next region-month. */
  clear(): void {
    this.n = 0;
    this.sourceCount = 0;
  }

  /**
   * Adds one indicator's informative observation: its lens weight, age factor, normalised value,
   * confidence (index in `CONFIDENCES`), whether it was recorded for the parent country, whether the
   * indicator is direct, and its source slot (0..; a new slot must be `sourceCount`).
   */
  push(weight: number, age: number, value: number, conf: number, inherited: boolean, direct: boolean, source: number) {
    if (this.n === this.weight.length) this.grow();
    const i = this.n++;
    this.weight[i] = weight;
    this.age[i] = age;
    this.value[i] = value;
    this.conf[i] = conf;
    this.inherited[i] = inherited ? 1 : 0;
    this.direct[i] = direct ? 1 : 0;
    this.source[i] = source;
    if (source >= this.sourceCount) this.sourceCount = source + 1;
  }

  private grow(): void {
    const size = this.weight.length * 2;
    const f64 = (a: Float64Array) => {
      const b = new Float64Array(size);
      b.set(a);
      return b;
    };
    const u8 = (a: Uint8Array) => {
      const b = new Uint8Array(size);
      b.set(a);
      return b;
    };
    const i32 = new Int32Array(size);
    i32.set(this.source);
    this.weight = f64(this.weight);
    this.age = f64(this.age);
    this.value = f64(this.value);
    this.conf = u8(this.conf);
    this.inherited = u8(this.inherited);
    this.direct = u8(this.direct);
    this.source = i32;
    this.points = f64(this.points);
    this.hazard = f64(this.hazard);
    this.srcHazard = f64(this.srcHazard);
    this.srcAbsence = f64(this.srcAbsence);
    this.srcUsed = u8(this.srcUsed);
    this.srcHazardCapped = f64(this.srcHazardCapped);
    this.srcAbsenceCapped = f64(this.srcAbsenceCapped);
  }

  /** Internal scratch for {@link evidenceScore}. */
  scratch() {
    return {
      srcHazard: this.srcHazard,
      srcAbsence: this.srcAbsence,
      srcUsed: this.srcUsed,
      srcHazardCapped: this.srcHazardCapped,
      srcAbsenceCapped: this.srcAbsenceCapped,
    };
  }
}

/**
 * One source's evidence after its cap: `cap · tanh(x / cap)`, which grows with `x` (so more or
 * fresher evidence from a source always counts for more) but never reaches `cap` (so no source,
 * however many indicators it reports, brings more than `cap`). Nearly `x` while `x` is small against
 * the cap (a source reporting one or two signs keeps almost all of their weight).
 * @example saturate(0.1, 0.9) // 0.0996…
 */
export function saturate(x: number, cap: number): number {
  return cap * Math.tanh(x / cap);
}

/** What {@link evidenceScore} finds in one region-month's evidence. */
export interface EvidenceResult {
  /** 0..10, or null when the region has no evidence of its own (country-level records only, or nothing). */
  score: number | null;
  /** Σ hazard after the per-source caps: how much independent evidence of risk there is. */
  strength: number;
  /** Σ absence after the per-source caps: how much "looked for, not found" there is. */
  absence: number;
  /** The score before the conditions ceiling and absence: `10 · (1 − e^(−strength))`. */
  raw: number;
  /** True when the trafficking lens's conditions ceiling lowered the score (no direct sign of its own). */
  ceiling: boolean;
  /** Independent sources behind the counted items (own and inherited). */
  sources: number;
  /** Counted items recorded for the region itself. */
  own: number;
  /** Direct indicators above neutral recorded for the region itself. */
  signs: number;
  /** Items counted (country-level ones only while inheritance is on). */
  counted: number;
  /** Σ weight · age factor (country-level records discounted): the numerator of coverage. */
  coverageWeight: number;
  /** Σ weight of the counted items (the age factor left out): staleness compares the two. */
  weightSum: number;
  /** Σ weight · age factor of the counted items, and of those among them that are country-level. */
  agedWeight: number;
  inheritedWeight: number;
  /** Σ weight · age factor · confidence index (0 low, 1 medium, 2 high) of the counted items. */
  confidenceWeight: number;
}

/**
 * The evidence model (method `v2`). Each counted item brings a hazard
 * `h = λ · w · f · q · v` (weight, age factor, confidence factor, normalised value; country-level
 * records ×ρ) when its value is above neutral, or an absence `g = δ · w · f · q` when it was looked for
 * and not found (value 0). Per source, hazards add up and saturate below `sourceCap`, absences below
 * `absenceCap` (see {@link saturate}), so one feed or one document cannot stack itself to the top. Then
 * `score = 10 · (1 − e^(−H)) · e^(−G)`, lowered to the conditions ceiling in the trafficking lens when
 * the region has no direct sign of its own. Adding an item above neutral never lowers `H`, so never
 * the score; an absence can lower it; ageing lowers every item. Points are exact: item i gets
 * `raw · hᵢ/H` (absences share `−raw · (1 − e^(−G))` by `gᵢ/G`), all scaled by the ceiling when it
 * applies, so they add up to the score. Without any item recorded for the region itself the score
 * is null: country-level records are shown beside a region, never as its score.
 * @example const items = new EvidenceItems(10); items.push(1.5, 1, 1, 2, false, true, 0); evidenceScore(items, MODEL_CONFIG, true).score // 4.51
 */
export function evidenceScore(items: EvidenceItems, config: ModelConfig, tipLens: boolean): EvidenceResult {
  const ev = config.evidence;
  const { srcHazard, srcAbsence, srcUsed, srcHazardCapped, srcAbsenceCapped } = items.scratch();
  const n = items.n;
  srcHazard.fill(0, 0, items.sourceCount);
  srcAbsence.fill(0, 0, items.sourceCount);
  srcUsed.fill(0, 0, items.sourceCount);
  let own = 0;
  let signs = 0;
  let counted = 0;
  let coverageWeight = 0;
  let weightSum = 0;
  let agedWeight = 0;
  let inheritedWeight = 0;
  let confidenceWeight = 0;
  for (let i = 0; i < n; i++) {
    const inherited = items.inherited[i] === 1;
    if (inherited && !ev.inheritance) {
      items.hazard[i] = 0;
      continue;
    }
    const conf = items.conf[i]!;
    const wf = items.weight[i]! * items.age[i]!;
    const base = wf * ev.confidenceFactor[CONFIDENCES[conf]!] * (inherited ? ev.inheritedDiscount : 1);
    const v = items.value[i]!;
    const s = items.source[i]!;
    srcUsed[s] = 1;
    counted++;
    coverageWeight += inherited ? wf * ev.inheritedDiscount : wf;
    weightSum += items.weight[i]!;
    agedWeight += wf;
    confidenceWeight += wf * conf;
    if (inherited) inheritedWeight += wf;
    else own++;
    if (v > 0) {
      const h = ev.hazardPerWeight * base * v;
      items.hazard[i] = h;
      srcHazard[s] = srcHazard[s]! + h;
      if (!inherited && items.direct[i] === 1) signs++;
    } else {
      const g = ev.absencePerWeight * base;
      items.hazard[i] = -g;
      srcAbsence[s] = srcAbsence[s]! + g;
    }
  }
  let strength = 0;
  let absence = 0;
  let sources = 0;
  for (let s = 0; s < items.sourceCount; s++) {
    if (srcUsed[s] === 0) continue;
    sources++;
    const hazardCapped = saturate(srcHazard[s]!, ev.sourceCap);
    const absenceCapped = saturate(srcAbsence[s]!, ev.absenceCap);
    srcHazardCapped[s] = hazardCapped;
    srcAbsenceCapped[s] = absenceCapped;
    strength += hazardCapped;
    absence += absenceCapped;
  }
  const raw = 10 * (1 - Math.exp(-strength));
  const kept = Math.exp(-absence);
  const before = raw * kept;
  const ceiling = tipLens && signs === 0 && before > ev.conditionsCeiling;
  const score = own === 0 ? null : ceiling ? ev.conditionsCeiling : before;
  const scale = score === null || before === 0 ? 0 : score / before;
  for (let i = 0; i < n; i++) {
    const h = items.hazard[i]!;
    if (h === 0) {
      items.points[i] = 0;
      continue;
    }
    const s = items.source[i]!;
    if (h > 0) {
      const capped = (h * srcHazardCapped[s]!) / srcHazard[s]!;
      items.hazard[i] = capped;
      items.points[i] = strength > 0 ? ((raw * capped) / strength) * scale : 0;
    } else {
      const capped = (-h * srcAbsenceCapped[s]!) / srcAbsence[s]!;
      items.hazard[i] = -capped;
      items.points[i] = absence > 0 ? ((-raw * (1 - kept) * capped) / absence) * scale : 0;
    }
  }
  return {
    score,
    strength,
    absence,
    raw,
    ceiling,
    sources,
    own,
    signs,
    counted,
    coverageWeight,
    weightSum,
    agedWeight,
    inheritedWeight,
    confidenceWeight,
  };
}

/**
 * The class of an evidence score: `no-data` when nothing was counted; `insufficient-data` when the
 * region has no evidence of its own or fewer than `minSources` independent sources stand behind it;
 * otherwise the highest class whose lower bound the score reaches.
 * @example classifyEvidence({ score: 7.1, sources: 2, counted: 3 }, MODEL_CONFIG) === 'high'
 */
export function classifyEvidence(
  r: Pick<EvidenceResult, 'score' | 'sources' | 'counted'>,
  config: ModelConfig,
): ScoreClass {
  if (r.counted === 0) return NO_DATA;
  if (r.score === null || r.sources < config.evidence.minSources) return INSUFFICIENT_DATA;
  let cls: ScoreClass = INSUFFICIENT_DATA;
  for (const t of config.classThresholds) if (r.score >= t.min) cls = t.class;
  return cls;
}

/**
 * The confidence grade of an evidence score, or null when it has no score: the lowest of the
 * coverage grade (share of the lens's weight observed), the sources grade (independent sources) and
 * the analysts' own confidence (mean, weighted by weight × age factor), one step lower again when the
 * evidence is mostly stale (weighted age factor below `staleAgeFactor`) and when it is mostly
 * country-level (inherited share above `inheritedShareLimit`). So "medium" needs at least
 * `confidenceCoverage.medium` of the lens observed and two sources; 2 % coverage is always "low".
 * @example evidenceConfidence(result, 0.02, MODEL_CONFIG) === 'low'
 */
export function evidenceConfidence(r: EvidenceResult, coverage: number, config: ModelConfig): Confidence | null {
  if (r.score === null || r.agedWeight === 0) return null;
  const ev = config.evidence;
  const coverageGrade = coverage >= ev.confidenceCoverage.high ? 2 : coverage >= ev.confidenceCoverage.medium ? 1 : 0;
  const sourceGrade = r.sources >= ev.confidenceSources.high ? 2 : r.sources >= ev.confidenceSources.medium ? 1 : 0;
  const analysts = Math.round(r.confidenceWeight / r.agedWeight);
  const stale = r.agedWeight / r.weightSum < config.staleAgeFactor ? 1 : 0;
  const borrowed = r.inheritedWeight / r.agedWeight > config.inheritedShareLimit ? 1 : 0;
  return CONFIDENCES[Math.max(0, Math.min(coverageGrade, sourceGrade, analysts) - stale - borrowed)] ?? 'low';
}
