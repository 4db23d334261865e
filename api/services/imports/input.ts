import { Readable } from 'node:stream';
import { ApiError } from '../../errors.ts';
import { openCsv, type CsvRecord, type ImportFormat, type OpenedCsv } from './records.ts';

/** Text encodings an import can be told to read (`--encoding`, `encoding=`); UTF-8 is the default. */
export const IMPORT_ENCODINGS = ['utf-8', 'windows-1252', 'iso-8859-1', 'utf-16le', 'utf-16be'] as const;
export type ImportEncoding = (typeof IMPORT_ENCODINGS)[number];

/** The name people know an encoding by, for messages. */
const DISPLAY: Record<ImportEncoding, string> = {
  'utf-8': 'UTF-8',
  'windows-1252': 'Windows-1252',
  'iso-8859-1': 'ISO-8859-1',
  'utf-16le': 'UTF-16LE',
  'utf-16be': 'UTF-16BE',
};

/**
 * UTF-16 by its byte pattern: a byte-order mark, or text whose every other byte is NUL (ASCII
 * characters in UTF-16 without a BOM, which UTF-8 decoding would accept as text full of NULs).
 */
function utf16Of(head: Uint8Array): ImportEncoding | null {
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  const n = Math.min(head.length, 1024) & ~1;
  if (n < 8) return null;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (head[i] === 0) evenNul += 1;
    if (head[i + 1] === 0) oddNul += 1;
  }
  const pairs = n / 2;
  if (oddNul >= pairs * 0.4 && evenNul <= pairs * 0.05) return 'utf-16le';
  if (evenNul >= pairs * 0.4 && oddNul <= pairs * 0.05) return 'utf-16be';
  return null;
}

/** A guess at what a file that is not UTF-8 was saved as, from its first bytes. */
function guessEncoding(head: Uint8Array): ImportEncoding {
  return utf16Of(head) ?? 'windows-1252';
}

/** Index of the first byte that does not start or continue a well-formed UTF-8 sequence (-1 if none). */
function firstInvalidUtf8(b: Uint8Array): number {
  for (let i = 0; i < b.length;) {
    const x = b[i]!;
    const len = x < 0x80 ? 1 : x >= 0xc2 && x <= 0xdf ? 2 : x >= 0xe0 && x <= 0xef ? 3 : x >= 0xf0 && x <= 0xf4 ? 4 : 0;
    if (!len) return i;
    for (let k = 1; k < len; k++) {
      if (i + k >= b.length) return -1; // cut by the chunk: the next chunk decides
      if ((b[i + k]! & 0xc0) !== 0x80) return i;
    }
    i += len;
  }
  return -1;
}

/** Line feeds among the first `end` bytes. */
const countLines = (b: Uint8Array, end = b.length) => {
  let n = 0;
  for (let i = b.indexOf(0x0a); i >= 0 && i < end; i = b.indexOf(0x0a, i + 1)) n += 1;
  return n;
};

function notUtf8(guess: ImportEncoding, where: string): ApiError {
  return new ApiError(
    400,
    'invalid_encoding',
    `The file is not valid UTF-8 (${where}): it looks like ${DISPLAY[guess]}; rerun with --encoding ${guess} (API: encoding=${guess})`,
    [{ field: 'encoding', message: `the file is not UTF-8; it looks like ${DISPLAY[guess]} (encoding=${guess})` }],
  );
}

/**
 * The file as text, chunk by chunk. UTF-8 is checked strictly: a file that is not valid UTF-8 (a
 * spreadsheet's "CSV" saved as Windows-1252, or UTF-16 as some tools write) is a 400 that names the
 * line, the likely encoding and how to rerun, instead of rows of mangled names that then match no
 * region.
 */
