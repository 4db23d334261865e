import type { ModelObservation, Period } from '../types.ts';
import { CONFIDENCES } from '../vocabulary.ts';
import { periodIndex, retiredIndexes } from '../period.ts';
import type { RegionRef } from './batch.ts';
import { compactObservations, sweepFamily, type Family, type FamilyDistrict } from './sweep.ts';
import type { RegionObservations, Sweep, SweptRow } from './sweep-types.ts';

/**
 * Groups observations into the families {@link sweepFamily} scores: each country with its
 * first-level regions and their districts, and each first-level region whose parent is not a
 * country on its own (districts under such a region are not scored).
 * Observations of unknown regions or indicators are left out. `countries` limits the families to
 * some countries (their regions included), as `scoreFamilies` does.
 * @example familiesOf(sweep, observations, regions).length // countries with evidence, plus orphans
 */
export function familiesOf(
  sweep: Sweep,
  obs: readonly ModelObservation[],
  regions: readonly RegionRef[],
  countries?: ReadonlySet<string>,
): Family[] {
  const own = new Map<
    string,
    { indicator: number; month: number; value: number; confidence: number; source: string; id: number }[]
  >();
  for (const o of obs) {
    const indicator = sweep.indexOf.get(o.indicatorId);
    if (indicator === undefined) continue;
    const row = {
      indicator,
      month: periodIndex(o.period),
      value: o.value,
      confidence: CONFIDENCES.indexOf(o.confidence),
      source: o.source,
      id: o.id,
    };
    const list = own.get(o.regionCode);
    if (list) list.push(row);
    else own.set(o.regionCode, [row]);
  }
  const compact = new Map<string, RegionObservations>();
  const of = (code: string | null) => {
    if (code === null || !own.has(code)) return null;
    let c = compact.get(code);
    if (!c) compact.set(code, (c = compactObservations(sweep, own.get(code)!)));
    return { code, observations: c };
  };
  const isCountry = new Set(regions.filter((r) => r.level === 0).map((r) => r.code));
  const districts = districtsOf(regions, isCountry, (code) => own.has(code), of);
  const families = new Map<string, Family & { regions: Family['regions'][number][]; otherRegions: string[] }>();
  const family = (code: string) => {
    let f = families.get(code);
    if (!f) families.set(code, (f = { country: code, parent: of(code), regions: [], otherRegions: [], districts }));
    return f;
  };
  const orphans: Family[] = [];
  for (const r of regions) {
    if (r.level === 0 && own.has(r.code) && (!countries || countries.has(r.code))) family(r.code);
    if (r.level !== 1) continue;
    const mine = of(r.code);
    if (r.parent && isCountry.has(r.parent)) {
      if (countries && !countries.has(r.parent)) continue;
      if (!mine && !own.has(r.parent) && !districts.has(r.code)) continue;
      const f = family(r.parent);
      if (mine) f.regions.push(mine);
      else f.otherRegions.push(r.code);
    } else if (!countries) {
      const parent = of(r.parent);
      if (mine || parent)
        orphans.push({ country: null, parent, regions: mine ? [mine] : [], otherRegions: mine ? [] : [r.code] });
    }
  }
  return [...families.values(), ...orphans];
}

/**
 * Districts to sweep under each first-level region of a country: those with observations of their
 * own, and those without when their region or country has some (they inherit them); a retired
 * one with the month its scores stop.
 */
function districtsOf(
  regions: readonly RegionRef[],
  isCountry: ReadonlySet<string>,
  hasOwn: (code: string) => boolean,
  of: (code: string) => { code: string; observations: RegionObservations } | null,
): Map<string, FamilyDistrict[]> {
  const countryOf = new Map<string, string>();
  for (const r of regions) if (r.level === 1 && r.parent && isCountry.has(r.parent)) countryOf.set(r.code, r.parent);
  const out = new Map<string, FamilyDistrict[]>();
  for (const r of regions) {
    const country = r.level === 2 && r.parent ? countryOf.get(r.parent) : undefined;
    if (!country) continue;
    if (!hasOwn(r.code) && !hasOwn(r.parent!) && !hasOwn(country)) continue;
    const d: FamilyDistrict = { code: r.code, observations: of(r.code)?.observations ?? null };
    const retired = retiredIndexes(r);
    if (retired.length) d.retired = retired;
    const list = out.get(r.parent!);
    if (list) list.push(d);
    else out.set(r.parent!, [d]);
  }
  return out;
}

/**
 * Every stored row for some months, computed by sweeping each family: the same rows as
 * `scoreFamilies` run for each lens (in the stored shape), in no particular order.
 * @example sweepRows(sweep, observations, regions, periodRange(first, last))
 */
export function sweepRows(
  sweep: Sweep,
  obs: readonly ModelObservation[],
  regions: readonly RegionRef[],
  periods: readonly Period[],
  countries?: ReadonlySet<string>,
): SweptRow[] {
  const rows: SweptRow[] = [];
  if (periods.length === 0) return rows;
  const first = periodIndex(periods[0]!);
  const last = periodIndex(periods.at(-1)!);
  for (const f of familiesOf(sweep, obs, regions, countries)) sweepFamily(sweep, f, first, last, (r) => rows.push(r));
  return rows;
}
