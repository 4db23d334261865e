import { RISK_CLASSES } from '../../../indicators/index.ts';
import { indicatorLabel } from '../../i18n/catalogue-labels.tsx';

/** The fields of a score row the monitoring view uses. */
export interface MonitorRow {
  region: string;
  name: string;
  score: number | null;
  class: string;
  coverage: number;
  drivers: readonly { label: string; points: number; indicatorId: string; region?: string }[];
}

const classed = (r: MonitorRow | undefined) =>
  r !== undefined && r.score !== null && (RISK_CLASSES as readonly string[]).includes(r.class);

/** A region's change between two months. */
export interface Move {
  region: string;
  name: string;
  before: number;
  now: number;
  delta: number;
  class: string;
  reason: string;
  /** Other regions of the same country that moved alike (one country-level record), folded into this one. */
  alike: number;
}

/**
 * Risers and fallers between the previous month and this one: regions scored in both months, the
 * largest rises and the largest falls first. Regions scored in only one month are not movers (a
 * score appearing is new data, not a rise), nor are regions without a risk class in either month,
 * nor changes below 0.05. Regions of one country that moved alike because of one record made for
 * the whole country (same scores before and after, same class and top driver) fold into the first
 * of them, counting the others, so one record does not fill the list.
 */
export function movers(
  now: readonly MonitorRow[],
  before: readonly MonitorRow[],
  n = 8,
  parentOf: ReadonlyMap<string, string | null> = new Map(),
): { risers: Move[]; fallers: Move[] } {
  const prev = new Map(before.map((r) => [r.region, r]));
  const moves: Move[] = [];
  for (const r of now) {
    const b = prev.get(r.region);
    if (r.score === null || b?.score === null || b?.score === undefined) continue;
    const delta = Math.round((r.score - b.score) * 100) / 100;
    // Below 0.05 a change shows as 0.0; and a region with no risk class in either month is not a mover.
    if (Math.abs(delta) < 0.05 || !(classed(r) || classed(b))) continue;
    moves.push({
      region: r.region,
      name: r.name,
      before: b.score,
      now: r.score,
      delta,
      class: r.class,
      reason: r.drivers[0] ? indicatorLabel(r.drivers[0].indicatorId, r.drivers[0].label) : '',
      alike: 0,
    });
  }
  const byName = (a: Move, b: Move) => a.name.localeCompare(b.name);
  const fold = (list: Move[]) => {
    const out: Move[] = [];
    const seen = new Map<string, Move>();
    for (const m of list) {
      const parent = parentOf.get(m.region);
      const key = parent ? [parent, m.before, m.now, m.class, m.reason].join('|') : null;
      const same = key ? seen.get(key) : undefined;
      if (same) same.alike++;
      else {
        out.push(m);
        if (key) seen.set(key, m);
      }
    }
    return out.slice(0, n);
  };
  return {
    risers: fold(moves.filter((m) => m.delta > 0).sort((a, b) => b.delta - a.delta || byName(a, b))),
    fallers: fold(moves.filter((m) => m.delta < 0).sort((a, b) => a.delta - b.delta || byName(a, b))),
  };
}

/** A region whose evidence dried up. */
export interface CoverageGap {
  region: string;
  name: string;
  /** `missing`: nothing observed now; `insufficient`: too little for a class; `thinning`: coverage at most half of what it was. */
  status: 'missing' | 'insufficient' | 'thinning';
  /** The latest earlier month in which the region had a risk class. */
  lastClassed: string;
  /** Its score then: the risk we have lost sight of. */
  scoreBefore: number;
  coverageNow: number;
  coverageBefore: number;
  /** Other regions of the same country with the very same gap, folded into this entry by {@link foldGaps}. */
  alike: number;
}

/**
 * Coverage gaps: regions that had a risk class in one of the `earlier` months but now have no
 * data, too little for a class, or at most half the coverage they had. Highest earlier score first
 * (the risk we have lost sight of), then the most recent. `earlier` is a list of `[period, rows]`,
 * in any order.
 */
export function coverageGaps(
  now: readonly MonitorRow[],
  earlier: readonly (readonly [string, readonly MonitorRow[]])[],
): CoverageGap[] {
  const past = [...earlier]
    .sort((a, b) => (a[0] < b[0] ? 1 : -1))
    .map(([p, rows]) => [p, new Map(rows.map((r) => [r.region, r]))] as const);
  const gaps: CoverageGap[] = [];
  for (const r of now) {
    const hit = past.find(([, rows]) => classed(rows.get(r.region)));
    if (!hit) continue;
    const before = hit[1].get(r.region)!;
    const status =
      r.score === null || r.class === 'no-data'
        ? 'missing'
        : r.class === 'insufficient-data'
          ? 'insufficient'
          : r.coverage <= before.coverage / 2
            ? 'thinning'
            : null;
    if (status)
      gaps.push({
        region: r.region,
        name: r.name,
        status,
        lastClassed: hit[0],
        scoreBefore: before.score ?? 0,
        coverageNow: r.coverage,
        coverageBefore: before.coverage,
        alike: 0,
      });
  }
  return gaps.sort(
    (a, b) =>
      b.scoreBefore - a.scoreBefore ||
      (a.lastClassed < b.lastClassed ? 1 : a.lastClassed > b.lastClassed ? -1 : 0) ||
      a.name.localeCompare(b.name),
  );
}

/**
 * Folds gaps of regions of one country that are identical (same status, month, score and
 * coverage: one country-level record ageing out) into the first of them, counting the others.
 */
export function foldGaps(gaps: readonly CoverageGap[], parentOf: ReadonlyMap<string, string | null>): CoverageGap[] {
  const out: CoverageGap[] = [];
  const seen = new Map<string, CoverageGap>();
  for (const g of gaps) {
    const parent = parentOf.get(g.region);
    const key = parent
      ? [parent, g.status, g.lastClassed, g.scoreBefore, g.coverageBefore, g.coverageNow].join('|')
      : null;
    const same = key ? seen.get(key) : undefined;
    if (same) {
      same.alike++;
      continue;
    }
    const copy = { ...g };
    out.push(copy);
    if (key) seen.set(key, copy);
  }
  return out;
}
