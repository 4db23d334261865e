import { CONFIDENCES, LENSES, monthLabel, periodIndex, SCORE_CLASSES } from '../../../indicators/index.ts';
import type { Driver, SweptRow } from '../../../indicators/index.ts';

/**
 * Swept rows in a few flat arrays, what a sweep thread posts back: numbers in typed arrays (copied
 * in one piece between threads) and the text of every row in one string, instead of an object per
 * row that the structured clone would walk field by field on both sides.
 */
export interface PackedRows {
  rows: number;
  /** Per row: score, coverage, trend3, trend12 (NaN for null). */
  reals: Float64Array;
  /** Per row: lens, month index, level, class, confidence (−1 for null), then the five evidence counts. */
  ints: Int32Array;
  /** Per row: region code, the region rolled up from ('' for none) and the drivers as stored JSON, joined by newlines (none of them holds one: JSON escapes it). */
  text: string;
}

const REALS = 4;
const INTS = 10;
const lensIndex = new Map<string, number>(LENSES.map((l, i) => [l, i]));
const classIndex = new Map<string, number>(SCORE_CLASSES.map((c, i) => [c, i]));
const confidenceIndex = new Map<string, number>(CONFIDENCES.map((c, i) => [c, i]));

const indexIn = (table: ReadonlyMap<string, number>, value: string, what: string) => {
  const i = table.get(value);
  if (i === undefined) throw new Error(`unknown ${what} ${value}`);
  return i;
};

/**
 * `JSON.stringify(drivers)`, the same text, built from a cached prefix per indicator (its id and
 * label quoted once): the generic walk over every driver object was the largest cost of packing.
 * A driver with keys other than those of `Driver`, in that order, goes through `JSON.stringify`.
 */
export function driversJson(drivers: readonly Driver[], prefixes: Map<string, string>): string {
  let out = '[';
  for (let i = 0; i < drivers.length; i++) {
    const d = drivers[i]!;
    const keys = Object.keys(d);
    const withRegion = keys.length === 4 && keys[3] === 'region' && typeof d.region === 'string';
    if (
      !(keys.length === 3 || withRegion) ||
      keys[0] !== 'indicatorId' ||
      keys[1] !== 'label' ||
      keys[2] !== 'points' ||
      typeof d.indicatorId !== 'string' ||
      typeof d.label !== 'string' ||
      typeof d.points !== 'number'
    )
      return JSON.stringify(drivers);
    const key = `${d.indicatorId}\n${d.label}`;
    let prefix = prefixes.get(key);
    if (prefix === undefined)
      prefixes.set(
        key,
        (prefix = `{"indicatorId":${JSON.stringify(d.indicatorId)},"label":${JSON.stringify(d.label)},"points":`),
      );
    if (i > 0) out += ',';
    out += prefix;
    out += Number.isFinite(d.points) ? String(d.points) : 'null';
    if (withRegion) out += `,"region":${JSON.stringify(d.region)}`;
    out += '}';
  }
  return out + ']';
}

/** Collects swept rows into {@link PackedRows}. */
export class RowPacker {
  private reals = new Float64Array(REALS * 256);
  private ints = new Int32Array(INTS * 256);
  private text: string[] = [];
  private n = 0;
  private readonly months = new Map<string, number>();
  private readonly driverPrefixes = new Map<string, string>();

  push(r: SweptRow): void {
    if (this.n * INTS === this.ints.length) {
      const reals = new Float64Array(this.reals.length * 2);
      reals.set(this.reals);
      this.reals = reals;
      const ints = new Int32Array(this.ints.length * 2);
      ints.set(this.ints);
      this.ints = ints;
    }
    const f = this.n * REALS;
    this.reals[f] = r.score ?? NaN;
    this.reals[f + 1] = r.coverage;
    this.reals[f + 2] = r.trend3 ?? NaN;
    this.reals[f + 3] = r.trend12 ?? NaN;
    let month = this.months.get(r.period);
    if (month === undefined) this.months.set(r.period, (month = periodIndex(r.period)));
    const k = this.n * INTS;
    const ints = this.ints;
    ints[k] = indexIn(lensIndex, r.lens, 'lens');
    ints[k + 1] = month;
    ints[k + 2] = r.level;
    ints[k + 3] = indexIn(classIndex, r.class, 'class');
    ints[k + 4] = r.confidence === null ? -1 : indexIn(confidenceIndex, r.confidence, 'confidence');
    ints[k + 5] = r.indicatorsObserved;
    ints[k + 6] = r.groupsObserved;
    ints[k + 7] = r.sourcesObserved;
    ints[k + 8] = r.signsObserved;
    ints[k + 9] = r.ownObserved;
    this.text.push(r.regionCode, r.rolledUpFrom ?? '', driversJson(r.drivers, this.driverPrefixes));
    this.n++;
  }

  get rows(): number {
    return this.n;
  }

  /** The rows collected, and a fresh start. */
  take(): PackedRows {
    const out: PackedRows = {
      rows: this.n,
      reals: this.reals.slice(0, this.n * REALS),
      ints: this.ints.slice(0, this.n * INTS),
      text: this.text.join('\n'),
    };
    this.text = [];
    this.n = 0;
    return out;
  }
}

/** The 17 values of each packed row after the scenario, in `scoreInserter`'s column order, handed to `write` row by row. */
export function unpackRows(p: PackedRows, write: (...values: unknown[]) => void): void {
  const text = p.rows > 0 ? p.text.split('\n') : [];
  const periods = new Map<number, string>();
  const real = (v: number) => (Number.isNaN(v) ? null : v);
  for (let i = 0; i < p.rows; i++) {
    const f = i * REALS;
    const k = i * INTS;
    const t = i * 3;
    const m = p.ints[k + 1]!;
    let period = periods.get(m);
    if (period === undefined) periods.set(m, (period = monthLabel(m)));
    const confidence = p.ints[k + 4]!;
    write(
      LENSES[p.ints[k]!],
      period,
      text[t],
      p.ints[k + 2],
      real(p.reals[f]!),
      SCORE_CLASSES[p.ints[k + 3]!],
      p.reals[f + 1],
      confidence < 0 ? null : CONFIDENCES[confidence],
      real(p.reals[f + 2]!),
      real(p.reals[f + 3]!),
      text[t + 2],
      text[t + 1] === '' ? null : text[t + 1],
      p.ints[k + 5],
      p.ints[k + 6],
      p.ints[k + 7],
      p.ints[k + 8],
      p.ints[k + 9],
    );
  }
}
