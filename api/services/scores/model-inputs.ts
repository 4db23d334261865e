import {
  getScenario,
  MODEL_CONFIG,
  observationsByRegion,
  periodRange,
  prepareLens,
  scenarioWeights,
} from '../../../indicators/index.ts';
import type {
  Catalogue,
  Lens,
  Method,
  ModelObservation,
  Period,
  PreparedLens,
  Weights,
} from '../../../indicators/index.ts';
import type { AsyncDb } from '../../../db/async.ts';
import type { Db } from '../../../db/client.ts';
import { perDataVersionAsync } from '../../../db/data-version.ts';
import { perDataVersion } from '../../../db/queries/raw.ts';
import { catalogueAsync, loadCatalogue } from '../../../db/queries/catalogue.ts';
import { currentObservations, observationBounds, observationsAsync } from '../../../db/queries/observations.ts';
import { listRegions, regionsAsync, type RegionRow } from '../../../db/queries/regions.ts';
import { currentObservationsOf } from '../../../db/queries/scores.ts';

/** Everything the model reads from the database, loaded once and reused until the next write. */
export interface ModelInputs {
  catalogue: Catalogue;
  regions: readonly RegionRow[];
  regionByCode: ReadonlyMap<string, RegionRow>;
  /** Every current observation: loaded on first use (millions at full scale: prefer {@link ModelInputs.family}). */
  readonly observations: readonly ModelObservation[];
  /** Each region's own and inherited observations (loads every observation on first use). */
  readonly byRegion: ReadonlyMap<string, readonly ModelObservation[]>;
  /** Regions with observations of their own (not only inherited ones; loads every observation on first use). */
  readonly withOwnEvidence: ReadonlySet<string>;
  /**
   * Own and inherited observations of one country's family (the country, its first-level regions
   * and their districts; or a single region without a country), read from the database alone: what
   * one region's series or explanation needs. Memoised until the next write.
   */
  family(code: string): ReadonlyMap<string, readonly ModelObservation[]>;
  /** Own and inherited observations of a few regions only, read from the database (not memoised). */
  observationsFor(codes: readonly string[]): ReadonlyMap<string, readonly ModelObservation[]>;
  /** Every month from the first to the last observation. */
  periods: readonly Period[];
  /**
   * A lens prepared under a scenario's weights for a method (memoised; `v2` by default), with small
   * counts banded as public outputs need them, or exact (`exactCounts`, for signed-in analysts).
   */
  lens(lens: Lens, scenario: string, method?: Method, exactCounts?: boolean): PreparedLens;
  /** A scenario's weights resolved against the catalogue (memoised). */
  weights(scenario: string): Weights;
  /** Results computed from these inputs, dropped with them at the next write. */
  memo: Map<string, unknown>;
}

/** The model's configuration with small counts scored as recorded (never for a public output). */
const EXACT_COUNTS = { ...MODEL_CONFIG, smallCounts: 'exact' } as const;

/**
 * The model's inputs for `db`, or null before a catalogue or any observation exists. Kept until the
 * data change (`perDataVersion`: any write, from this process or another), so live scores
 * (scenarios, explanations, alerts) never lag behind stored ones.
 */
export const modelInputs: (db: Db) => ModelInputs | null = perDataVersion((db) => {
  const catalogue = loadCatalogue(db);
  const { first, last } = observationBounds(db);
  if (!catalogue || !first || !last) return null;
  return buildModelInputs({
    catalogue,
    first,
    last,
    regions: listRegions(db),
    current: () => currentObservations(db),
    currentOf: (codes) => currentObservationsOf(db, codes),
  });
});

/** What {@link buildModelInputs} reads: the catalogue, the months observed, the regions, and observations on demand. */
interface ModelReads {
  catalogue: Catalogue;
  first: Period;
  last: Period;
  regions: readonly RegionRow[];
  /** Every current observation. */
  current(): ModelObservation[];
  /** The current observations made for some regions (their own). */
  currentOf(codes: readonly string[]): ModelObservation[];
}

/** The catalogue, months and regions {@link modelInputsOfFamilyAsync} starts from, kept until the data change. */
const modelBaseAsync = perDataVersionAsync(async (a: AsyncDb) => {
  const catalogue = await catalogueAsync.load(a);
  const { first, last } = await observationsAsync.bounds(a);
  if (!catalogue || !first || !last) return null;
  return { catalogue, first, last, regions: await regionsAsync.list(a) };
});

/** Bytewise order of two texts, as SQLite's BINARY collation sorts them. */
const byBytes = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Observations in the order SQLite's `observations_current` index gives them: region, indicator, month (bytewise), then id. */
const inIndexOrder = (read: ModelObservation[]) =>
  read.sort(
    (x, y) =>
      byBytes(x.regionCode, y.regionCode) ||
      byBytes(x.indicatorId, y.indicatorId) ||
      byBytes(x.period, y.period) ||
      x.id - y.id,
  );

/**
 * {@link modelInputs} awaited, on either engine, with every current observation read up front (in
 * the order of {@link inIndexOrder}): what views computed for a scenario or method over every region
 * need (a month's scores, alerts, risers, a comparison). Kept until the data change, under the one
 * awaited cache policy. Null before a catalogue or any observation exists.
 */
