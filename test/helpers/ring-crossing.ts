import type { Position } from 'geojson';

/**
 * The plain definition, every pair of edges: true when two edges of a closed ring cross (neighbours
 * sharing a vertex not counted). The reference the fast check in api/services/boundaries is tested against.
 */
export function crossesItselfByEveryPair(ring: readonly Position[]): boolean {
  const n = ring.length - 1;
  const orient = (a: Position, b: Position, c: Position) =>
    Math.sign((b[0]! - a[0]!) * (c[1]! - a[1]!) - (b[1]! - a[1]!) * (c[0]! - a[0]!));
  for (let i = 0; i < n; i++)
    for (let j = i + 2; j < n; j++) {
      if (i === 0 && j === n - 1) continue;
      const [a, b, c, d] = [ring[i]!, ring[i + 1]!, ring[j]!, ring[j + 1]!];
      if (orient(a, b, c) * orient(a, b, d) < 0 && orient(c, d, a) * orient(c, d, b) < 0) return true;
    }
  return false;
}
