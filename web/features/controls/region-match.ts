/** A searchable region. */
export interface SearchableRegion {
  code: string;
  name: string;
  level: number;
  parent: string | null;
}

/** Lower case without accents or punctuation, so "Taizz" finds "Ta'izz" and "sao" finds "São". */
export function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');
}

/**
 * Regions matching a query by code or name, best first: exact code, then names starting with the
 * query, then names containing it; countries before regions on ties. Pure.
 */
export function matchRegions<T extends SearchableRegion>(regions: readonly T[], query: string, limit = 8): T[] {
  const q = fold(query);
  if (!q) return [];
  const scored: { r: T; rank: number }[] = [];
  for (const r of regions) {
    const code = fold(r.code);
    const name = fold(r.name);
    const rank =
      code === q ? 0 : name === q ? 1 : name.startsWith(q) ? 2 : code.startsWith(q) ? 3 : name.includes(q) ? 4 : -1;
    if (rank >= 0) scored.push({ r, rank: rank * 2 + (r.level === 0 ? 0 : 1) });
  }
  return scored
    .sort((a, b) => a.rank - b.rank || a.r.name.localeCompare(b.r.name))
    .slice(0, limit)
    .map((s) => s.r);
}
