import {
  CONFIDENCES,
  LENSES,
  MODEL_CONFIG,
  monthLabel,
  ObservationBuffer,
  periodIndex,
  prepareLens,
  prepareSweep,
  retiredIndexes,
  sweepFamily,
} from '../../../indicators/index.ts';
import type {
  Catalogue,
  Family,
  FamilyDistrict,
  RegionObservations,
  Sweep,
  SweptRow,
} from '../../../indicators/index.ts';
import type { Db } from '../../../db/client.ts';
import { perDataVersionAsync } from '../../../db/data-version.ts';
import { catalogueAsync, loadCatalogue } from '../../../db/queries/catalogue.ts';
import type { AsyncDb } from '../../../db/async.ts';
import {
  eachCurrentObservation,
  observationsAsync,
  type ObservationVisitor,
} from '../../../db/queries/observations.ts';
import { perDataVersion } from '../../../db/queries/raw.ts';
import { listRegions, regionsAsync, type RegionRow } from '../../../db/queries/regions.ts';
import { scoreWritesAsync, scoringInputsSignature } from '../../../db/queries/scores.ts';

const sweeps = new WeakMap<object, Sweep>();

/** Every lens of the baseline weighting compiled for sweeping (once per loaded catalogue). */
export function baselineSweep(catalogue: Pick<Catalogue, 'indicators'>): Sweep {
  let s = sweeps.get(catalogue);
  if (!s)
    sweeps.set(
      catalogue,
      (s = prepareSweep(
        catalogue.indicators,
        LENSES.map((l) => prepareLens(catalogue, l, {}, MODEL_CONFIG)),
      )),
    );
  return s;
}

/** A family to score: the country (null for a first-level region without one), whose observations are inherited, its first-level regions and their districts. */
export interface FamilyPlan {
  country: string | null;
  parent: string | null;
  regions: string[];
  /** Districts (level 2) by first-level region, for a country's family. */
  districts?: Map<string, string[]>;
  /** The months (`[first, end)` indexes) each district of the family that was ever retired is not scored in. */
  retired?: Map<string, [number, number][]>;
}

/**
 * Families of the stored regions: each country with its first-level regions and their districts,
 * and each first-level region whose parent is not a country on its own (without districts: those
 * are not scored). `countries` keeps only those countries' families.
 */
export function planFamilies(regions: readonly RegionRow[], countries?: ReadonlySet<string>): FamilyPlan[] {
  const isCountry = new Set(regions.filter((r) => r.level === 0).map((r) => r.code));
  const countryOf = new Map<string, string>();
  for (const r of regions) if (r.level === 1 && r.parent && isCountry.has(r.parent)) countryOf.set(r.code, r.parent);
  const byCountry = new Map<string, FamilyPlan>();
  const orphans: FamilyPlan[] = [];
  const family = (code: string) => {
    let f = byCountry.get(code);
    if (!f) byCountry.set(code, (f = { country: code, parent: code, regions: [] }));
    return f;
  };
  for (const r of regions) {
    if (r.level === 0 && (!countries || countries.has(r.code))) family(r.code);
    const country = r.level === 2 && r.parent ? countryOf.get(r.parent) : undefined;
    if (country && (!countries || countries.has(country))) {
      const f = family(country);
      f.districts ??= new Map();
      f.districts.set(r.parent!, [...(f.districts.get(r.parent!) ?? []), r.code]);
      const retired = retiredIndexes(r);
      if (retired.length) (f.retired ??= new Map()).set(r.code, retired);
    }
    if (r.level !== 1) continue;
    if (r.parent && isCountry.has(r.parent)) {
      if (!countries || countries.has(r.parent)) family(r.parent).regions.push(r.code);
    } else if (!countries) orphans.push({ country: null, parent: r.parent, regions: [r.code] });
  }
  return [...byCountry.values(), ...orphans];
}

/** A month index for each `YYYY-MM` label met (memoised: a stream holds about a hundred distinct months). */
function monthIndexer(): (p: string) => number {
  const months = new Map<string, number>();
  return (p) => {
    let m = months.get(p);
    if (m === undefined) months.set(p, (m = periodIndex(p)));
    return m;
  };
}

