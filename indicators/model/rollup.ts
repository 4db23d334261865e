import type { RegionScore } from '../types.ts';
import { isRiskClass } from './classify.ts';

/**
 * A country's score on the map: the highest of its own score (from country-level observations) and
 * its first-level regions' scores, so that a hotspot in one province shows on the world map.
 * A classed score always beats an `insufficient-data` one (one thin report in one province must not
 * colour a whole country); on equal scores the country's own wins, then the lower region code.
 * Returns the winner relabelled with the country's code and `rolledUpFrom` naming the region it came
 * from (null when it is the country's own), or `own` when nothing is scored.
 * @example rollUp('IRQ', ownScore, [ninewa, erbil]) // Ninewa's score, rolledUpFrom 'IQ-NI'
 */
export function rollUp(country: string, own: RegionScore | null, regions: readonly RegionScore[]): RegionScore | null {
  let best: RegionScore | null = own && own.score !== null ? own : null;
  const sorted = [...regions].sort((a, b) => a.region.localeCompare(b.region));
  for (const r of sorted) if (r.score !== null && (best === null || beats(r, best))) best = r;
  if (!best) return own ? { ...own, region: country, rolledUpFrom: null } : null;
  if (best === own) return { ...own, region: country, rolledUpFrom: null };
  const from = best.region;
  return {
    ...best,
    region: country,
    rolledUpFrom: from,
    drivers: best.drivers.map((d) => ({ ...d, region: d.region ?? from })),
  };
}

function beats(a: RegionScore, b: RegionScore): boolean {
  const ta = isRiskClass(a.class) ? 1 : 0;
  const tb = isRiskClass(b.class) ? 1 : 0;
  if (ta !== tb) return ta > tb;
  return (a.score ?? -1) > (b.score ?? -1);
}
