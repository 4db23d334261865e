import type { Indicator } from '../types.ts';

const SEV = { kind: 'severity', max: 4 } as const;
const ANNEX = 'UNODC 2018 thematic paper (Countering Trafficking in Persons in Conflict Situations), annex II';
const U = 'UNODC 2018 thematic paper';
const SG = 'Report of the Secretary-General S/2017/939 (2017)';
const W = 'UNU 2016 workshop report (Fighting Human Trafficking in Conflict)';
const cite = (...parts: string[]) => `Vigil trafficking set (added), from ${parts.join('; ')}`;

/**
 * Area-level signals drawn from the individual indicators of the UNODC paper's annex II. The annex
 * describes what a frontline worker may notice about one person; each indicator here counts or rates
 * the same sign across a place or route over a month, so that it never records an individual.
 */
export const tipAnnexIndicators: readonly Indicator[] = [
  {
    id: 'tip.documents-withheld',
    framework: 'tip',
    group: 'tip.labour-ransom-organs',
    label: 'Identity documents held by employers or armed groups',
    description:
      'Reports that employers, recruiters, smugglers or armed groups in the area keep the passports or identity papers of the people who work for them or travel with them, so that those people cannot leave or seek help.',
    relevance: 'direct',
    forms: ['forced_labour', 'debt_bondage', 'domestic_servitude', 'sexual_exploitation'],
    measurement: SEV,
    weight: 1,
    persistenceMonths: 6,
    level: 'area',
    citation: cite(
      `${ANNEX}, general indicators and sexual exploitation (seed 001, lines 1582 and 1662)`,
      `${W}, "Human trafficking from conflict-affected areas" (seed 003, lines 810–814)`,
    ),
    status: 'added',
  },
  {
    id: 'tip.offered-by-origin',
    framework: 'tip',
    group: 'tip.sexual-slavery',
    label: 'Women offered for sex by ethnicity or nationality',
    description:
      'Brothels, bars or advertisements in the area offering women or girls of a named ethnicity or nationality, or sex work organised for clients of one ethnicity or nationality: a sign that people of one origin are being supplied to a market.',
    relevance: 'direct',
    forms: ['sexual_exploitation', 'forced_prostitution'],
    measurement: SEV,
    weight: 1,
    persistenceMonths: 6,
    level: 'area',
    citation: cite(`${ANNEX}, sexual exploitation (seed 001, lines 1670–1672)`),
    status: 'added',
  },
  {
    id: 'tip.children-with-unrelated-adults',
    framework: 'tip',
    group: 'tip.displacement-routes',
    label: 'Children moving with unrelated adults, or “found” children',
    description:
      'Children seen travelling alone or in groups with adults who are not their relatives, large groups of children under one adult guardian, or adults who say they have “found” an unaccompanied child, on routes and at crossings in the area.',
    relevance: 'direct',
    forms: [
      'sale_of_children',
      'illegal_adoption',
      'forced_begging',
      'child_labour_worst_forms',
      'child_sexual_exploitation',
    ],
    measurement: SEV,
    weight: 1,
    persistenceMonths: 6,
    level: 'route',
    citation: cite(
      `${ANNEX}, children (seed 001, lines 1621–1622 and 1629) and begging and petty crime (lines 1713–1717)`,
    ),
    status: 'added',
  },
  {
    id: 'tip.new-gang-crime',
    framework: 'tip',
    group: 'tip.labour-ransom-organs',
    label: 'New forms of gang crime',
    description:
      'Kinds of gang crime new to the area, especially theft, drug selling or begging carried out by children or newcomers who live and move with the gang. A pattern that calls for enquiry into forced criminality, not proof of it.',
    relevance: 'indirect',
    forms: ['forced_criminality', 'forced_begging'],
    measurement: SEV,
    weight: 0.5,
    persistenceMonths: 6,
    level: 'area',
    citation: cite(`${ANNEX}, begging and petty crime (seed 001, lines 1711, 1716 and 1726)`),
    status: 'added',
  },
  {
    id: 'tip.labour-inspection-flags',
    framework: 'tip',
    group: 'tip.identification',
    label: 'Work sites where inspections find signs of forced labour',
    description:
      'Share of work sites inspected in the area (farms, building sites, workshops, mines) where inspectors find annex II signs: no wage records or papers for foreign workers, costs deducted from pay, missing safety equipment, tools made for children, workers kept on site.',
    relevance: 'direct',
    forms: ['forced_labour', 'child_labour_worst_forms', 'debt_bondage'],
    measurement: { kind: 'rate', saturation: 25, unit: '% of sites inspected' },
    weight: 1,
    persistenceMonths: 6,
    level: 'area',
    citation: cite(`${ANNEX}, labour exploitation (seed 001, lines 1695–1704)`),
    status: 'added',
  },
  {
    id: 'tip.victims-identified-abroad',
    framework: 'tip',
    group: 'tip.identification',
    label: 'Victims from the area identified abroad',
    description:
      'Number of presumed or confirmed trafficking victims who came from the area and were identified or referred in transit or destination countries: the area is a source even when nothing is seen there.',
    relevance: 'direct',
    forms: [],
    measurement: { kind: 'count', saturation: 1000, unit: 'people' },
    weight: 1,
    persistenceMonths: 12,
    level: 'area',
    citation: cite(
      `${ANNEX}, general indicators and begging and petty crime (seed 001, lines 1604 and 1727–1728)`,
      `${SG} para. 74 (seed 000, line 220)`,
      `${U} §4.3.1`,
    ),
    status: 'added',
  },
];