export const modelInputsAsync: (a: AsyncDb) => Promise<ModelInputs | null> = perDataVersionAsync(async (a) => {
  const base = await modelBaseAsync(a);
  if (!base) return null;
  const all = inIndexOrder(await observationsAsync.current(a));
  return buildModelInputs({
    ...base,
    current: () => all,
    currentOf: (codes) => {
      const wanted = new Set(codes);
      return all.filter((o) => wanted.has(o.regionCode));
    },
  });
});

/**
 * {@link modelInputs} awaited, on either engine, for what one region's live reads need (its
 * explanation): the observations of the family of the region's topmost ancestor (that ancestor, its
 * regions and their districts) are read up front, in the order SQLite's `observations_current` index
 * gives them (region, indicator, month, then id), and `family` / `observationsFor` answer from them;
 * asking for a region outside that family, or for every observation, throws. Null before a catalogue
 * or any observation exists.
 */
export async function modelInputsOfFamilyAsync(a: AsyncDb, code: string): Promise<ModelInputs | null> {
  const base = await modelBaseAsync(a);
  if (!base) return null;
  const byCode = new Map(base.regions.map((r) => [r.code, r]));
  let top = byCode.get(code);
  for (
    let up = top?.parent ? byCode.get(top.parent) : undefined;
    up;
    up = up.parent ? byCode.get(up.parent) : undefined
  )
    top = up;
  const scope = new Set<string>(top ? [top.code] : []);
  for (let depth = 0; depth < 2; depth++)
    for (const r of base.regions) if (r.parent !== null && scope.has(r.parent)) scope.add(r.code);
  const read = inIndexOrder(await observationsAsync.currentOfInIndexOrder(a, [...scope]));
  return buildModelInputs({
    ...base,
    current: () => {
      throw new Error('modelInputsOfFamilyAsync: every observation was not read');
    },
    currentOf: (codes) => {
      const wanted = new Set(codes);
      const outside = codes.find((c) => !scope.has(c));
      if (outside) throw new Error(`modelInputsOfFamilyAsync: ${outside} is outside the family of ${code}`);
      return read.filter((o) => wanted.has(o.regionCode));
    },
  });
}

function buildModelInputs(reads: ModelReads): ModelInputs {
  const { catalogue, first, last, regions } = reads;
  const regionByCode = new Map(regions.map((r) => [r.code, r]));
  const lenses = new Map<string, PreparedLens>();
  const weights = new Map<string, Weights>();
  let all: { observations: ModelObservation[]; byRegion: Map<string, ModelObservation[]>; own: Set<string> } | null =
    null;
  const loadAll = () => {
    if (!all) {
      const observations = reads.current();
      all = {
        observations,
        byRegion: observationsByRegion(observations, regions),
        own: new Set(observations.map((o) => o.regionCode)),
      };
    }
    return all;
  };
  const inputs: ModelInputs = {
    catalogue,
    regions,
    regionByCode,
    get observations() {
      return loadAll().observations;
    },
    get byRegion() {
      return loadAll().byRegion;
    },
    get withOwnEvidence() {
      return loadAll().own;
    },
    family(code) {
      if (all) return all.byRegion;
      const key = `family|${code}`;
      const hit = this.memo.get(key) as Map<string, ModelObservation[]> | undefined;
      if (hit) return hit;
      const kids = new Set(regions.filter((r) => r.parent === code).map((r) => r.code));
      // The country (or region), its regions, and their districts (whose scores roll up to them).
      const members = regions.filter(
        (r) => r.code === code || kids.has(r.code) || (r.level === 2 && r.parent !== null && kids.has(r.parent)),
      );
      const parent = regionByCode.get(code)?.parent;
      const codes = [...new Set([...members.map((r) => r.code), ...(parent ? [parent] : [])])];
      const map = observationsByRegion(reads.currentOf(codes), members);
      this.memo.set(key, map);
      return map;
    },
    observationsFor(codes) {
      if (all) return all.byRegion;
      const members = codes.flatMap((c) => regionByCode.get(c) ?? []);
      // What they inherit: a region's parent; a district's parent and that parent's parent.
      const above = new Map<string, RegionRow>();
      for (const r of members) {
        const p = r.parent ? regionByCode.get(r.parent) : undefined;
        if (p) above.set(p.code, p);
        const g = r.level === 2 && p?.parent ? regionByCode.get(p.parent) : undefined;
        if (g) above.set(g.code, g);
      }
      const read = new Set([...members.map((r) => r.code), ...above.keys()]);
      return observationsByRegion(reads.currentOf([...read]), [...members, ...above.values()]);
    },
    periods: periodRange(first, last),
    memo: new Map(),
    weights(id) {
      let w = weights.get(id);
      if (!w) {
        const scenario = getScenario(id);
        w = scenario ? scenarioWeights(scenario, catalogue) : {};
        weights.set(id, w);
      }
      return w;
    },
    lens(lens, scenario, method = 'v2', exactCounts = false) {
      const key = `${scenario}|${method}|${lens}|${exactCounts}`;
      let p = lenses.get(key);
      if (!p) {
        const config = exactCounts ? EXACT_COUNTS : MODEL_CONFIG;
        p = prepareLens(catalogue, lens, this.weights(scenario), config, method);
        lenses.set(key, p);
      }
      return p;
    },
  };
  return inputs;
}
