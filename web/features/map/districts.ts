/** A region as `/api/regions` lists it (what {@link districtCountries} reads). */
interface RegionRef {
  code: string;
  level: number;
  parent: string | null;
}

/**
 * Countries that have districts (admin-2 regions of a user boundary set, under their first-level
 * regions), in code order: where the map can drill down. Pure.
 * @example districtCountries(regions) // ['IRQ', 'NGA']
 */
export function districtCountries(regions: readonly RegionRef[]): string[] {
  const parentOf = new Map(regions.map((r) => [r.code, r.parent]));
  const out = new Set<string>();
  for (const r of regions) {
    if (r.level !== 2 || !r.parent) continue;
    const country = parentOf.get(r.parent);
    if (country) out.add(country);
  }
  return [...out].sort();
}
