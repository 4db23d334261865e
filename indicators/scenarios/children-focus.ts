import type { Scenario } from '../types.ts';

/** Doubles the weight of evidence about children (UNODC 2018 §2.2.4 and §3.4). */
export const childrenFocus: Scenario = {
  id: 'children-focus',
  label: 'Children focus',
  description:
    'Indicators that signal the recruitment, use, sale, sexual exploitation, marriage or hazardous work of children count twice as much; the children-and-armed-groups group counts one and a half times more again.',
  purpose: 'For child-protection actors deciding where children are most exposed to trafficking.',
  multipliers: {
    forms: {
      child_use_armed_groups: 2,
      child_sexual_exploitation: 2,
      child_marriage: 2,
      sale_of_children: 2,
      child_labour_worst_forms: 2,
    },
    groups: { 'tip.children': 1.5 },
  },
};
