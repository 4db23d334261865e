import type { AsyncDb } from '../../../db/async.ts';
import { perDataVersionAsync } from '../../../db/data-version.ts';
import { catalogueAsync } from '../../../db/queries/catalogue.ts';
import { observationsAsync } from '../../../db/queries/observations.ts';
import { BASELINE_SCENARIO, SCENARIOS, scenarioWeights } from '../../../indicators/index.ts';
import type { Catalogue } from '../../../indicators/index.ts';

/**
 * The catalogue the scenarios reweight, on either engine, kept per data version; null before a
 * catalogue or any current observation (as the model's inputs are null then).
 */
const catalogueOf = perDataVersionAsync(async (a) =>
  (await observationsAsync.any(a)) ? catalogueAsync.load(a) : null,
);

/** One bundled scenario as `GET /api/scenarios` lists it: how many indicators it reweights and switches off. */
function scenarioWire(s: (typeof SCENARIOS)[number], catalogue: Catalogue | null) {
  const w = catalogue ? scenarioWeights(s, catalogue) : {};
  const indicators = catalogue?.indicators ?? [];
  return {
    id: s.id,
    label: s.label,
    description: s.description,
    purpose: s.purpose,
    multipliers: s.multipliers,
    weights: s.weights ?? {},
    reweighted: indicators.filter((i) => (w[i.id] ?? i.weight) !== i.weight).length,
    switchedOff: indicators.filter((i) => (w[i.id] ?? i.weight) === 0).length,
    baseline: s.id === BASELINE_SCENARIO,
  };
}

/** The bundled weighting scenarios against the catalogue in force, on SQLite or PostgreSQL. */
export async function scenarioList(a: AsyncDb) {
  const catalogue = await catalogueOf(a);
  return SCENARIOS.map((s) => scenarioWire(s, catalogue));
}
