import { MARA_RULES, MARA_SOURCE_KEY } from '../../../../indicators/index.ts';
import { areaCountProfileParts, type AreaCountSpec } from '../area-counts.ts';
import type { ImportProfile } from './profile.ts';

const SPEC: AreaCountSpec = {
  profile: 'mara',
  what: 'MARA',
  rules: MARA_RULES,
  category: {
    header: 'Form of sexual violence',
    tag: '#event+type+mara',
    names: ['form', 'crsv_form'],
    description: MARA_RULES.flatMap((r) => r.categories.slice(0, 6)).join('; '),
  },
  verified: {
    header: 'Verified incidents',
    tag: '#value+verified',
    names: ['verified'],
    word: 'verified',
    description: 'Incidents verified under the MARA',
  },
  reported: {
    header: 'Reported incidents, not verified',
    tag: '#value+reported',
    names: ['reported', 'unverified'],
    word: 'reported',
    description: 'Incidents reported and not (yet) verified; do not repeat the verified ones here',
  },
  sourceKey: MARA_SOURCE_KEY,
  citation:
    'UN Monitoring, Analysis and Reporting Arrangements on conflict-related sexual violence (MARA), area-level counts',
  url: 'https://www.un.org/sexualviolenceinconflict/',
  instructions: [
    'One row per area, month and form of conflict-related sexual violence: the area by its admin-1 p-code or name (both blank: the whole country), the month as YYYY-MM, the form as one of: sexual slavery; trafficking for sexual exploitation; forced prostitution; forced marriage; rape; forced pregnancy; forced abortion; enforced sterilization; sexual mutilation; other sexual violence.',
    'Count incidents, each under one form (the one with a trafficking element when there is one). Verified incidents and reported, not verified ones go in their own columns, never both for the same incident. Blank counts as 0.',
    'Counts only. Do not add columns with names, ages, dates of birth, case numbers or case notes: the import refuses them. Counts under 5 are shown as "<5" in everything the public can see.',
    'Verified counts give high confidence, reported ones low, a mix medium. Import with: vigil import --profile mara FILE (check first with --dry-run).',
  ],
};

/** Vigil's template for MARA data at area level: incidents of conflict-related sexual violence by form, verified and reported. */
export const maraProfile: ImportProfile = {
  name: 'mara',
  title: 'MARA conflict-related sexual violence (Vigil template)',
  description:
    'Counts of conflict-related sexual-violence incidents per area, month and form (sexual slavery, trafficking for sexual exploitation, forced marriage, …), verified and reported, in the template Vigil hands out (vigil template mara). Area level only: columns that could identify a survivor are refused. Rules: indicators/mapping/monitoring-rules.ts.',
  sourceKey: MARA_SOURCE_KEY,
  licence:
    'Restricted monitoring data: share only what your working group has cleared for this use. Values derived from it cite “UN Monitoring, Analysis and Reporting Arrangements (MARA)” and show small counts as “<5” in public outputs.',
  ...areaCountProfileParts(SPEC),
};
