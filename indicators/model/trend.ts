/**
 * Change of a score over `months` months: `now - then`, or null when either end is unscored.
 * @example trend(6, 4) === 2
 */
export function trend(now: number | null, then: number | null | undefined): number | null {
  if (now === null || then === null || then === undefined) return null;
  return now - then;
}
