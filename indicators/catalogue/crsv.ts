import type { Indicator } from '../types.ts';
import { SOURCES } from './sources.ts';

const SEV = { kind: 'severity', max: 4 } as const;
const AREA = `${SOURCES.crsv2011}; signal area known only from ${SOURCES.frameworkNotes}, §2; official wording and number not available`;

/**
 * Paraphrased signals of the CRSV early-warning matrix, one small set per known signal area.
 * Only the shadow-war-economy signal is named by the UNODC paper as a trafficking flag.
 */
export const crsvIndicators: readonly Indicator[] = [
  {
    id: 'crsv.women-mobility',
    framework: 'crsv',
    group: 'crsv.mobility',
    label: 'Women and girls withdrawing from public life',
    description:
      'Women and girls seen less at markets, fields, water points or in the street, because going out has become dangerous or is forbidden.',
    relevance: 'indirect',
    forms: ['sexual_exploitation', 'marriage_to_fighters'],
    measurement: SEV,
    weight: 1,
    persistenceMonths: 3,
    level: 'area',
    citation: AREA,
    status: 'paraphrase',
  },
  {
    id: 'crsv.girls-school-absence',
    framework: 'crsv',
    group: 'crsv.mobility',
    label: 'Girls missing from school',
    description:
      'A marked drop in girls attending school, whether for fear of attack, early marriage or the need to earn.',
    relevance: 'indirect',
    forms: ['child_marriage', 'child_labour_worst_forms', 'child_sexual_exploitation'],
    measurement: SEV,
    weight: 1,
    persistenceMonths: 6,
    level: 'area',
    citation: AREA,
    status: 'paraphrase',
  },
  {
    id: 'crsv.pillage',
    framework: 'crsv',
    group: 'crsv.armed-conduct',
    label: 'Looting and pillage by armed actors',
    description:
      'Armed men raiding homes, shops, herds or harvests, a sign that discipline has broken down and civilians are prey.',
    relevance: 'indirect',
    forms: [],
    measurement: SEV,
    weight: 0.5,
    persistenceMonths: 3,
    level: 'area',
    citation: AREA,
    status: 'paraphrase',
  },
  {
    id: 'crsv.armed-presence',
    framework: 'crsv',
    group: 'crsv.armed-conduct',
    label: 'Armed groups stationed near civilians',
    description: 'Armed units camped or patrolling close to villages, displacement camps, schools or markets.',
    relevance: 'indirect',
    forms: ['sexual_exploitation', 'child_use_armed_groups'],
    measurement: SEV,
    weight: 1,
    persistenceMonths: 3,
    level: 'area',
    citation: AREA,
    status: 'paraphrase',
  },
  {
    id: 'crsv.gendered-propaganda',
    framework: 'crsv',
    group: 'crsv.rhetoric',
    label: 'Ethnic or gender-based propaganda',
    description:
      'Messages that degrade women or a group’s women, or present them as spoils, in speeches, pamphlets or media.',
    relevance: 'indirect',
    forms: ['sexual_slavery', 'enslavement_tactic_of_terror'],
    measurement: SEV,
    weight: 0.5,
    persistenceMonths: 3,
    level: 'area',
    citation: AREA,
    status: 'paraphrase',
  },
  {
    id: 'crsv.political-rhetoric',
    framework: 'crsv',
    group: 'crsv.rhetoric',
    label: 'Escalating political rhetoric',
    description: 'Political language growing more hostile and polarised.',
    relevance: 'none',
    forms: [],
    measurement: SEV,
    weight: 1,
    persistenceMonths: 3,
    level: 'country',
    citation: AREA,
    status: 'paraphrase',
  },
  {
    id: 'crsv.shadow-economy-sex-work',
    framework: 'crsv',
    group: 'crsv.war-economy',
    label: 'Women drawn into the shadow war economy, including sex work',
    description:
      'More reports that women are turning to, or being pushed into, the informal war economy and the sex trade. Named by the UNODC paper as a CRSV signal that also flags trafficking.',
    relevance: 'direct',
    forms: ['sexual_exploitation', 'forced_prostitution'],
    measurement: SEV,
    weight: 2,
    persistenceMonths: 6,
    level: 'area',
    citation: `${SOURCES.crsv2011}, p. 12; cited in UNODC 2018 thematic paper §4.1.3 (fn. 107)`,
    status: 'paraphrase',
  },
];
