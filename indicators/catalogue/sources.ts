/** Short bibliographic names of the documents the catalogue cites, so every citation spells them the same way. */
export const SOURCES = {
  unodc2018: 'UNODC, Countering Trafficking in Persons in Conflict Situations, thematic paper (Vienna, 2018)',
  sg2017: 'Report of the Secretary-General on trafficking in persons in armed conflict, S/2017/939 (2017)',
  unu2016:
    'J. Cockayne and S. Walker, Fighting Human Trafficking in Conflict: 10 Ideas for Action by the United Nations Security Council, workshop report (United Nations University, 2016)',
  spain2016:
    'Concept note by Spain for the Security Council open debate "Trafficking in persons in conflict situations", 20 December 2016 (annex to letter of 2 December 2016)',
  afac2014: 'UN Framework of Analysis for Atrocity Crimes (2014)',
  crsv2011: 'Matrix: Early-Warning Indicators of Conflict-Related Sexual Violence (UN Action, 2011)',
  osce: 'OSCE early-warning indicators (Conflict Prevention Centre guidelines; ODIHR, Gender and Early Warning Systems: An Introduction, 2009)',
  frameworkNotes:
    'Vigil reference notes, "The three early-warning frameworks: what is known here" (shared/reference/frameworks.md)',
} as const;