/** Collects streamed observation rows compacted for sweeping, by region: `visit` each row, then `finish`. */
export function observationCompactor(
  sweep: Sweep,
  monthOf: (p: string) => number,
): { visit: ObservationVisitor; finish(): Map<string, RegionObservations> } {
  const buffers = new Map<string, ObservationBuffer>();
  return {
    visit: (region, indicatorId, period, value, confidence, source, id) => {
      const ind = sweep.indexOf.get(indicatorId);
      if (ind === undefined) return;
      let b = buffers.get(region);
      if (!b) buffers.set(region, (b = new ObservationBuffer(sweep)));
      b.push(ind, monthOf(period), value, CONFIDENCES.indexOf(confidence as (typeof CONFIDENCES)[number]), source, id);
    },
    finish: () => new Map([...buffers].map(([code, b]) => [code, b.finish()])),
  };
}

/** The current observations of some regions (of months from `from`, when given), compacted for sweeping, by region (regions without any are absent). */
export function readObservations(
  db: Db,
  sweep: Sweep,
  codes: readonly string[],
  monthOf = monthIndexer(),
  from?: string,
): Map<string, RegionObservations> {
  const c = observationCompactor(sweep, monthOf);
  eachCurrentObservation(db, codes, c.visit, from);
  return c.finish();
}

/**
 * {@link readObservations} awaited, on either engine: the same rows, handed to the compactor in the
 * order SQLite's `observations_current` index gives them (region, indicator, month), so that a family
 * is swept from the same input whichever engine stored it.
 */
export async function readObservationsAsync(
  a: AsyncDb,
  sweep: Sweep,
  codes: readonly string[],
  monthOf = monthIndexer(),
  from?: string,
): Promise<Map<string, RegionObservations>> {
  const c = observationCompactor(sweep, monthOf);
  for (const r of await observationsAsync.currentOfInIndexOrder(a, codes, from))
    c.visit(r.regionCode, r.indicatorId, r.period, r.value, r.confidence, r.source, r.id);
  return c.finish();
}

/**
 * Sweeps planned families one at a time, each from its observations as a reader gives them (the
 * one family-building loop, shared by the synchronous reader and the awaited one): `codesOf(plan)`
 * names the regions whose observations to read (from `window.readFrom`), `sweep(plan, obs)` sweeps the
 * family and hands every row of the window to `emit`.
 */
export function familySweeper(
  sweep: Sweep,
  first: string,
  last: string,
  emit: (row: SweptRow) => void,
  from?: string,
): {
  window: ReturnType<typeof sweepWindow>;
  monthOf: (p: string) => number;
  codesOf(plan: FamilyPlan): string[];
  sweep(plan: FamilyPlan, obs: ReadonlyMap<string, RegionObservations>): void;
} {
  const window = sweepWindow(sweep, first, last, from);
  const monthOf = monthIndexer();
  const inWindow = (r: SweptRow) => {
    if (monthOf(r.period) >= window.from) emit(r);
  };
  return {
    window,
    monthOf,
    codesOf: (plan) => [
      ...(plan.parent ? [plan.parent] : []),
      ...plan.regions,
      ...[...(plan.districts?.values() ?? [])].flat(),
    ],
    sweep: (plan, obs) => {
      if (obs.size === 0) return;
      const parent = plan.parent ? obs.get(plan.parent) : undefined;
      const family: Family = {
        country: plan.country,
        parent: plan.parent && parent ? { code: plan.parent, observations: parent } : null,
        regions: plan.regions.filter((c) => obs.has(c)).map((code) => ({ code, observations: obs.get(code)! })),
        otherRegions: plan.regions.filter((c) => !obs.has(c)),
        districts: districtsToSweep(plan, obs),
      };
      sweepFamily(sweep, family, window.start, window.end, window.from > window.start ? inWindow : emit);
    },
  };
}

/**
 * Streams each planned family's current observations out of the database and sweeps it: every
 * stored row of every lens for the months `first`..`last`, family by family, so that memory holds one
 * family at a time whatever the number of observations. Rows go to `emit`.
 */
export function sweepStoredFamilies(
  db: Db,
  sweep: Sweep,
  plans: readonly FamilyPlan[],
  first: string,
  last: string,
  emit: (row: SweptRow) => void,
  from?: string,
): void {
  const s = familySweeper(sweep, first, last, emit, from);
  for (const plan of plans) s.sweep(plan, readObservations(db, sweep, s.codesOf(plan), s.monthOf, s.window.readFrom));
}

