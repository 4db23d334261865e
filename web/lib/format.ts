const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A score to one decimal, or an em dash when there is none (missing is never shown as 0). */
export function fmtScore(n: number | null | undefined): string {
  return n === null || n === undefined ? '—' : n.toFixed(1);
}

/** A change with its sign (`+1.2`, `−0.4`, `0.0`), or an em dash. Uses a true minus sign. */
export function fmtChange(n: number | null | undefined): string {
  if (n === null || n === undefined) return '—';
  const s = Math.abs(n).toFixed(1);
  if (s === '0.0') return '0.0';
  return n > 0 ? `+${s}` : `−${s}`;
}

/** A share 0..1 as a whole percentage. */
export function fmtPct(share: number | null | undefined): string {
  return share === null || share === undefined ? '—' : `${Math.round(share * 100)}%`;
}

/** `2017-12` as `Dec 2017`. */
export function fmtPeriod(p: string | null | undefined): string {
  if (!p) return '…';
  const [y, m] = p.split('-');
  return `${MONTHS[Number(m) - 1] ?? m} ${y}`;
}

/** Counts below five are shown as `<5` in public views (do no harm). */
export function fmtCount(n: number): string {
  return n > 0 && n < 5 ? '<5' : String(n);
}
