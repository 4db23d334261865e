import type { Db } from '../../../db/client.ts';
import { regionMatchData } from '../../../db/queries/imports.ts';

/** How a region was found, or why not. */
export type RegionMatch =
  | { ok: true; code: string; by: 'code' | 'name' }
  | { ok: false; reason: 'unmatched' | 'ambiguous'; candidates?: string[] };

/**
 * A name reduced for comparison: Unicode-decomposed, accents and other marks dropped, case folded,
 * typographic apostrophes unified and runs of spaces collapsed. "Nīnawá" and "NINAWA" compare equal;
 * spelling variants ("Ninewa") do not: only exact names match, by design.
 */
export function normaliseName(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[’‘`´ʼ]/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}

/** Looks up regions by code (ISO 3166, Natural Earth, p-code) or exact name, optionally within one country. */
export interface RegionMatcher {
  /** Matches a code or a name; `country` (a country's code or name) narrows names that several countries share. */
  match(value: string, country?: string): RegionMatch;
  /** The country of a region (itself for a country). */
  countryOf(code: string): string | undefined;
}

function add(map: Map<string, Set<string>>, key: string, code: string) {
  const s = map.get(key);
  if (s) s.add(code);
  else map.set(key, new Set([code]));
}

/** Builds a matcher from the stored regions and their aliases (kinds `iso`, `ne`, `pcode`, `name`). */
export function createRegionMatcher(db: Db): RegionMatcher {
  const { regions, aliases } = regionMatchData(db);
  const byCode = new Map<string, Set<string>>();
  const byName = new Map<string, Set<string>>();
  const country = new Map<string, string>();
  for (const r of regions) {
    add(byCode, r.code.toUpperCase(), r.code);
    add(byName, normaliseName(r.name), r.code);
    country.set(r.code, r.level === 0 ? r.code : (r.parent ?? r.code));
  }
  for (const a of aliases) {
    if (a.kind === 'name') add(byName, normaliseName(a.alias), a.regionCode);
    else add(byCode, a.alias.trim().toUpperCase(), a.regionCode);
  }
  const countryCode = (value: string): string | undefined => {
    const hits = [...(byCode.get(value.trim().toUpperCase()) ?? byName.get(normaliseName(value)) ?? [])].filter(
      (c) => country.get(c) === c,
    );
    return hits.length === 1 ? hits[0] : undefined;
  };
  const pick = (hits: Set<string> | undefined, within: string | undefined): string[] => {
    const all = [...(hits ?? [])];
    return within ? all.filter((c) => country.get(c) === within) : all;
  };
  return {
    countryOf: (code) => country.get(code),
    match(value, countryValue) {
      const within = countryValue?.trim() ? countryCode(countryValue) : undefined;
      if (countryValue?.trim() && !within) return { ok: false, reason: 'unmatched' };
      const v = value.trim();
      if (!v) return within ? { ok: true, code: within, by: 'code' } : { ok: false, reason: 'unmatched' };
      const codes = pick(byCode.get(v.toUpperCase()), within);
      if (codes.length === 1) return { ok: true, code: codes[0]!, by: 'code' };
      const names = pick(byName.get(normaliseName(v)), within);
      if (names.length === 1) return { ok: true, code: names[0]!, by: 'name' };
      const candidates = [...new Set([...codes, ...names])].sort();
      return candidates.length > 1
        ? { ok: false, reason: 'ambiguous', candidates }
        : { ok: false, reason: 'unmatched' };
    },
  };
}
