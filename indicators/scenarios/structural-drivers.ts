import type { Scenario } from '../types.ts';

/** Puts the conditions that make trafficking likely ahead of reports that it is happening. */
export const structuralDrivers: Scenario = {
  id: 'structural-drivers',
  label: 'Structural drivers',
  description:
    'Indirect indicators (conditions that make trafficking more likely) count twice as much, and the displacement, socio-economic and governance groups one and a half times more again; direct reports of exploitation keep their weight.',
  purpose: 'For earlier warning: regions where the ground is prepared, before exploitation is documented.',
  multipliers: {
    relevance: { indirect: 2 },
    groups: {
      'tip.displacement-routes': 1.5,
      'tip.socio-economic': 1.5,
      'tip.governance-demand': 1.5,
      'afac.rf1': 1.5,
      'afac.rf3': 1.5,
      'afac.rf6': 1.5,
    },
  },
};
