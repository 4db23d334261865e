import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { topology } from 'topojson-server';
import { describe, expect, it } from 'vitest';
import { assignParents } from '../../api/services/boundaries/parents.ts';

const box = (x0: number, y0: number, x1: number, y1: number): Polygon['coordinates'] => [
  [
    [x0, y0],
    [x1, y0],
    [x1, y1],
    [x0, y1],
    [x0, y0],
  ],
];
const poly = (x0: number, y0: number, x1: number, y1: number): Polygon => ({
  type: 'Polygon',
  coordinates: box(x0, y0, x1, y1),
});

// Level above: WEST (0–10°E), EAST (10–20°E), and ISLES and DATE, one each side of the antimeridian.
const above: FeatureCollection = {
  type: 'FeatureCollection',
  features: [
    { type: 'Feature', properties: { code: 'WEST' }, geometry: poly(0, 0, 10, 10) },
    { type: 'Feature', properties: { code: 'EAST' }, geometry: poly(10, 0, 20, 10) },
    { type: 'Feature', properties: { code: 'ISLES' }, geometry: poly(178, -20, 180, -15) },
    { type: 'Feature', properties: { code: 'DATE' }, geometry: poly(-180, -20, -178, -15) },
  ],
};
const level = {
  codes: ['WEST', 'EAST', 'ISLES', 'DATE'],
  aliases: [{ alias: 'XW01', regionCode: 'WEST' }],
  topology: topology({ a: above }),
};

describe('parents of a boundary set', () => {
  it('takes a known parent code or alias, else the region each district overlaps most, with its share', () => {
    const straddling: MultiPolygon = {
      type: 'MultiPolygon',
      coordinates: [box(179.5, -19, 180, -16), box(-180, -19, -178.5, -16)],
    };
    const { parentOf, codes } = assignParents(
      [
        { code: 'D1', parentValue: 'west', geometry: poly(1, 1, 2, 2) },
        { code: 'D2', parentValue: 'XW01', geometry: poly(3, 3, 4, 4) },
        // Three quarters in EAST: the parent by overlap, whatever its unknown code says.
        { code: 'D3', parentValue: 'ZZ9', geometry: poly(7.5, 1, 17.5, 2) },
        // A quarter east of the antimeridian (listed first), three quarters west of it.
        { code: 'D4', parentValue: null, geometry: straddling },
        { code: 'D5', parentValue: null, geometry: poly(50, 50, 51, 51) },
      ],
      level,
    );
    expect(Object.fromEntries([...parentOf].map(([k, v]) => [k, [v.region, v.by]]))).toEqual({
      D1: ['WEST', 'code'],
      D2: ['WEST', 'alias'],
      D3: ['EAST', 'overlap'],
      D4: ['DATE', 'overlap'],
      D5: [null, 'none'],
    });
    expect([parentOf.get('D3')!.share, parentOf.get('D4')!.share]).toEqual([0.75, 0.75]);
    expect(codes.map((c) => c.value)).toEqual(['west', 'XW01', 'ZZ9']);
  });

  it('places every district sharing an unknown parent code together, on the region they overlap most', () => {
    const { parentOf, codes } = assignParents(
      [
        { code: 'A', parentValue: 'P1', geometry: poly(1, 1, 9, 9) },
        { code: 'B', parentValue: 'P1', geometry: poly(9.5, 1, 10.5, 2) },
      ],
      level,
    );
    expect([parentOf.get('A')!.region, parentOf.get('B')!.region]).toEqual(['WEST', 'WEST']);
    expect(codes).toEqual([{ value: 'P1', region: 'WEST', by: 'overlap', share: expect.any(Number) }]);
  });
});
