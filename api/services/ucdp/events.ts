import type { UcdpViolenceType } from '../../../indicators/mapping/ucdp-rules.ts';
import type { RowRejection } from '../imports/rows.ts';

/** The GED fields Vigil reads from one event. */
export interface GedEvent {
  row: number;
  id: string;
  type: UcdpViolenceType;
  sideA: string;
  wherePrec: number;
  adm1: string;
  lat: number;
  lon: number;
  country: string;
  iso3: string;
  /** Month of `date_start`. */
  period: string;
  /** Best estimate of deaths. */
  best: number;
}

const COLUMNS = [
  'id',
  'type_of_violence',
  'side_a',
  'where_prec',
  'adm_1',
  'latitude',
  'longitude',
  'country',
  'iso3',
  'date_start',
  'best',
] as const;
type Column = (typeof COLUMNS)[number];
const OPTIONAL: readonly Column[] = ['side_a', 'adm_1', 'country', 'iso3'];

/** Column positions in a GED header (lower-cased names); throws naming a missing required column. */
export function gedColumns(header: readonly string[]): Record<Column, number> {
  const lower = header.map((h) => h.trim().toLowerCase());
  const out = {} as Record<Column, number>;
  for (const c of COLUMNS) {
    out[c] = lower.indexOf(c);
    if (out[c] < 0 && !OPTIONAL.includes(c)) throw new Error(`UCDP GED column '${c}' is missing`);
  }
  return out;
}

const INT = /^\d+$/;
const NUM = /^[+-]?\d+(\.\d+)?$/;

/** Reads one GED record; returns the event or the problems found, by column. */
export function readGedEvent(
  row: number,
  cells: readonly string[],
  col: Record<Column, number>,
): { ok: true; event: GedEvent } | { ok: false; rejections: RowRejection[] } {
  const get = (c: Column) => (col[c] >= 0 ? (cells[col[c]] ?? '').trim() : '');
  const rejections: RowRejection[] = [];
  const bad = (c: Column, reason: string) => rejections.push({ row, column: c, reason });
  const type = get('type_of_violence');
  if (!['1', '2', '3'].includes(type)) bad('type_of_violence', `'${type}' must be 1, 2 or 3`);
  const date = /^(\d{4}-(0[1-9]|1[0-2]))-\d{2}/.exec(get('date_start'));
  if (!date) bad('date_start', `'${get('date_start')}' is not a date YYYY-MM-DD`);
  if (!INT.test(get('best'))) bad('best', `'${get('best')}' is not a whole number of deaths`);
  if (!INT.test(get('where_prec'))) bad('where_prec', `'${get('where_prec')}' must be a precision code 1–7`);
  const lat = Number(get('latitude'));
  const lon = Number(get('longitude'));
  if (!NUM.test(get('latitude')) || Math.abs(lat) > 90) bad('latitude', `'${get('latitude')}' is not a latitude`);
  if (!NUM.test(get('longitude')) || Math.abs(lon) > 180) bad('longitude', `'${get('longitude')}' is not a longitude`);
  if (rejections.length) return { ok: false, rejections };
  return {
    ok: true,
    event: {
      row,
      id: get('id'),
      type: Number(type) as UcdpViolenceType,
      sideA: get('side_a'),
      wherePrec: Number(get('where_prec')),
      adm1: get('adm_1'),
      lat,
      lon,
      country: get('country'),
      iso3: get('iso3'),
      period: date![1]!,
      best: Number(get('best')),
    },
  };
}

/** A GED `adm_1` name without its unit word: "Nīnawá province" → "Nīnawá", "Borno state" → "Borno". */
export function stripAdminUnit(name: string): string {
  return name
    .replace(
      /\s+(province|state|governorate|region|district|county|division|prefecture|department|muhafazah|wilayah)$/i,
      '',
    )
    .trim();
}

/** True when side A of an event is a government, as UCDP names state actors ("Government of Iraq"). */
export function isStateActor(sideA: string): boolean {
  return /^government of /i.test(sideA.trim());
}
