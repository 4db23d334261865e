import { describe, expect, it } from 'vitest';
import { bundledAdmin1, generateBoundarySet } from '../../bench/generate-boundaries.ts';
import { checkGeometry, ringCrossesItself } from '../../api/services/boundaries/geometry.ts';
import { randomSource } from '../../bench/generate.ts';
import { crossesItselfByEveryPair } from '../helpers/ring-crossing.ts';

describe('boundary geometry check', () => {
  const set = generateBoundarySet(bundledAdmin1(), { seed: 9 });

  it('finds exactly the generated self-intersecting ring and repairs it into rings that do not cross', () => {
    const checks = set.collection.features.map((f) => ({
      code: f.properties.ADM2_PCODE,
      check: checkGeometry(f.geometry),
    }));
    expect(checks.filter((c) => c.check.status !== 'valid').map((c) => c.code)).toEqual([set.flaws!.invalid]);
    const repaired = checks.find((c) => c.code === set.flaws!.invalid)!.check;
    expect(repaired.status).toBe('repaired');
    if (repaired.status !== 'repaired') return;
    const polys =
      repaired.geometry.type === 'Polygon' ? [repaired.geometry.coordinates] : repaired.geometry.coordinates;
    expect(polys.flat().some(ringCrossesItself)).toBe(false);
  });

  it('refuses what is not a polygon and a ring too short to have an area', () => {
    expect(checkGeometry({ type: 'Point', coordinates: [1, 2] })).toEqual({
      status: 'refused',
      problem: 'is a Point, not a polygon',
    });
    expect(checkGeometry(null)).toEqual({ status: 'refused', problem: 'is empty, not a polygon' });
    expect(
      checkGeometry({
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [1, 1],
            [0, 0],
          ],
        ],
      }),
    ).toMatchObject({ status: 'refused' });
  });

  it('finds a crossing exactly when some pair of edges crosses, on random rings and on a long wavy ring', () => {
    const rnd = randomSource(41);
    let crossing = 0;
    for (let k = 0; k < 400; k++) {
      // Random walks on a small integer grid: many crossings, and touching or collinear edges too.
      const ring: [number, number][] = Array.from({ length: rnd.int(4, 30) }, () => [rnd.int(0, 6), rnd.int(0, 6)]);
      ring.push(ring[0]!);
      const want = crossesItselfByEveryPair(ring);
      crossing += Number(want);
      expect(ringCrossesItself(ring), JSON.stringify(ring)).toBe(want);
    }
    expect(crossing).toBeGreaterThan(100);
    expect(crossing).toBeLessThan(400);
    const wavy = Array.from({ length: 20_000 }, (_, i) => {
      const a = (2 * Math.PI * i) / 20_000;
      const r = i % 2 ? 1.999 : 2;
      return [r * Math.cos(a), r * Math.sin(a)];
    });
    wavy.push(wavy[0]!);
    expect(ringCrossesItself(wavy)).toBe(false);
    [wavy[100], wavy[10_100]] = [wavy[10_100]!, wavy[100]!];
    expect(ringCrossesItself(wavy)).toBe(true);
  });
});
