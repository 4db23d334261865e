import type { PatternKind } from '../../charts/patterns.ts';
import type { RegionFeature } from './map-svg.ts';

/** One level's shapes and what colours them, as an export draws them. */
export interface ExportLayer {
  features: readonly RegionFeature[];
  /** Drawn over `features` (districts over the first-level regions). */
  over?: readonly RegionFeature[];
  scores: readonly { code: string; category: string; score?: number | null; pattern?: PatternKind | null }[];
}

/**
 * The map of a district export, drawn as the dashboard draws it: the first-level regions, and over
 * them (after them, so on top) the districts of the sets in force in the export's month, each
 * coloured by its own score. A district sharing a code with a region replaces it. Pure.
 * @example overlayDistricts(regions, districts).over // the districts, drawn last
 */
export function overlayDistricts(regions: ExportLayer, districts: ExportLayer): ExportLayer {
  const own = new Set(districts.features.map((f) => f.properties.code));
  const scored = new Set(districts.scores.map((s) => s.code));
  return {
    features: regions.features.filter((f) => !own.has(f.properties.code)),
    over: districts.features,
    scores: [...regions.scores.filter((s) => !scored.has(s.code)), ...districts.scores],
  };
}

/** The credit the bundled Natural Earth boundaries ask for (as `GET /api/export/metadata` words it). */
export const NATURAL_EARTH_CREDIT = 'Made with Natural Earth';

/**
 * Credits of a district export: the district sets' own (each names its source and licence, as the
 * API gives them for the month), and Natural Earth's, since countries and first-level regions are
 * drawn around the districts. Pure.
 */
export function districtCredits(attribution: readonly string[]): string[] {
  return attribution.some((a) => /natural earth/i.test(a)) ? [...attribution] : [...attribution, NATURAL_EARTH_CREDIT];
}
