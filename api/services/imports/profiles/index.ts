import { badRequest } from '../../../errors.ts';
import type { OpenedCsv } from '../records.ts';
import { acledProfile } from './acled.ts';
import { dtmProfile } from './dtm.ts';
import { maraProfile } from './mara.ts';
import { mrmProfile } from './mrm.ts';
import { referralProfile } from './referral.ts';
import { genericProfile } from './generic.ts';
import type { ImportProfile } from './profile.ts';
import { ucdpCandidateProfile } from './ucdp-candidate.ts';
import { ucdpGedProfile } from './ucdp-ged.ts';

export type { ImportProfile, ProfileColumn, ProfileTemplate } from './profile.ts';

/** Every import profile, in the order the Data page and `GET /api/import-profiles` list them. */
export const IMPORT_PROFILES: readonly ImportProfile[] = [
  genericProfile,
  ucdpGedProfile,
  ucdpCandidateProfile,
  acledProfile,
  dtmProfile,
  mrmProfile,
  maraProfile,
  referralProfile,
];

/** The profile of that name; a 400 naming the known ones otherwise. */
export function profileNamed(name: string): ImportProfile {
  const p = IMPORT_PROFILES.find((x) => x.name === name);
  if (!p)
    throw badRequest([
      {
        field: 'profile',
        message: `'${name}' is not a profile; profiles are ${IMPORT_PROFILES.map((x) => x.name).join(', ')}`,
      },
    ]);
  return p;
}

/**
 * The profile an opened file's header points to: UCDP GED for GED-shaped files (CSV, HDX or JSON),
 * else the first profile whose `detect` accepts the header, else Vigil's own observations table.
 */
export function detectProfile(csv: Pick<OpenedCsv, 'format' | 'header'>): ImportProfile {
  if (csv.format === 'ucdp-ged') return ucdpGedProfile;
  return IMPORT_PROFILES.find((p) => p.detect?.(csv.header)) ?? genericProfile;
}
