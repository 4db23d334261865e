import { parse, CsvError } from 'csv-parse';
import type { Readable } from 'node:stream';
import { ApiError } from '../../errors.ts';
import { isHashtagRow } from './columns.ts';

/** One CSV record with its row number in the file (1-based, header rows counted, as a spreadsheet numbers them). */
export interface CsvRecord {
  row: number;
  cells: string[];
}

/** The formats an import understands. `auto` picks HXL when a hashtag row is present, UCDP GED by its columns. */
export const IMPORT_FORMATS = ['auto', 'hxl', 'csv', 'ucdp-ged'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** An opened CSV: what kind it is, its header, and the data records still to read (streamed). */
export interface OpenedCsv {
  format: Exclude<ImportFormat, 'auto'>;
  /** The header row (plain names) or, for HXL, the hashtag row. */
  header: string[];
  /** For HXL, the human header row above the hashtags, if any. */
  labels: string[] | null;
  records: AsyncGenerator<CsvRecord>;
}

/** Rows searched for an HXL hashtag row (the HXL standard allows a few header rows above it). */
const HXL_SEARCH_ROWS = 25;

/** Columns every GED release has (`best` was `best_est` in the oldest). */
const UCDP_COLUMNS = ['type_of_violence', 'latitude', 'longitude', 'date_start'];

async function* parseRecords(input: Readable): AsyncGenerator<CsvRecord> {
  const parser = input.pipe(
    parse({ bom: true, relax_column_count: true, trim: true, skip_empty_lines: false, max_record_size: 1 << 20 }),
  );
  input.on('error', (e) => parser.destroy(e));
  let row = 0;
  let first: string[] | undefined;
  try {
    for await (const cells of parser as AsyncIterable<string[]>) {
      row += 1;
      if (cells.length === 1 && cells[0] === '') continue;
      const nul = cells.findIndex((c) => c.includes('\0'));
      if (nul >= 0) {
        const name = first?.[nul] && !first[nul].includes('\0') ? ` ('${first[nul]}')` : '';
        const where = `row ${row}, column ${nul + 1}${name}`;
        throw new ApiError(400, 'invalid_csv', `The file holds a NUL byte at ${where}: is this a text file?`, [
          { field: 'file', message: `${where}: NUL byte` },
        ]);
      }
      first ??= cells;
      yield { row, cells };
    }
  } catch (e) {
    if (e instanceof CsvError)
      throw new ApiError(400, 'invalid_csv', `The file is not valid CSV near row ${row + 1}: ${e.message}`, [
        { field: 'file', message: e.message },
      ]);
    throw e;
  } finally {
    parser.destroy();
  }
}

async function* prepend(first: CsvRecord[], rest: AsyncGenerator<CsvRecord>): AsyncGenerator<CsvRecord> {
  yield* first;
  yield* rest;
}

/**
 * Starts reading a CSV stream: finds the HXL hashtag row among the first rows (or takes the first
 * row as plain headers), recognises UCDP GED exports by their columns, and returns the remaining
 * records as a stream. Never holds more than the first few rows in memory.
 */
export async function openCsv(input: Readable, format: ImportFormat = 'auto'): Promise<OpenedCsv> {
  const records = parseRecords(input);
  const head: CsvRecord[] = [];
  let tagIndex = -1;
  while (head.length < HXL_SEARCH_ROWS && format !== 'csv') {
    const next = await records.next();
    if (next.done) break;
    head.push(next.value);
    if (isHashtagRow(next.value.cells)) {
      tagIndex = head.length - 1;
      break;
    }
  }
  const looksUcdp = (cells: readonly string[] | undefined) =>
    Boolean(cells) &&
    [...UCDP_COLUMNS, /^best(_est)?$/].every((c) =>
      cells!.some((h) => (typeof c === 'string' ? h.toLowerCase() === c : c.test(h.toLowerCase()))),
    );
  if (tagIndex >= 1 && format !== 'hxl' && (format === 'ucdp-ged' || looksUcdp(head[tagIndex - 1]!.cells))) {
    // HDX exports of UCDP GED carry an HXL row under the GED header: read them as GED.
    return { format: 'ucdp-ged', header: head[tagIndex - 1]!.cells, labels: null, records };
  }
  if (tagIndex >= 0 && format !== 'ucdp-ged') {
    return {
      format: 'hxl',
      header: head[tagIndex]!.cells,
      labels: head[tagIndex - 1]?.cells ?? null,
      records: records,
    };
  }
  if (format === 'hxl')
    throw new ApiError(
      400,
      'invalid_request',
      `No HXL hashtag row (such as #adm1+code,#indicator+code,#date,#value) in the first ${HXL_SEARCH_ROWS} rows`,
      [{ field: 'format', message: 'hxl given but no hashtag row found' }],
    );
  const all = prepend(head, records);
  const first = await all.next();
  if (first.done)
    throw new ApiError(400, 'invalid_request', 'The file is empty', [{ field: 'file', message: 'is empty' }]);
  const header = first.value.cells;
  const isUcdp = looksUcdp(header);
  if (format === 'ucdp-ged' && !isUcdp)
    throw new ApiError(400, 'invalid_request', `Not a UCDP GED file: columns ${UCDP_COLUMNS.join(', ')} are required`, [
      { field: 'format', message: 'ucdp-ged given but GED columns missing' },
    ]);
  return { format: isUcdp && format !== 'csv' ? 'ucdp-ged' : 'csv', header, labels: null, records: all };
}
