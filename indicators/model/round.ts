/**
 * Rounds values to `decimals` places so that the rounded values add up exactly to the rounded
 * total (largest-remainder method): what lets an explanation's points, as shown, sum to the score
 * as shown.
 * @example apportion([1.006, 1.006, 1.006], 2) // [1.01, 1.01, 1] — sums to 3.02, the rounded total
 */
export function apportion(values: readonly number[], decimals: number): number[] {
  const k = 10 ** decimals;
  const total = Math.round(values.reduce((a, b) => a + b, 0) * k);
  const floors = values.map((v) => Math.floor(v * k));
  let rest = total - floors.reduce((a, b) => a + b, 0);
  const order = values
    .map((v, i) => ({ i, frac: v * k - Math.floor(v * k) }))
    .sort((a, b) => b.frac - a.frac || a.i - b.i);
  const out = [...floors];
  for (const { i } of order) {
    if (rest <= 0) break;
    out[i]! += 1;
    rest -= 1;
  }
  return out.map((n) => n / k);
}

/** Rounds to `decimals` places, keeping null. */
export function roundTo(n: number | null, decimals: number): number | null {
  if (n === null) return null;
  const k = 10 ** decimals;
  return Math.round(n * k) / k;
}
