import type { Framework } from '../types.ts';
import { SOURCES } from './sources.ts';

/**
 * The four indicator frameworks: three existing early-warning tools that Vigil flags for
 * trafficking relevance, and Vigil's own trafficking-specific set (UNODC 2018, §4.1.3).
 */
export const frameworks: readonly Framework[] = [
  {
    id: 'afac',
    title: 'Framework of Analysis for Atrocity Crimes: A Tool for Prevention',
    shortTitle: 'Atrocity Framework',
    publisher: 'United Nations Office on Genocide Prevention and the Responsibility to Protect',
    year: 2014,
    citation:
      'United Nations, Framework of Analysis for Atrocity Crimes: A Tool for Prevention (New York, 2014), risk factors pp. 9–24; ' +
      `cited in ${SOURCES.unodc2018}, §4.1.3`,
    note:
      'Fourteen risk factors: 1–8 apply to every atrocity crime, 9–14 come in pairs for genocide, crimes against humanity and war crimes. ' +
      'Vigil holds the numbered indicators it could confirm (7.1–7.12, 8.1–8.12, 9.1–9.6, 13.1–13.10) as short topics in its own words. ' +
      'No indicator of risk factors 1–6, 10–12 or 14 is listed, and four risk-factor titles are unconfirmed. ' +
      'Every risk factor can therefore also be rated as a whole. ' +
      'The UNODC paper names 7.9 and 7.12 as the indicators closest to trafficking. The full official list can be imported later.',
  },
  {
    id: 'crsv',
    title: 'Matrix: Early-Warning Indicators of Conflict-Related Sexual Violence',
    shortTitle: 'CRSV matrix',
    publisher:
      'UN Action against Sexual Violence in Conflict, with UN Women and the Department of Peacekeeping Operations',
    year: 2011,
    citation: `${SOURCES.crsv2011}, p. 12; cited in ${SOURCES.unodc2018}, §4.1.3 (fn. 107)`,
    note:
      'An illustrative matrix that missions and country teams adapt to their own monitoring. Its headings and full indicator list are not ' +
      'available to Vigil. What is known comes second-hand: shifts in where women and girls can go, armed-group behaviour, inflammatory ' +
      'and gendered propaganda, and more women drawn into the shadow war economy including sex work (the example the UNODC paper flags). ' +
      'These areas are modelled as groups with paraphrased indicators until the official list is imported.',
  },
  {
    id: 'osce',
    title: 'OSCE early-warning indicators',
    shortTitle: 'OSCE indicators',
    publisher:
      'Organization for Security and Co-operation in Europe (Conflict Prevention Centre; Office for Democratic Institutions and Human Rights)',
    year: 2009,
    citation: `${SOURCES.osce}; cited in ${SOURCES.unodc2018}, §4.1.3`,
    note:
      'The OSCE early-warning guidelines are internal; the public entry point is the ODIHR introduction to gender and early warning (2009). ' +
      'Vigil knows only the three indicators the UNODC paper names as relevant to trafficking (cross-border organised crime, disregard for ' +
      'the rule of law, violations of human rights and fundamental freedoms) and the way the OSCE divides its work into dimensions. ' +
      'Everything here is paraphrase; dimension-level items let an analyst rate a dimension as a whole.',
  },
  {
    id: 'tip',
    title: 'Vigil trafficking-specific early-warning indicators',
    shortTitle: 'Trafficking set',
    publisher: 'Vigil project',
    year: 2026,
    citation: `Vigil, drawn from ${SOURCES.unodc2018} (§2.2, §3 and annex II), ${SOURCES.sg2017}, ${SOURCES.unu2016} and ${SOURCES.spain2016}`,
    note:
      'The indicators the UNODC paper asks for on top of the three existing tools. About 110 candidate signals from the four source ' +
      'documents were merged into area-level indicators: each describes a place, route or site over a month, never a person. ' +
      'Indicators already covered by a flagged item of another framework (rule of law, cross-border crime, violence against women ' +
      'and children, group marking, the shadow war economy) are not repeated here. The set is Vigil’s own and has no official status.',
  },
];
