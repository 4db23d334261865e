import { describe, expect, it } from 'vitest';
import { bundledAdmin1, generateBoundarySet } from '../../bench/generate-boundaries.ts';
import { checkGeometry, ringCrossesItself } from '../../api/services/boundaries/geometry.ts';

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
});
