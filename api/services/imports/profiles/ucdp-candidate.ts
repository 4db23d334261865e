import { sqliteAsync } from '../../../../db/async.ts';
import { UCDP_CANDIDATE, UCDP_SOURCE_KEY } from '../../../../indicators/index.ts';
import { importUcdp } from '../../ucdp/import-ucdp.ts';
import type { ImportProfile } from './profile.ts';
import { UCDP_EVENT_COLUMNS } from './ucdp-ged.ts';

/**
 * UCDP Candidate events (monthly, near real time): GED's layout, preliminary data. Chosen by name (the
 * header cannot tell it from GED); its values never replace GED values, and the GED release of the
 * same months supersedes them.
 */
export const ucdpCandidateProfile: ImportProfile = {
  name: UCDP_CANDIDATE.profile,
  title: 'UCDP Candidate events',
  description:
    'UCDP Candidate Events Dataset (monthly, preliminary), in GED’s layout (CSV or JSON). Same source as GED (feed:ucdp) and same rules; superseded month by month when the GED release covering those months is imported.',
  sourceKey: UCDP_SOURCE_KEY,
  licence:
    'CC BY 4.0: credit “UCDP Candidate Events Dataset, Uppsala Conflict Data Program” (Hegre, Croicu, Eck & Högbladh 2020).',
  shape: 'ucdp-ged',
  columns: UCDP_EVENT_COLUMNS,
  run: (db, actor, csv, opts) => importUcdp(sqliteAsync(db), actor, csv, opts, UCDP_CANDIDATE),
  runAwaited: (data, actor, csv, opts) => importUcdp(data, actor, csv, opts, UCDP_CANDIDATE),
};
