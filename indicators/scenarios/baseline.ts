import type { Scenario } from '../types.ts';

/** The catalogue's default weights, unchanged: what the map shows unless another scenario is chosen. */
export const baseline: Scenario = {
  id: 'baseline',
  label: 'Baseline',
  description: 'Every indicator at its default catalogue weight.',
  purpose: 'The reference view every other scenario is compared with.',
  multipliers: {},
};
