import type { UcdpViolenceType } from '../../../indicators/index.ts';
import { isRealDate } from '../imports/dates.ts';
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
/** Columns older releases lack: `iso3` came in later releases, `id` and `side_a` are only descriptive. */
const OPTIONAL: readonly Column[] = ['id', 'side_a', 'adm_1', 'country', 'iso3'];
/** Other names of a column in older releases and re-saved copies. */
const OTHER_NAMES: Partial<Record<Column, readonly string[]>> = { best: ['best_est'], adm_1: ['adm1'] };

/** Column positions in a GED header (names compared lower-case); throws naming a missing required column or a repeated one. */
export function gedColumns(header: readonly string[]): Record<Column, number> {
  const lower = header.map((h) => h.trim().toLowerCase());
  const out = {} as Record<Column, number>;
  for (const c of COLUMNS) {
    const names = [c, ...(OTHER_NAMES[c] ?? [])];
    const at = lower.flatMap((h, i) => (names.includes(h) ? [i] : []));
    if (at.length > 1)
      throw new Error(
        `UCDP GED column '${c}' appears ${at.length} times (columns ${at.map((i) => i + 1).join(' and ')})`,
      );
    out[c] = at[0] ?? -1;
    if (out[c] < 0 && !OPTIONAL.includes(c)) throw new Error(`UCDP GED column '${c}' is missing`);
  }
  return out;
}

/** A whole number as GED writes it, or as spreadsheets and pandas re-save it (`12.0`, `1,234` is not accepted). */
const WHOLE = /^\d+(\.0*)?$/;
const NUM = /^[+-]?\d+(\.\d+)?$/;
/** A date, with the time pandas or a spreadsheet may add (`2014-01-24 00:00:00`), or with slashes (`2014/01/24`). */
const DATE = /^(\d{4})[-/](\d{2})[-/](\d{2})([ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z?)?$/;

/** Reads one GED record; returns the event or the problems found, by column. */
export function readGedEvent(
  row: number,
  cells: readonly string[],
  col: Record<Column, number>,
): { ok: true; event: GedEvent } | { ok: false; rejections: RowRejection[] } {
  const get = (c: Column) => (col[c] >= 0 ? (cells[col[c]] ?? '').trim() : '');
  const rejections: RowRejection[] = [];
  const bad = (c: Column, reason: string) => rejections.push({ row, column: c, reason });
  const whole = (c: Column) => (WHOLE.test(get(c)) ? Number(get(c)) : NaN);
  const type = whole('type_of_violence');
  if (![1, 2, 3].includes(type)) bad('type_of_violence', `'${get('type_of_violence')}' must be 1, 2 or 3`);
  const date = DATE.exec(get('date_start'));
  if (!date) bad('date_start', `'${get('date_start')}' is not a date YYYY-MM-DD`);
  else if (!isRealDate(Number(date[1]), Number(date[2]), Number(date[3])))
    bad('date_start', `'${get('date_start')}' is not a calendar date`);
  const best = whole('best');
  if (!Number.isSafeInteger(best)) bad('best', `'${get('best')}' is not a whole number of deaths`);
  const wherePrec = whole('where_prec');
  if (!(wherePrec >= 1 && wherePrec <= 7)) bad('where_prec', `'${get('where_prec')}' must be a precision code 1–7`);
  const lat = Number(get('latitude'));
  const lon = Number(get('longitude'));
  if (!NUM.test(get('latitude')) || Math.abs(lat) > 90) bad('latitude', `'${get('latitude')}' is not a latitude`);
  if (!NUM.test(get('longitude')) || Math.abs(lon) > 180) bad('longitude', `'${get('longitude')}' is not a longitude`);
  if (rejections.length) return { ok: false, rejections };
  return {
    ok: true,
    event: {
      row,
      id: get('id').replace(/\.0*$/, ''),
      type: type as UcdpViolenceType,
      sideA: get('side_a'),
      wherePrec,
      adm1: get('adm_1'),
      lat,
      lon,
      country: get('country'),
      iso3: get('iso3'),
      period: `${date![1]}-${date![2]}`,
      best,
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
