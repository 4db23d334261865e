import type { Catalogue, Scenario, Weights } from '../types.ts';

/**
 * The weight of every indicator under a scenario: the catalogue's default weight times the
 * scenario's multipliers for the indicator's relevance, framework, group and id, times the largest
 * multiplier among the exploitation forms it signals (a form's multiplier also applies to every
 * form below it), then replaced by any absolute weight the scenario sets. The baseline (no
 * multipliers) gives the defaults.
 * @example scenarioWeights(childrenFocus, catalogue)['tip.child-recruitment'] // 2 × 2 = 4
 */
export function scenarioWeights(scenario: Scenario, catalogue: Pick<Catalogue, 'indicators' | 'forms'>): Weights {
  const m = scenario.multipliers;
  const parent = new Map(catalogue.forms.map((f) => [f.id, f.parent]));
  const formFactor = (forms: readonly string[]): number => {
    if (!m.forms) return 1;
    let best: number | null = null;
    for (const start of forms) {
      const seen = new Set<string>();
      for (let f: string | null | undefined = start; f && !seen.has(f); f = parent.get(f)) {
        seen.add(f);
        const k = m.forms[f];
        if (k !== undefined) best = best === null ? k : Math.max(best, k);
      }
    }
    return best ?? 1;
  };
  const out: Record<string, number> = {};
  for (const ind of catalogue.indicators) {
    const w =
      ind.weight *
      (m.relevance?.[ind.relevance] ?? 1) *
      (m.frameworks?.[ind.framework] ?? 1) *
      (m.groups?.[ind.group] ?? 1) *
      (m.indicators?.[ind.id] ?? 1) *
      formFactor(ind.forms);
    out[ind.id] = scenario.weights?.[ind.id] ?? w;
  }
  return out;
}
