import { MRM_RULES, MRM_SOURCE_KEY } from '../../../../indicators/index.ts';
import { areaCountProfileParts, type AreaCountSpec } from '../area-counts.ts';
import type { ImportProfile } from './profile.ts';

const SPEC: AreaCountSpec = {
  profile: 'mrm',
  what: 'MRM',
  rules: MRM_RULES,
  category: {
    header: 'Grave violation',
    tag: '#event+type+mrm',
    names: ['violation', 'grave_violation'],
    description: MRM_RULES.map((r) => r.categories[0]).join('; '),
  },
  verified: {
    header: 'Verified',
    tag: '#value+verified',
    names: ['verified_count'],
    word: 'verified',
    description: 'Violations the country task force verified (children, or incidents for attacks and denial of access)',
  },
  reported: {
    header: 'Reported, not verified',
    tag: '#value+reported',
    names: ['reported', 'unverified'],
    word: 'reported',
    description: 'Violations reported and not (yet) verified; do not repeat the verified ones here',
  },
  sourceKey: MRM_SOURCE_KEY,
  citation:
    'UN Monitoring and Reporting Mechanism on grave violations against children in armed conflict (MRM), area-level counts',
  url: 'https://childrenandarmedconflict.un.org/',
  instructions: [
    'One row per area, month and grave violation: the area by its admin-1 p-code or name (both blank: the whole country), the month as YYYY-MM, the violation as one of: killing and maiming; recruitment and use; rape and other sexual violence; abduction; attacks on schools and hospitals; denial of humanitarian access.',
    'Verified: what the country task force has verified. Reported, not verified: what was reported and is still unverified (never both for the same cases). Blank counts as 0; rows with 0 and 0 add nothing.',
    'Counts only. Do not add columns with names, ages, dates of birth, case numbers or case notes: the import refuses them. Counts under 5 are shown as "<5" in everything the public can see.',
    'Verified counts give high confidence, reported ones low, a mix medium. Import with: vigil import --profile mrm FILE (check first with --dry-run).',
  ],
};

/** Vigil's template for MRM data at area level: the six grave violations against children, verified and reported. */
export const mrmProfile: ImportProfile = {
  name: 'mrm',
  title: 'MRM grave violations against children (Vigil template)',
  description:
    'Counts of the six grave violations against children per area and month, verified and reported, in the template Vigil hands out (vigil template mrm). Area level only: columns that could identify a child are refused. Rules: indicators/mapping/monitoring-rules.ts.',
  sourceKey: MRM_SOURCE_KEY,
  licence:
    'Restricted monitoring data: share only what your task force has cleared for this use. Values derived from it cite “UN Monitoring and Reporting Mechanism (MRM)” and show small counts as “<5” in public outputs.',
  ...areaCountProfileParts(SPEC),
};
