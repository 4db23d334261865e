import { sqliteAsync } from '../../../../db/async.ts';
import { importObservations } from '../import-observations.ts';
import type { ImportProfile } from './profile.ts';

/** Vigil's own table of observations, as plain CSV or HXL: what partners and analysts send (docs/data-import.md). */
export const genericProfile: ImportProfile = {
  name: 'generic',
  title: 'Observations (CSV or HXL)',
  description:
    'One row per region, indicator and month, each citing its source: plain headers (region, indicator, period, value, source…) or HXL hashtags (#adm1+code or #adm2+pcode, #indicator+code, #date, #value, #meta+source…).',
  sourceKey: null,
  licence: 'Each row cites its own source; its terms are the source’s.',
  shape: 'observations',
  columns: [
    {
      name: 'region / #adm1+code',
      required: true,
      description: 'Region code (ISO 3166-2, Natural Earth, p-code) or exact name; or a country column',
    },
    {
      name: 'district / #adm2+pcode',
      required: false,
      description:
        'District (admin-2) p-code or exact name, from a boundary set; where filled it places the row, else the region does',
    },
    {
      name: 'country / #country+code',
      required: false,
      description: 'Country code or name (narrows names several countries share)',
    },
    { name: 'indicator / #indicator+code', required: true, description: 'Indicator id of the catalogue in force' },
    { name: 'period / #date', required: true, description: 'Month YYYY-MM, or a date whose month is taken' },
    { name: 'value / #value', required: true, description: 'On the indicator’s scale' },
    { name: 'confidence / #meta+confidence', required: false, description: 'low, medium or high (medium if absent)' },
    { name: 'source / #meta+source', required: true, description: 'Citation of the document the value comes from' },
    { name: 'url, locator, note', required: false, description: 'Link, place in the source, a note about the area' },
  ],
  run: (db, actor, csv, opts) => importObservations(sqliteAsync(db), actor, csv, opts, 'generic'),
  runAwaited: (data, actor, csv, opts) => importObservations(data, actor, csv, opts, 'generic'),
};
