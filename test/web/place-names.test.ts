import type { FeatureCollection, Geometry } from 'geojson';
import { describe, expect, it } from 'vitest';
import { candidateExtent, mercatorY, nameCandidates, placeNames } from '../../web/features/map/place-names.ts';

const rect = (code: string, name: string, x: number, y: number, w: number, h: number) => ({
  type: 'Feature' as const,
  properties: { code, name },
  geometry: {
    type: 'Polygon' as const,
    coordinates: [
      [
        [x, y],
        [x, y + h],
        [x + w, y + h],
        [x + w, y],
        [x, y],
      ],
    ],
  },
});

const spot = (name: string, x: number, y: number, width = 40, extent = 100) => ({
  name,
  x,
  y,
  width,
  height: 12,
  extent,
});
const FRAME = { x0: 0, y0: 0, x1: 500, y1: 300 };

describe('place names', () => {
  it('lists places largest first, with their label point and extent', () => {
    const fc: FeatureCollection<Geometry, { code: string; name: string }> = {
      type: 'FeatureCollection',
      features: [rect('AAA', 'Small', 0, 0, 1, 1), rect('BBB', 'Large', 10, 0, 8, 4), rect('CCC', 'Mid', 30, 0, 3, 3)],
    };
    const c = nameCandidates(fc);
    expect(c.map((x) => x.text)).toEqual(['Large', 'Mid', 'Small']);
    expect(c[0]!.at[0]).toBeCloseTo(14);
    expect(c[0]!.at[1]).toBeCloseTo(2);
    expect(c[0]!.west).toBe(10);
    expect(c[0]!.east).toBe(18);
    // 8 degrees of longitude on a 360-pixel world are 8 pixels; the north edge is above the south edge.
    expect(candidateExtent(c[0]!, 360)).toBeCloseTo(8);
    expect(c[0]!.north).toBeLessThan(c[0]!.south);
    expect(mercatorY(0)).toBeCloseTo(0.5);
  });

  it('keeps names in the order given, skipping any that would overlap a kept one, a taken box or the frame edge', () => {
    const kept = placeNames(
      [
        spot('first', 100, 100),
        spot('overlaps first', 120, 104),
        spot('clear', 300, 100),
        spot('under a hotspot label', 200, 200),
        spot('past the edge', 490, 50),
        spot('too small a place', 100, 250, 40, 20),
        spot('just clear of first', 100, 100 + 12 + 2.5),
      ],
      [{ x0: 180, y0: 190, x1: 260, y1: 212 }],
      FRAME,
    );
    expect(kept.map((k) => k.name)).toEqual(['first', 'clear', 'just clear of first']);
    expect(kept[0]!.box).toEqual({ x0: 80, y0: 94, x1: 120, y1: 106 });
    // No two kept boxes overlap.
    for (const a of kept)
      for (const b of kept)
        if (a !== b)
          expect(a.box.x1 <= b.box.x0 || b.box.x1 <= a.box.x0 || a.box.y1 <= b.box.y0 || b.box.y1 <= a.box.y0).toBe(
            true,
          );
  });
});
