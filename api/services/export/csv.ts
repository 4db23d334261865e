/** A cell value a CSV writer accepts; null and undefined become an empty cell (missing, never 0). */
export type Cell = string | number | boolean | null | undefined;

/** Characters that make a spreadsheet read a cell as a formula (CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV field as RFC 4180 writes it: quoted when it holds a comma, quote, line break or edge
 * space. A text cell that a spreadsheet would run as a formula gets a leading apostrophe; numbers
 * (including negative ones) are written as numbers.
 */
export function csvField(v: Cell): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  let s = String(v);
  if (typeof v === 'string' && FORMULA_START.test(s)) s = `'${s}`;
  return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Rows of cells as CSV text: CRLF line ends, a final line end, and a UTF-8 byte-order mark so spreadsheets read accented names right. */
export function toCsv(rows: readonly (readonly Cell[])[], { bom = true } = {}): string {
  return (bom ? '\uFEFF' : '') + rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}
