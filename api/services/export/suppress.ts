/** Counts from 1 up to this value (exclusive) are never published as numbers. */
export const SMALL_COUNT_LIMIT = 5;

/** What a suppressed count is published as. */
export const SUPPRESSED = '<5';

/** A count as it may appear in a public output: the number, or `<5` for 1–4; missing stays missing. */
export type PublicCount = number | typeof SUPPRESSED | null;

/**
 * The one suppression rule of every export (do no harm): a count of 1 to 4 — of observations,
 * events, indicators behind a score — becomes `<5`, so that a small number cannot point at a
 * handful of people or incidents. Zero stays 0 (nothing recorded reveals no one), missing stays
 * null (never shown as 0), and a non-integer or negative value is refused: it is not a count.
 *
 * @example
 * suppressCount(3)    // '<5'
 * suppressCount(12)   // 12
 * suppressCount(0)    // 0
 * suppressCount(null) // null
 */
export function suppressCount(n: number | null | undefined): PublicCount {
  if (n === null || n === undefined) return null;
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`not a count: ${n}`);
  return n > 0 && n < SMALL_COUNT_LIMIT ? SUPPRESSED : n;
}
