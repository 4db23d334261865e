import type { Catalogue, ModelObservation, Period, Weights } from '../../indicators/types.ts';
import type { Lens } from '../../indicators/vocabulary.ts';
import { periodRange } from '../../indicators/period.ts';
import { MODEL_CONFIG } from '../../indicators/model/config.ts';
import { observationsByRegion } from '../../indicators/model/batch.ts';
import { prepareLens, type PreparedLens } from '../../indicators/model/lens.ts';
import { scenarioWeights } from '../../indicators/model/scenario.ts';
import { getScenario } from '../../indicators/scenarios/index.ts';
import type { Db } from '../../db/client.ts';
import { loadCatalogue } from '../../db/queries/catalogue.ts';
import { currentObservations, observationBounds } from '../../db/queries/observations.ts';
import { listRegions, type RegionRow } from '../../db/queries/regions.ts';

/** Everything the model reads from the database, loaded once and reused until the next write. */
export interface ModelInputs {
  catalogue: Catalogue;
  regions: readonly RegionRow[];
  regionByCode: ReadonlyMap<string, RegionRow>;
  observations: readonly ModelObservation[];
  /** Each region's own and inherited observations. */
  byRegion: ReadonlyMap<string, readonly ModelObservation[]>;
  /** Regions with observations of their own (not only inherited ones). */
  withOwnEvidence: ReadonlySet<string>;
  /** Every month from the first to the last observation. */
  periods: readonly Period[];
  /** A lens prepared under a scenario's weights (memoised). */
  lens(lens: Lens, scenario: string): PreparedLens;
  /** A scenario's weights resolved against the catalogue (memoised). */
  weights(scenario: string): Weights;
  /** Results computed from these inputs, dropped with them at the next write. */
  memo: Map<string, unknown>;
}

const cache = new WeakMap<Db, { generation: number; inputs: ModelInputs | null }>();
let generation = 0;

/**
 * Drops every cached input (of any database handle: a write may come through a transaction handle).
 * Called by every recomputation, which every write path goes through, so live scores (scenarios,
 * explanations, alerts) never lag behind stored ones. With several API processes each keeps its own
 * cache; a process that did not see the write serves the previous data until its own next write
 * (to be replaced by a shared data version).
 */
export function invalidateModelInputs(): void {
  generation++;
}

/** The model's inputs for `db`, or null before a catalogue or any observation exists. */
export function modelInputs(db: Db): ModelInputs | null {
  const hit = cache.get(db);
  if (hit && hit.generation === generation) return hit.inputs;
  const catalogue = loadCatalogue(db);
  const { first, last } = observationBounds(db);
  if (!catalogue || !first || !last) {
    cache.set(db, { generation, inputs: null });
    return null;
  }
  const regions = listRegions(db);
  const observations = currentObservations(db);
  const lenses = new Map<string, PreparedLens>();
  const weights = new Map<string, Weights>();
  const inputs: ModelInputs = {
    catalogue,
    regions,
    regionByCode: new Map(regions.map((r) => [r.code, r])),
    observations,
    byRegion: observationsByRegion(observations, regions),
    withOwnEvidence: new Set(observations.map((o) => o.regionCode)),
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
    lens(lens, scenario) {
      const key = `${scenario}|${lens}`;
      let p = lenses.get(key);
      if (!p) {
        p = prepareLens(catalogue, lens, this.weights(scenario), MODEL_CONFIG);
        lenses.set(key, p);
      }
      return p;
    },
  };
  cache.set(db, { generation, inputs });
  return inputs;
}
