import type { Indicator } from '../../indicators/types.ts';

/** The header of a catalogue CSV as `POST /api/catalogue/versions` reads it. */
export const CATALOGUE_CSV_HEADER =
  'id,group,label,description,relevance,forms,measurement,max,weight,persistence_months,level,citation,status';

/** One CSV line of an indicator as the API lists it (what an admin would export, edit and send back). */
export function csvLine(i: Indicator): string {
  const cell = (v: string | number) => (/[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
  const max = i.measurement.kind === 'severity' ? i.measurement.max : '';
  return [
    i.id,
    i.group,
    i.label,
    i.description,
    i.relevance,
    i.forms.join(';') || '-',
    i.measurement.kind,
    max,
    i.weight,
    i.persistenceMonths,
    i.level,
    i.citation,
    i.status,
  ]
    .map(cell)
    .join(',');
}
