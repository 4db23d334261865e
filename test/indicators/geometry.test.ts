import type { Geometry } from 'geojson';
import { describe, expect, it } from 'vitest';
import { polygonsOf } from '../../indicators/index.ts';
import { readAreaFile } from '../../web/features/area/area-upload.ts';

const square = (x: number) => [
  [
    [x, 0],
    [x + 1, 0],
    [x + 1, 1],
    [x, 0],
  ],
];

describe('polygonsOf', () => {
  it('takes every polygon of a geometry, in order, and nothing else', () => {
    const g: Geometry = {
      type: 'GeometryCollection',
      geometries: [
        { type: 'Point', coordinates: [5, 5] },
        { type: 'Polygon', coordinates: square(0) },
        {
          type: 'LineString',
          coordinates: [
            [0, 0],
            [1, 1],
          ],
        },
        { type: 'MultiPolygon', coordinates: [square(2), square(4)] },
        { type: 'GeometryCollection', geometries: [{ type: 'Polygon', coordinates: square(6) }] },
      ],
    };
    expect(polygonsOf(g)).toEqual([square(0), square(2), square(4), square(6)]);
    expect(polygonsOf(null)).toEqual([]);
    expect(polygonsOf({ type: 'MultiPoint', coordinates: [[0, 0]] })).toEqual([]);
  });

  it('is what the Area page reads an uploaded file with', () => {
    const file = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: square(0) } },
        { type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [0, 0] } },
      ],
    };
    expect(readAreaFile('a.geojson', JSON.stringify(file))).toEqual({
      ok: true,
      area: { name: 'a', geometry: { type: 'MultiPolygon', coordinates: [square(0)] } },
    });
    expect(readAreaFile('b.geojson', JSON.stringify({ type: 'Point', coordinates: [0, 0] }))).toEqual({
      ok: false,
      reason: 'empty',
    });
  });
});
