import type { RegionScore } from '../types.ts';

/**
 * A country's score on the map: its own score (from country-level observations) or its highest
 * scored region, whichever is higher, so that a hotspot in one province shows on the world map.
 * Returns the winning score relabelled with the country's code, or null when neither exists.
 * @example rollUp('IRQ', ownScore, [ninewa, erbil]) // Ninewa's score when it is the highest
 */
export function rollUp(country: string, own: RegionScore | null, regions: readonly RegionScore[]): RegionScore | null {
  let best = own && own.score !== null ? own : null;
  for (const r of regions) if (r.score !== null && (best === null || (best.score ?? -1) < r.score)) best = r;
  if (!best) return own;
  return { ...best, region: country };
}
