import type { Contribution, Driver } from '../types.ts';

/**
 * The contributions with the most points, as short drivers (ties broken by id for stability).
 * `sources` names, by indicator id, the region an observation was recorded for when it is not the
 * scored region (a country-level observation inherited by a province).
 * @example topDrivers(score.contributions, 3)[0].label
 */
export function topDrivers(
  contributions: readonly Pick<Contribution, 'indicatorId' | 'label' | 'points'>[],
  n: number,
  sources: ReadonlyMap<string, string> = new Map(),
): Driver[] {
  return contributions
    .filter((c) => c.points > 0)
    .sort((a, b) => b.points - a.points || a.indicatorId.localeCompare(b.indicatorId))
    .slice(0, n)
    .map((c) => {
      const region = sources.get(c.indicatorId);
      return { indicatorId: c.indicatorId, label: c.label, points: c.points, ...(region ? { region } : {}) };
    });
}
