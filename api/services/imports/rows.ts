import { CONFIDENCES } from '../../../indicators/index.ts';
import type { Confidence } from '../../../indicators/index.ts';
import type { FieldError } from '../../errors.ts';
import type { WriteContext } from '../observations/checks.ts';
import { toBatchRow, type BatchRow } from '../observations/batch.ts';
import { validateObservation } from '../observations/write-path.ts';
import type { ColumnMap, ImportField } from './columns.ts';
import type { RegionMatcher } from './region-matcher.ts';
import { isRealDate } from './dates.ts';

/** The stable codes of the row problems the API can write in another language (`import.error.*` in api/locales). */
export type RowRejectionCode =
  | 'empty'
  | 'region-empty'
  | 'region-ambiguous'
  | 'region-unmatched'
  | 'period-format'
  | 'period-date'
  | 'value-number'
  | 'value-range'
  | 'confidence-enum'
  | 'source-empty';

/**
 * One problem with one cell of an import: row number in the file, column header, reason (English).
 * A problem with a `code` can be written in another language from the code and its `values`; one
 * without (the write path's own checks, a profile's rules) stays English.
 */
export interface RowRejection {
  row: number;
  column: string;
  reason: string;
  code?: RowRejectionCode;
  values?: Record<string, string>;
}

/** The outcome of reading one data row. `unmatchedRegion` carries the name that matched no region. */
export type RowResult =
  | { ok: true; row: BatchRow }
  | { ok: false; rejections: RowRejection[]; unmatchedRegion?: string; unmatched?: { name: string; country?: string } };

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
/** A month, or a date (a time after it, as spreadsheets and pandas write dates, is ignored). */
const MONTH_OR_DATE = /^(\d{4}-\d{2})(?:-(\d{2})(?:[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z?)?)?$/;

/** The confidence assumed for rows of a file without a confidence column. */
export const DEFAULT_CONFIDENCE: Confidence = 'medium';

/**
 * Reads one data row: resolves its region (code or exact name, narrowed by the country column),
 * parses the month (`YYYY-MM`, or a date whose month is taken) and the number, then runs the write
 * path's own validation. Every problem is reported against the file's column header.
 */
export function readRow(
  row: number,
  cells: readonly string[],
  columns: ColumnMap,
  ctx: WriteContext,
  regions: RegionMatcher,
): RowResult {
  const cell = (f: ImportField) => (columns[f] ? (cells[columns[f].index] ?? '').trim() : '');
  const label = (f: ImportField) => columns[f]?.label ?? f;
  const rejections: RowRejection[] = [];
  const reject = (f: ImportField, reason: string, code?: RowRejectionCode, values?: Record<string, string>) =>
    rejections.push({ row, column: label(f), reason, ...(code ? { code } : {}), ...(values ? { values } : {}) });

  // A district (admin-2) cell names the place when it is filled; a row left blank there falls back
  // to its first-level region, so one file can hold evidence at both levels.
  const placeField: ImportField = cell('district') ? 'district' : 'region';
  const regionText = cell(placeField);
  const countryText = cell('country');
  let region: string | undefined;
  let unmatchedRegion: string | undefined;
  let unmatched: { name: string; country?: string } | undefined;
  if (!regionText && !countryText)
    reject(
      columns.region ? 'region' : columns.district ? 'district' : 'country',
      'is empty: every row needs a region',
      'region-empty',
    );
  else {
    const m = regions.match(regionText, countryText || undefined);
    if (m.ok) region = m.code;
    else {
      const what = regionText
        ? `'${regionText}'${countryText ? ` in '${countryText}'` : ''}`
        : `country '${countryText}'`;
      unmatchedRegion = regionText ? (countryText ? `${regionText} (${countryText})` : regionText) : countryText;
      if (m.reason === 'unmatched')
        unmatched = { name: regionText || countryText, ...(regionText && countryText ? { country: countryText } : {}) };
      reject(
        regionText ? placeField : 'country',
        m.reason === 'ambiguous'
          ? `${what} matches several regions (${m.candidates!.slice(0, 5).join(', ')}): use a code, or add a country column`
          : `no region matches ${what} by ISO 3166, Natural Earth code, p-code or exact name`,
        m.reason === 'ambiguous' ? 'region-ambiguous' : 'region-unmatched',
        {
          place: regionText || countryText,
          ...(m.reason === 'ambiguous' ? { candidates: m.candidates!.slice(0, 5).join(', ') } : {}),
        },
      );
    }
  }

  const periodText = cell('period');
  const pm = MONTH_OR_DATE.exec(periodText);
  if (!periodText) reject('period', 'is empty', 'empty');
  else if (!pm)
    reject('period', `'${periodText}' is not a month YYYY-MM or a date YYYY-MM-DD`, 'period-format', {
      value: periodText,
    });
  else if (pm[2] && !isRealDate(Number(pm[1]!.slice(0, 4)), Number(pm[1]!.slice(5)), Number(pm[2])))
    reject('period', `'${periodText}' is not a calendar date`, 'period-date', { value: periodText });

  const valueText = cell('value');
  if (!valueText) reject('value', 'is empty', 'empty');
  else if (!NUMBER.test(valueText))
    reject('value', `'${valueText}' is not a number (use a dot for decimals)`, 'value-number', { value: valueText });
  else if (Math.abs(Number(valueText)) > Number.MAX_SAFE_INTEGER)
    reject('value', `'${valueText}' is beyond the numbers Vigil can store exactly`, 'value-range', {
      value: valueText,
    });

  const confText = cell('confidence').toLowerCase();
  if (confText && !(CONFIDENCES as readonly string[]).includes(confText))
    reject('confidence', `'${cell('confidence')}' must be one of ${CONFIDENCES.join(', ')}`, 'confidence-enum', {
      value: cell('confidence'),
      allowed: CONFIDENCES.join(', '),
    });

  if (!cell('source')) reject('source', 'is empty: every row needs a source citation', 'source-empty');

  const raw = {
    ...(region ? { region } : {}),
    indicator: cell('indicator'),
    period: pm ? pm[1] : periodText,
    value: NUMBER.test(valueText) ? Number(valueText) : valueText,
    confidence: confText || DEFAULT_CONFIDENCE,
    source: {
      citation: cell('source'),
      ...(cell('url') ? { url: cell('url') } : {}),
      ...(cell('locator') ? { locator: cell('locator') } : {}),
    },
    ...(cell('note') ? { note: cell('note') } : {}),
  };
  const v = validateObservation(raw, ctx);
  if (!v.ok) {
    const seen = new Set(rejections.map((r) => r.column));
    for (const e of v.errors) {
      const f: ImportField = fieldOf(e) === 'region' ? placeField : fieldOf(e);
      if (f === placeField && !region) continue;
      if (!seen.has(label(f)))
        if (f === 'indicator' && !cell('indicator')) reject(f, 'is empty', 'empty');
        else reject(f, e.message);
    }
  }
  if (rejections.length || !v.ok)
    return {
      ok: false,
      rejections,
      ...(unmatchedRegion ? { unmatchedRegion } : {}),
      ...(unmatched ? { unmatched } : {}),
    };
  return { ok: true, row: toBatchRow(row, v.input) };
}

function fieldOf(e: FieldError): ImportField {
  const top = e.field.split('.');
  if (top[0] === 'source') return top[1] === 'url' ? 'url' : top[1] === 'locator' ? 'locator' : 'source';
  return (top[0] as ImportField) ?? 'region';
}
