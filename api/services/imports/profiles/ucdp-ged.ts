import { sqliteAsync } from '../../../../db/async.ts';
import { UCDP_GED, UCDP_SOURCE_KEY } from '../../../../indicators/index.ts';
import { gedColumns } from '../../ucdp/events.ts';
import { importUcdp } from '../../ucdp/import-ucdp.ts';
import type { ImportProfile, ProfileColumn } from './profile.ts';

/** The GED columns Vigil reads; shared with the Candidate profile (same layout). */
export const UCDP_EVENT_COLUMNS: readonly ProfileColumn[] = [
  { name: 'type_of_violence', required: true, description: '1 state-based, 2 non-state, 3 one-sided violence' },
  { name: 'date_start', required: true, description: 'Date of the event (its month is the observation’s)' },
  { name: 'best', required: true, description: 'Best estimate of deaths (best_est in the oldest releases)' },
  {
    name: 'where_prec',
    required: true,
    description: 'Location precision 1–7; above 4 (vaguer than admin-1) left out, counted',
  },
  { name: 'latitude', required: true, description: 'Decimal degrees' },
  { name: 'longitude', required: true, description: 'Decimal degrees' },
  { name: 'iso3', required: false, description: 'Country (older releases: country)' },
  { name: 'country', required: false, description: 'Country name' },
  { name: 'adm_1', required: false, description: 'First-level unit, used when the point falls outside its country' },
  {
    name: 'side_a',
    required: false,
    description: 'Perpetrator of one-sided violence ("Government of …" is a state actor)',
  },
  { name: 'id', required: false, description: 'Event id' },
];

/**
 * UCDP GED events (yearly, final release), in every shape users have them: UCDP's CSV, HDX copies
 * with a hashtag row, spreadsheet or pandas re-saves (index column, `12.0`, other column order,
 * quoted numbers), older releases with fewer columns, and the GED API's JSON pages.
 */
export const ucdpGedProfile: ImportProfile = {
  name: UCDP_GED.profile,
  title: 'UCDP GED events',
  description:
    'UCDP Georeferenced Event Dataset (yearly release): UCDP’s CSV download, the GED API’s JSON pages, HDX copies and re-saved files. Events are placed in first-level regions and turned into monthly indicators by the rules in indicators/mapping/ucdp-rules.ts. Replaces the Candidate values of the months and countries it covers.',
  sourceKey: UCDP_SOURCE_KEY,
  licence:
    'CC BY 4.0: credit “UCDP Georeferenced Event Dataset, Uppsala Conflict Data Program” (Sundberg & Melander 2013).',
  shape: 'ucdp-ged',
  columns: UCDP_EVENT_COLUMNS,
  detect: (header) => {
    try {
      gedColumns(header);
      return true;
    } catch {
      return false;
    }
  },
  run: (db, actor, csv, opts) => importUcdp(sqliteAsync(db), actor, csv, opts, UCDP_GED),
  runAwaited: (data, actor, csv, opts) => importUcdp(data, actor, csv, opts, UCDP_GED),
};