async function* decode(input: Readable, encoding: ImportEncoding): AsyncGenerator<string> {
  const decoder = new TextDecoder(encoding, { fatal: encoding === 'utf-8' });
  let head: Uint8Array | undefined;
  let offset = 0;
  let lines = 0;
  let bytes: Uint8Array = new Uint8Array();
  try {
    for await (const chunk of input as AsyncIterable<Buffer | string>) {
      bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      if (!head) {
        head = bytes.subarray(0, 1024);
        const utf16 = encoding === 'utf-8' ? utf16Of(head) : null;
        if (utf16) throw notUtf8(utf16, 'its bytes alternate with NULs');
      }
      yield decoder.decode(bytes, { stream: true });
      offset += bytes.length;
      lines += countLines(bytes);
      bytes = new Uint8Array();
    }
    yield decoder.decode();
  } catch (e) {
    if (!(e instanceof TypeError)) throw e;
    const guess = guessEncoding(head ?? new Uint8Array());
    const bad = firstInvalidUtf8(bytes);
    const at = bad >= 0 ? bad : Math.max(0, bytes.length - 1);
    throw notUtf8(
      guess,
      `line ${(lines + countLines(bytes, at) + 1).toLocaleString('en')}, byte ${(offset + at + 1).toLocaleString('en')}`,
    );
  }
}

async function* prepend(first: string, rest: AsyncIterator<string>): AsyncGenerator<string> {
  yield first;
  for (let n = await rest.next(); !n.done; n = await rest.next()) yield n.value;
}

/** The events of GED API JSON: one page (`{ Result: [...] }`), an array of pages or of events, or one page per line. */
function jsonEvents(text: string): Record<string, unknown>[] {
  let docs: unknown[];
  try {
    docs = [JSON.parse(text)];
  } catch {
    try {
      docs = text
        .split(/\r?\n/)
        .filter((l) => l.trim())
        .map((l) => JSON.parse(l) as unknown);
    } catch (e) {
      throw new ApiError(400, 'invalid_json', `The file looks like JSON but is not: ${(e as Error).message}`, [
        { field: 'file', message: 'is not valid JSON (one document, or one page per line)' },
      ]);
    }
  }
  const out: Record<string, unknown>[] = [];
  const take = (d: unknown): void => {
    if (Array.isArray(d)) d.forEach(take);
    else if (d && typeof d === 'object') {
      const page = d as { Result?: unknown };
      if (Array.isArray(page.Result)) page.Result.forEach(take);
      else out.push(d as Record<string, unknown>);
    }
  };
  docs.forEach(take);
  return out;
}

/** JSON events as CSV records: the header is every key in order of first appearance; row n is event n. */
function jsonAsCsv(events: Record<string, unknown>[]): OpenedCsv {
  const header: string[] = [];
  const seen = new Set<string>();
  for (const e of events)
    for (const k of Object.keys(e)) {
      if (seen.has(k)) continue;
      seen.add(k);
      header.push(k);
    }
  async function* records(): AsyncGenerator<CsvRecord> {
    for (let i = 0; i < events.length; i++) {
      const e = events[i]!;
      yield { row: i + 1, cells: header.map((k) => (e[k] === null || e[k] === undefined ? '' : String(e[k]))) };
    }
  }
  return { format: 'ucdp-ged', header, labels: null, records: records() };
}

/**
 * Opens an uploaded file: decodes it (UTF-8 checked, or the encoding given), then reads it as the
 * GED API's JSON when it starts with `{` or `[`, else as CSV/HXL ({@link openCsv}). JSON is read
 * whole (API pages are small; the upload limit caps it); CSV is streamed.
 */
export async function openInput(
  input: Readable,
  format: ImportFormat = 'auto',
  encoding: ImportEncoding = 'utf-8',
): Promise<OpenedCsv> {
  const chunks = decode(input, encoding);
  let first = '';
  while (!first.trim()) {
    const n = await chunks.next();
    if (n.done) break;
    first += n.value;
  }
  const lead = first.replace(/^\uFEFF/, '').trimStart()[0];
  if ((lead === '{' || lead === '[') && format !== 'csv' && format !== 'hxl') {
    let text = first;
    for await (const c of chunks) text += c;
    return jsonAsCsv(jsonEvents(text.replace(/^\uFEFF/, '')));
  }
  return openCsv(Readable.from(prepend(first, chunks)), format);
}
