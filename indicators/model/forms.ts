import type { Catalogue, Contribution } from '../types.ts';
import type { ModelConfig } from './config.ts';

/** One exploitation form in a region's profile. */
export interface FormShare {
  form: string;
  label: string;
  /** Share (0..1) of the region's form evidence pointing to this form; the shares sum to 1. */
  weight: number;
  /** Observed indicators that point to it, weightiest first. */
  indicators: string[];
}

/**
 * Which forms of exploitation the observed evidence points to, ranked. Each observed indicator
 * flagged `direct` or `indirect` lends its evidence — effective weight × normalised value ×
 * `config.formRelevanceMultiplier[relevance]` — to every form it signals; the totals are turned into
 * shares. Indicators observed at zero lend nothing, so the profile only names forms with some sign.
 * @example formProfile(score.contributions, catalogue, MODEL_CONFIG)[0] // { form: 'sexual_slavery', … }
 */
export function formProfile(
  contributions: readonly Contribution[],
  catalogue: Pick<Catalogue, 'indicators' | 'forms'>,
  config: ModelConfig,
): FormShare[] {
  const formsOf = new Map(catalogue.indicators.map((i) => [i.id, i.forms]));
  const labels = new Map(catalogue.forms.map((f) => [f.id, f.label]));
  const totals = new Map<string, { sum: number; by: { id: string; e: number }[] }>();
  let all = 0;
  for (const c of contributions) {
    if (!c.observed || c.value === null) continue;
    const e = c.effectiveWeight * c.value * config.formRelevanceMultiplier[c.relevance];
    if (!(e > 0)) continue;
    for (const form of formsOf.get(c.indicatorId) ?? []) {
      const t = totals.get(form) ?? { sum: 0, by: [] };
      t.sum += e;
      t.by.push({ id: c.indicatorId, e });
      totals.set(form, t);
      all += e;
    }
  }
  return [...totals]
    .map(([form, t]) => ({
      form,
      label: labels.get(form) ?? form,
      weight: t.sum / all,
      indicators: t.by.sort((a, b) => b.e - a.e || a.id.localeCompare(b.id)).map((x) => x.id),
    }))
    .sort((a, b) => b.weight - a.weight || a.form.localeCompare(b.form));
}
