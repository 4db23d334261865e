import { REFERRAL_RULES, REFERRAL_SOURCE_KEY } from '../../../../indicators/index.ts';
import { areaCountProfileParts, type AreaCountSpec } from '../area-counts.ts';
import type { ImportProfile } from './profile.ts';

const SPEC: AreaCountSpec = {
  profile: 'referral',
  what: 'referral',
  rules: REFERRAL_RULES,
  category: {
    header: 'Form of exploitation',
    tag: '#event+type+exploitation',
    names: ['form', 'exploitation_form', 'form_of_exploitation'],
    description:
      'A form of exploitation of the catalogue, by id or name (sexual exploitation, forced labour, …), or other',
  },
  verified: {
    header: 'Victims identified',
    tag: '#affected+identified',
    names: ['identified', 'victims_identified'],
    word: 'identified',
    description: 'Victims formally identified by the competent authority, by the area where they were exploited',
  },
  reported: {
    header: 'Presumed victims, not yet identified',
    tag: '#affected+presumed',
    names: ['presumed', 'presumed_victims'],
    word: 'presumed',
    description:
      'Presumed victims screened or referred and not (yet) formally identified; do not repeat the identified ones',
  },
  shown: {
    header: 'Referred to services',
    tag: '#affected+referred',
    names: ['referred', 'referrals'],
    word: 'referred',
    description: 'Of these, people referred to assistance (shown, not scored)',
  },
  sourceKey: REFERRAL_SOURCE_KEY,
  citation: 'National referral mechanism data on victims of trafficking, area-level counts',
  url: '',
  instructions: [
    'One row per area of exploitation, month and form of exploitation: the area where the exploitation took place (admin-1 p-code or name; both blank: the whole country), the month of identification as YYYY-MM, the form by its name or id in Vigil’s catalogue (sexual exploitation, forced labour, forced marriage, use of children by armed groups, …) or other.',
    'Victims identified: formally identified victims. Presumed victims: screened or referred and not yet identified (never both for the same person). Referred to services: how many of them were referred to assistance; it is shown with the value, not scored. Blank counts as 0.',
    'Counts only. Do not add columns with names, ages, dates of birth, case numbers or case notes: the import refuses them. Counts under 5 are shown as "<5" in everything the public can see.',
    'Identified victims give high confidence, presumed ones low, a mix medium. Import with: vigil import --profile referral FILE (check first with --dry-run).',
  ],
};

/** Vigil's template for national referral data at area level: victims by form of exploitation and area of exploitation. */
export const referralProfile: ImportProfile = {
  name: 'referral',
  title: 'National referral data on trafficking victims (Vigil template)',
  description:
    'Victims of trafficking identified (or presumed) per area of exploitation, month and form of exploitation, with referrals, in the template Vigil hands out (vigil template referral). Area level only: columns that could identify a person are refused. Rules: indicators/mapping/monitoring-rules.ts.',
  sourceKey: REFERRAL_SOURCE_KEY,
  licence:
    'Restricted case data aggregated by the referral mechanism: share only counts cleared for this use. Values derived from it cite “National referral mechanism data” and show small counts as “<5” in public outputs.',
  ...areaCountProfileParts(SPEC),
};
