import type { Scenario } from '../types.ts';

/** Keeps only direct signs of trafficking: the strictest reading of the evidence. */
export const directEvidence: Scenario = {
  id: 'direct-evidence',
  label: 'Direct evidence only',
  description:
    'Indicators flagged indirect or not relevant to trafficking are switched off (weight 0); only indicators that signal trafficking directly are scored, in every lens.',
  purpose: 'To check which hotspots rest on direct reports of trafficking rather than on context.',
  multipliers: { relevance: { indirect: 0, none: 0 } },
};
