import { changeBin, type ChangeBin } from '../../charts/change-colors.ts';
import type { ScenarioMove } from '../../../indicators/index.ts';
import { t, translated } from '../../i18n/messages.ts';

/** The fields of a score row a comparison needs. */
export interface CompareRow {
  region: string;
  name: string;
  score: number | null;
  class: string;
  /** `own`, `country` (its country's records only) or `none` (v2 score rows). */
  basis?: string;
  /** Trafficking lens: scored on conditions only, no direct sign of the region's own. */
  conditionsOnly?: boolean;
}

/** What a score stands on, for telling whether two scores can be compared. */
type Standing = 'none' | 'country' | 'insufficient' | 'conditions' | 'signs';

/** Each standing in words, in the page's language. */
const STANDING_TEXT: Readonly<Record<Standing, string>> = translated(
  ['none', 'country', 'insufficient', 'conditions', 'signs'] as const,
  (s) => `compare.standing.${s}`,
);

function standing(r: CompareRow | undefined): Standing {
  if (!r || r.class === 'no-data') return r?.basis === 'country' ? 'country' : 'none';
  if (r.basis === 'country') return 'country';
  if (r.score === null) return 'none';
  if (r.class === 'insufficient-data') return 'insufficient';
  return r.conditionsOnly ? 'conditions' : 'signs';
}

/**
 * Why two scores of a region are not comparable, or null if they are: a score resting on conditions
 * only and one with a direct sign measure different things (the trafficking lens caps the first),
 * and a change to or from insufficient data, no data or country-level records only is a change in
 * the evidence, not in the risk. Such changes are listed apart, never as a rise or a fall.
 * @example notComparable({ ...x, conditionsOnly: true }, { ...x, conditionsOnly: false }) // "conditions only → direct signs"
 */
export function notComparable(before: CompareRow | undefined, after: CompareRow | undefined): string | null {
  const a = standing(before);
  const b = standing(after);
  if (a === b) return a === 'none' || a === 'country' ? STANDING_TEXT[a] : null;
  return t('compare.standingChange', { before: STANDING_TEXT[a], after: STANDING_TEXT[b] });
}

/** One region compared between two states (two months, or baseline and scenario). */
export interface Change {
  region: string;
  name: string;
  before: number | null;
  after: number | null;
  /** after − before, or null when either is missing (never treated as 0). */
  delta: number | null;
  beforeClass: string;
  afterClass: string;
  bin: ChangeBin;
  /** Extra context, e.g. a rank change between scenarios. */
  note?: string;
  /** Why the two scores cannot be compared (then `delta` is null), e.g. "conditions only → direct signs". */
  notComparable?: string;
}

/**
 * Pairs two score sets region by region; regions in either set appear once. A pair that cannot be
 * compared (see {@link notComparable}) gets no change, and says why.
 */
export function compareScores(before: readonly CompareRow[], after: readonly CompareRow[]): Change[] {
  const a = new Map(after.map((r) => [r.region, r]));
  const b = new Map(before.map((r) => [r.region, r]));
  const codes = new Set([...b.keys(), ...a.keys()]);
  const out: Change[] = [];
  for (const code of codes) {
    const x = b.get(code);
    const y = a.get(code);
    const before = x?.score ?? null;
    const after = y?.score ?? null;
    const why = notComparable(x, y);
    const delta = before !== null && after !== null && why === null ? Math.round((after - before) * 100) / 100 : null;
    out.push({
      region: code,
      name: y?.name ?? x?.name ?? code,
      before,
      after,
      delta,
      beforeClass: x?.class ?? 'no-data',
      afterClass: y?.class ?? 'no-data',
      bin: changeBin(delta),
      ...(why !== null && (before !== null || after !== null) ? { notComparable: why } : {}),
    });
  }
  return out;
}

/**
 * The changes a hover on the compare map is answered from, by region code: the level's own, and at
 * district level also the first-level regions' the map draws until it is zoomed in (a district's own
 * change wins if a code were in both). Without them a first-level region hovered at district level
 * reads "no score".
 */
export function changesByCode(changes: readonly Change[], regionChanges: readonly Change[] = []): Map<string, Change> {
  return new Map([...regionChanges, ...changes].map((c) => [c.region, c]));
}

/**
 * Regions whose two scores cannot be compared (a change between conditions only and direct signs,
 * or to or from insufficient data, no data or country-level records only), by name: listed apart
 * from the rises and falls.
 */
export function notComparableChanges(changes: readonly Change[]): Change[] {
  return changes.filter((c) => c.notComparable !== undefined).sort((x, y) => x.name.localeCompare(y.name));
}

/**
 * The `n` largest changes by size (rises and falls together), then by name. Missing changes are
 * left out, and so are changes that round to 0.0 unless the class or rank changed with them.
 */
export function largestChanges(changes: readonly Change[], n = 20): Change[] {
  return changes
    .filter(
      (c): c is Change & { delta: number } =>
        c.delta !== null && (Math.abs(c.delta) >= 0.05 || c.beforeClass !== c.afterClass || c.note !== undefined),
    )
    .sort((x, y) => Math.abs(y.delta) - Math.abs(x.delta) || x.name.localeCompare(y.name))
    .slice(0, n);
}

/** Counts for the summary line: how many rose, fell, stayed within ±0.25, or cannot be compared. */
export function changeSummary(changes: readonly Change[]): {
  rose: number;
  fell: number;
  same: number;
  missing: number;
} {
  const s = { rose: 0, fell: 0, same: 0, missing: 0 };
  for (const c of changes) {
    if (c.delta === null) {
      if (c.before !== null || c.after !== null) s.missing++;
    } else if (c.bin === 'same') s.same++;
    else if (c.delta > 0) s.rose++;
    else s.fell++;
  }
  return s;
}

/** What a scenario comparison reports for one region (`/api/scenarios/{id}/compare` moves). */
export type ScenarioMoveRow = Omit<ScenarioMove, 'rankChange' | 'classChanged'> & { name: string };

/**
 * Changes from a scenario comparison, completed with every other region of `all` (unscored in both,
 * so "not comparable") so that a map coloured from them leaves no stale colour behind.
 */
export function scenarioChanges(
  moves: readonly ScenarioMoveRow[],
  all: readonly { region: string; name: string }[],
): Change[] {
  const out: Change[] = moves.map((m) => ({
    region: m.region,
    name: m.name,
    before: m.baseScore,
    after: m.altScore,
    delta: m.delta,
    beforeClass: m.baseClass,
    afterClass: m.altClass,
    bin: changeBin(m.delta),
    note:
      m.baseRank !== null && m.altRank !== null && m.baseRank !== m.altRank
        ? t('compare.rank', { before: m.baseRank, after: m.altRank })
        : undefined,
  }));
  const seen = new Set(out.map((c) => c.region));
  for (const r of all)
    if (!seen.has(r.region))
      out.push({
        region: r.region,
        name: r.name,
        before: null,
        after: null,
        delta: null,
        beforeClass: 'no-data',
        afterClass: 'no-data',
        bin: changeBin(null),
      });
  return out;
}
