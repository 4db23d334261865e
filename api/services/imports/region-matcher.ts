import type { AsyncDb } from '../../../db/async.ts';
import type { Db } from '../../../db/client.ts';
import { perDataVersionAsync } from '../../../db/data-version.ts';
import { regionMatchAsync, regionMatchData, regionMatchVersion } from '../../../db/queries/imports.ts';
import { perDataVersion } from '../../../db/queries/raw.ts';

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

/** A region offered for a name that matched none, with how alike the two names are (0–1). */
export interface RegionSuggestion {
  code: string;
  name: string;
  score: number;
}

/** Words that say what kind of area a name is, not which: "Borno State", "Ninawa Governorate". */
const AREA_WORDS =
  /\b(state|province|provincia|governorate|gouvernorat|muhafazah|muhafazat|region|region|wilayah|wilaya|vilayet|department|departement|departamento|district|prefecture|prefecture|county|oblast|territory|division|municipality|zone|city|ville)\b/g;

/**
 * A name's skeleton for ranking suggestions: normalised, area words and articles (al-, el-, ad-…)
 * dropped, then common transliteration variants folded (kh/gh/dh/th/sh → k/g/d/t/s, q → k, ou/oo/w
 * → u, ee/ie/y → i, e → a, doubled letters once), keeping letters only. "Ninewa Governorate", "Ninawa"
 * and "Nineveh" come close; the skeleton is for ranking only, never for matching.
 * @example skeleton('Al-Anbar Governorate') === skeleton('Anbar')
 */
export function skeleton(s: string): string {
  return normaliseName(s)
    .replace(AREA_WORDS, ' ')
    .replace(/\b(al|el|ad|ar|as|an|at|az|ash|ath)[-' ]/g, ' ')
    .replace(/[^a-z]/g, '')
    .replace(/([kgdts])h/g, '$1')
    .replace(/q/g, 'k')
    .replace(/ou|oo|w/g, 'u')
    .replace(/ee|ie|y/g, 'i')
    .replace(/e/g, 'a')
    .replace(/(.)\1+/g, '$1');
}

/** Levenshtein distance of two short strings. */
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++)
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]!;
}

/** How alike two names are, 0–1, by the edit distance of their skeletons. */
export function likeness(a: string, b: string): number {
  return skeletonLikeness(skeleton(a), skeleton(b));
}

/** {@link likeness} of two skeletons already made. */
function skeletonLikeness(x: string, y: string): number {
  if (!x || !y) return 0;
  return 1 - distance(x, y) / Math.max(x.length, y.length);
}

/** Looks up regions by code (ISO 3166, Natural Earth, p-code) or exact name, optionally within one country. */
export interface RegionMatcher {
  /** Matches a code or a name; `country` (a country's code or name) narrows names that several countries share. */
  match(value: string, country?: string): RegionMatch;
  /** The country of a region (itself for a country). */
  countryOf(code: string): string | undefined;
  /**
   * Regions whose names (or name aliases) are most like `value`, best first: first-level regions of
   * `country` when it is known, else every first-level region and country; at most `limit`, none
   * below a likeness of 0.6. For a person to confirm, never applied by themselves.
   */
  suggest(value: string, country?: string, limit?: number): RegionSuggestion[];
}

function add(map: Map<string, Set<string>>, key: string, code: string) {
  const s = map.get(key);
  if (s) s.add(code);
  else map.set(key, new Set([code]));
}

/**
 * The matcher of the stored regions and their aliases (kinds `iso`, `ne`, `pcode`, `name`), kept per
 * connection until they change (the one cache policy, `perDataVersion`, with the version narrowed to
 * {@link regionMatchVersion}): an import, a preview or an alias added reuses it instead of reading and
 * indexing every region again, while observation writes in between keep it.
 */
export const regionMatcher: (db: Db) => RegionMatcher = perDataVersion(buildRegionMatcher, regionMatchVersion);

/** {@link regionMatcher} on the awaited interface (either engine), kept by `regionMatchAsync.version`. */
export const regionMatcherAsync: (a: AsyncDb) => Promise<RegionMatcher> = perDataVersionAsync(
  async (a) => matcherOf(await regionMatchAsync.data(a)),
  regionMatchAsync.version,
);

/** Builds a matcher from the stored regions and their aliases. */
function buildRegionMatcher(db: Db): RegionMatcher {
  return matcherOf(regionMatchData(db));
}

/** A matcher of these regions and aliases (as `regionMatchData` reads them; their order does not matter). */
function matcherOf({ regions, aliases }: ReturnType<typeof regionMatchData>): RegionMatcher {
  const byCode = new Map<string, Set<string>>();
  const byName = new Map<string, Set<string>>();
  const country = new Map<string, string>();
  const names = new Map<string, { name: string; spellings: string[] }>();
  const parentOf = new Map(regions.map((r) => [r.code, r.level === 0 ? null : r.parent]));
  // A district's parent is its first-level region, not its country: walk up to the region with no parent.
  const countryOf = (code: string): string => {
    let c = code;
    for (let depth = 0, p = parentOf.get(c); p && parentOf.has(p) && depth < 4; depth++, p = parentOf.get(c)) c = p;
    return parentOf.get(c) ?? c;
  };
  for (const r of regions) {
    add(byCode, r.code.toUpperCase(), r.code);
    add(byName, normaliseName(r.name), r.code);
    country.set(r.code, countryOf(r.code));
    names.set(r.code, { name: r.name, spellings: [r.name] });
  }
  for (const a of aliases) {
    if (a.kind === 'name') {
      add(byName, normaliseName(a.alias), a.regionCode);
      names.get(a.regionCode)?.spellings.push(a.alias);
    } else add(byCode, a.alias.trim().toUpperCase(), a.regionCode);
  }
  const countryCode = (value: string): string | undefined => {
    const hits = [...(byCode.get(value.trim().toUpperCase()) ?? byName.get(normaliseName(value)) ?? [])].filter(
      (c) => country.get(c) === c,
    );
    return hits.length === 1 ? hits[0] : undefined;
  };
  // Skeletons of every region's spellings, made on the first suggestion (most imports need none).
  let skeletons: Map<string, string[]> | null = null;
  const skeletonsOf = (code: string) => {
    skeletons ??= new Map([...names].map(([c, n]) => [c, n.spellings.map(skeleton)]));
    return skeletons.get(code) ?? [];
  };
  const pick = (hits: Set<string> | undefined, within: string | undefined): string[] => {
    const all = [...(hits ?? [])];
    return within ? all.filter((c) => country.get(c) === within) : all;
  };
  return {
    countryOf: (code) => country.get(code),
    suggest(value, countryValue, limit = 3) {
      const within = countryValue?.trim() ? countryCode(countryValue) : undefined;
      const wanted = skeleton(value);
      const out: RegionSuggestion[] = [];
      for (const [code, n] of names) {
        if (within ? country.get(code) !== within || code === within : false) continue;
        const score = Math.max(...skeletonsOf(code).map((sp) => skeletonLikeness(wanted, sp)));
        if (score >= 0.6) out.push({ code, name: n.name, score: Math.round(score * 100) / 100 });
      }
      return out.sort((a, b) => b.score - a.score || a.code.localeCompare(b.code)).slice(0, limit);
    },
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