/**
 * A family's districts as {@link sweepFamily} takes them: those with observations, and those without
 * when their first-level region or country has some (they inherit them), as `familiesOf` chooses;
 * a retired one with the month its scores stop.
 */
function districtsToSweep(
  plan: FamilyPlan,
  obs: ReadonlyMap<string, RegionObservations>,
): Map<string, FamilyDistrict[]> {
  const out = new Map<string, FamilyDistrict[]>();
  for (const [region, codes] of plan.districts ?? []) {
    const inherits = obs.has(region) || (plan.parent !== null && obs.has(plan.parent));
    const list = codes
      .filter((c) => inherits || obs.has(c))
      .map((code): FamilyDistrict => {
        const retired = plan.retired?.get(code);
        return retired === undefined
          ? { code, observations: obs.get(code) ?? null }
          : { code, observations: obs.get(code) ?? null, retired };
      });
    if (list.length) out.set(region, list);
  }
  return out;
}

/**
 * The months to sweep when only those from `from` can have changed (a write to month `from`): the
 * sweep starts the longer trend span earlier, so that trends come out right, and reads observations
 * from as far back again as the longest persistence, since older ones inform none of those months.
 * Without `from`, every month from `first` to `last`.
 */
export function sweepWindow(
  sweep: Sweep,
  first: string,
  last: string,
  from?: string,
): { start: number; end: number; from: number; readFrom: string | undefined } {
  const start = periodIndex(first);
  const end = periodIndex(last);
  if (!from || from <= first) return { start, end, from: start, readFrom: undefined };
  const since = Math.min(end, periodIndex(from));
  const trendSpan = Math.max(0, ...(sweep.lenses[0]?.config.trendMonths ?? [0]));
  const sweepStart = Math.max(start, since - trendSpan);
  return { start: sweepStart, end, from: since, readFrom: monthLabel(sweepStart - Math.max(0, ...sweep.persistence)) };
}

/** What scoring needs besides observations, kept until the catalogue or the regions change. */
export interface ScoringContext {
  catalogue: Catalogue;
  sweep: Sweep;
  regions: readonly RegionRow[];
  byCode: ReadonlyMap<string, RegionRow>;
  /** First-level regions of each country, in code order. */
  regionsOf: ReadonlyMap<string, readonly string[]>;
  /** Districts (level 2) of each first-level region, in code order. */
  districtsOf: ReadonlyMap<string, readonly string[]>;
}

/**
 * The catalogue compiled for sweeping and the regions indexed by code and by country, kept per
 * connection until {@link scoringInputsSignature} moves (a new catalogue version or boundary set,
 * from this process or another): the one cache policy (`perDataVersion`) with a version narrowed to
 * what the context is built from, so that observation writes keep it. Null before a catalogue is loaded.
 */
export const scoringContext: (db: Db) => ScoringContext | null = perDataVersion((db) => {
  const catalogue = loadCatalogue(db);
  return catalogue ? contextOf(catalogue, listRegions(db)) : null;
}, scoringInputsSignature);

/**
 * {@link scoringContext} awaited, on either engine: the same context read through `a`, kept per
 * connection or pool with the same narrowed version (`scoreWritesAsync.inputsSignature`) under the
 * one awaited cache policy, `perDataVersionAsync`.
 */
export const scoringContextAsync: (a: AsyncDb) => Promise<ScoringContext | null> = perDataVersionAsync(async (a) => {
  const catalogue = await catalogueAsync.load(a);
  return catalogue ? contextOf(catalogue, await regionsAsync.list(a)) : null;
}, scoreWritesAsync.inputsSignature);

/** The scoring context of a catalogue and the regions (in code order). */
function contextOf(catalogue: Catalogue, regions: readonly RegionRow[]): ScoringContext {
  const regionsOf = new Map<string, string[]>();
  const districtsOf = new Map<string, string[]>();
  for (const r of regions) {
    const into = r.level === 1 ? regionsOf : r.level === 2 ? districtsOf : null;
    if (into && r.parent) into.set(r.parent, [...(into.get(r.parent) ?? []), r.code]);
  }
  return {
    catalogue,
    sweep: baselineSweep(catalogue),
    regions,
    byCode: new Map(regions.map((r) => [r.code, r])),
    regionsOf,
    districtsOf,
  };
}
