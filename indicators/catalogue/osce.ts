import type { Indicator } from '../types.ts';
import { SOURCES } from './sources.ts';

const SEV = { kind: 'severity', max: 4 } as const;
const NAMED = `${SOURCES.osce}; named as trafficking-relevant in UNODC 2018 thematic paper §4.1.3`;
const DIMENSION = `${SOURCES.osce}; dimension-level rating added by Vigil because the indicator list is not public`;

/**
 * The three OSCE indicators the UNODC paper names as trafficking-relevant, plus one overall rating
 * for each remaining dimension. Of the three, only cross-border organised crime (which takes in the
 * trade in people itself) is a direct sign; the rule of law and human rights are drivers.
 */
export const osceIndicators: readonly Indicator[] = [
  {
    id: 'osce.transnational-organised-crime',
    framework: 'osce',
    group: 'osce.transnational-threats',
    label: 'Organised crime operating across borders',
    description:
      'Reports of criminal networks running smuggling, trafficking or other illicit trade across the area’s borders, including armed commanders moving into such markets.',
    relevance: 'direct',
    forms: ['sexual_exploitation', 'forced_labour', 'debt_bondage', 'exploitation_for_ransom', 'organ_removal'],
    measurement: SEV,
    weight: 1.5,
    persistenceMonths: 6,
    level: 'area',
    citation: NAMED,
    status: 'paraphrase',
  },
  {
    id: 'osce.rule-of-law',
    framework: 'osce',
    group: 'osce.human',
    label: 'Disregard for the rule of law',
    description:
      'Police, courts and officials absent, ignored or acting outside the law, so that crimes, trafficking included, go unpunished. A condition that lets trafficking grow, not a sign that it is happening.',
    relevance: 'indirect',
    forms: [],
    measurement: SEV,
    weight: 1.5,
    persistenceMonths: 12,
    level: 'area',
    citation: NAMED,
    status: 'paraphrase',
  },
  {
    id: 'osce.human-rights-violations',
    framework: 'osce',
    group: 'osce.human',
    label: 'Violations of human rights and fundamental freedoms',
    description:
      'Serious and repeated breaches of people’s basic rights and freedoms, by state or non-state actors. A driver of trafficking: breaches that are themselves trafficking are recorded under the trafficking set.',
    relevance: 'indirect',
    forms: [],
    measurement: SEV,
    weight: 1.5,
    persistenceMonths: 6,
    level: 'area',
    citation: NAMED,
    status: 'paraphrase',
  },
  {
    id: 'osce.politico-military',
    framework: 'osce',
    group: 'osce.politico-military',
    label: 'Military tension and armed incidents',
    description:
      'Overall rating of the politico-military dimension: build-ups, clashes, breaches of ceasefires or security arrangements.',
    relevance: 'indirect',
    forms: [],
    measurement: SEV,
    weight: 1,
    persistenceMonths: 3,
    level: 'area',
    citation: DIMENSION,
    status: 'paraphrase',
  },
  {
    id: 'osce.economic-environmental',
    framework: 'osce',
    group: 'osce.economic-environmental',
    label: 'Economic and environmental strain',
    description:
      'Overall rating of the economic and environmental dimension: falling incomes, unemployment, disputes over land or water, environmental damage.',
    relevance: 'indirect',
    forms: ['forced_labour', 'child_labour_worst_forms'],
    measurement: SEV,
    weight: 0.5,
    persistenceMonths: 6,
    level: 'area',
    citation: DIMENSION,
    status: 'paraphrase',
  },
  {
    id: 'osce.minority-tensions',
    framework: 'osce',
    group: 'osce.national-minorities',
    label: 'Tensions involving national minorities',
    description:
      'Overall rating of the situation of national minorities: exclusion, harassment or conflict along minority lines.',
    relevance: 'indirect',
    forms: ['enslavement_tactic_of_terror'],
    measurement: SEV,
    weight: 0.5,
    persistenceMonths: 12,
    level: 'area',
    citation: DIMENSION,
    status: 'paraphrase',
  },
  {
    id: 'osce.media-restrictions',
    framework: 'osce',
    group: 'osce.media-freedom',
    label: 'Restrictions on media freedom',
    description: 'Overall rating of media freedom: journalists threatened, outlets closed, reporting censored.',
    relevance: 'none',
    forms: [],
    measurement: SEV,
    weight: 1,
    persistenceMonths: 6,
    level: 'country',
    citation: DIMENSION,
    status: 'paraphrase',
  },
];
