import type { ModelObservation, Period } from '../types.ts';
import { NO_DATA, type Lens } from '../vocabulary.ts';
import { scoreFamilies, type RegionRef } from './batch.ts';
import type { PreparedLens } from './lens.ts';

/** How many region-months change class between two methods in one lens. */
export interface ClassChanges {
  lens: Lens;
  /** Region-months (both levels) scored under either method. */
  regionMonths: number;
  changed: number;
  /** Changes by pair, `v1 class→v2 class` (a side without a row is `no-data`), most frequent first. */
  transitions: { from: string; to: string; count: number }[];
}

/**
 * Counts the region-months (countries and first-level regions, every month) whose class differs
 * between a lens prepared under one method and the same lens under another. A region-month scored
 * under one method only counts as `no-data` under the other.
 * @example classChanges(v1Tip, v2Tip, regions, byRegion, periods).changed
 */
export function classChanges(
  from: PreparedLens,
  to: PreparedLens,
  regions: readonly RegionRef[],
  byRegion: ReadonlyMap<string, readonly ModelObservation[]>,
  periods: readonly Period[],
): ClassChanges {
  const classes = (lens: PreparedLens) =>
    new Map(
      scoreFamilies({ lens, periods, regions, byRegion }).map((r) => [
        `${r.level}|${r.score.region}|${r.score.period}`,
        r.score.class as string,
      ]),
    );
  const a = classes(from);
  const b = classes(to);
  const counts = new Map<string, number>();
  let changed = 0;
  const keys = new Set([...a.keys(), ...b.keys()]);
  for (const k of keys) {
    const x = a.get(k) ?? NO_DATA;
    const y = b.get(k) ?? NO_DATA;
    if (x === y) continue;
    changed++;
    counts.set(`${x}→${y}`, (counts.get(`${x}→${y}`) ?? 0) + 1);
  }
  const transitions = [...counts]
    .map(([pair, count]) => {
      const [f, t] = pair.split('→');
      return { from: f!, to: t!, count };
    })
    .sort((p, q) => q.count - p.count || p.from.localeCompare(q.from) || p.to.localeCompare(q.to));
  return { lens: to.lens, regionMonths: keys.size, changed, transitions };
}
