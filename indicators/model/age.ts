/**
 * How much an observation made `age` months before the scored month still counts: 1 in its own
 * month, losing 1/(persistence + 1) each month, and 0 once older than the indicator's persistence
 * (or when it describes a later month).
 * @example ageFactor(0, 6) === 1; ageFactor(3, 5) === 0.5; ageFactor(7, 6) === 0
 */
export function ageFactor(age: number, persistenceMonths: number): number {
  if (age < 0 || age > persistenceMonths) return 0;
  return 1 - age / (persistenceMonths + 1);
}
