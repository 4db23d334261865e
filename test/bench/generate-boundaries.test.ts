import type { MultiPolygon, Polygon, Position } from 'geojson';
import { parseZip, type ShpCollection } from 'shpjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { bundledAdmin1, generateBoundarySet, type GeneratedBoundarySet } from '../../bench/generate-boundaries.ts';
import { shapefileZip } from '../../bench/lib/shapefile-writer.ts';
import type { Topology } from 'topojson-specification';
import { crossesItselfByEveryPair as crossesItself } from '../helpers/ring-crossing.ts';

const area = (r: readonly Position[]) => {
  let s = 0;
  for (let i = 0, j = r.length - 1; i < r.length; j = i++) s += (r[j]![0]! - r[i]![0]!) * (r[j]![1]! + r[i]![1]!);
  return s / 2;
};
const polygons = (g: Polygon | MultiPolygon) => (g.type === 'Polygon' ? [g.coordinates] : g.coordinates);
const geomArea = (g: Polygon | MultiPolygon) =>
  polygons(g).reduce(
    (s, rings) => s + Math.abs(area(rings[0]!)) - rings.slice(1).reduce((h, r) => h + Math.abs(area(r)), 0),
    0,
  );

describe('generated COD-style admin-2 set', () => {
  let admin1: Topology;
  let set: GeneratedBoundarySet;
  beforeAll(() => {
    admin1 = bundledAdmin1();
    set = generateBoundarySet(admin1, { seed: 5 });
  });

  it('cuts every first-level region of Iraq and Nigeria into 3–6 districts with COD field names', () => {
    const byParent = new Map<string, number>();
    for (const f of set.collection.features)
      byParent.set(f.properties.ADM1_PCODE, (byParent.get(f.properties.ADM1_PCODE) ?? 0) + 1);
    expect(byParent.size).toBe(18 + 37);
    for (const n of byParent.values()) {
      expect(n).toBeGreaterThanOrEqual(3);
      expect(n).toBeLessThanOrEqual(6);
    }
    for (const f of set.collection.features) {
      expect(Object.keys(f.properties).sort()).toEqual(
        ['ADM0_EN', 'ADM0_PCODE', 'ADM1_EN', 'ADM1_PCODE', 'ADM2_AR', 'ADM2_EN', 'ADM2_FR', 'ADM2_PCODE'].sort(),
      );
      expect(f.properties.ADM2_PCODE.startsWith(f.properties.ADM1_PCODE)).toBe(true);
      expect(f.properties.ADM2_AR).toMatch(/^[\u0600-\u06FF]+$/);
    }
    expect(new Set(set.collection.features.map((f) => f.properties.ADM0_PCODE))).toEqual(new Set(['IQ', 'NG']));
  });

  it('is the same for the same seed and different for another', () => {
    expect(JSON.stringify(generateBoundarySet(admin1, { seed: 5 }).collection)).toBe(JSON.stringify(set.collection));
    expect(JSON.stringify(generateBoundarySet(admin1, { seed: 6 }).collection)).not.toBe(
      JSON.stringify(set.collection),
    );
  });

  it("tiles each parent: the districts' areas add up to the region's", () => {
    const nineveh = set.parentCodes.get('IQ-NI')!;
    const districts = set.collection.features.filter((f) => f.properties.ADM1_PCODE === nineveh);
    const parent = generateBoundarySet(admin1, { seed: 5, districts: [1, 1], flaws: false }).collection.features.find(
      (f) => f.properties.ADM1_PCODE === nineveh,
    )!;
    const sum = districts.reduce((s, f) => s + geomArea(f.geometry), 0);
    expect(sum / geomArea(parent.geometry)).toBeCloseTo(1, 6);
  });

  it('has the flaws a real set may have: an exclave, a hole, a ring crossing itself and a duplicate code', () => {
    const by = (code: string) => set.collection.features.filter((f) => f.properties.ADM2_PCODE === code);
    const { multipolygon, hole, invalid, duplicate } = set.flaws!;
    expect(by(multipolygon)[0]!.geometry.type).toBe('MultiPolygon');
    expect(by(hole)[0]!.geometry).toMatchObject({ type: 'Polygon' });
    expect((by(hole)[0]!.geometry as Polygon).coordinates).toHaveLength(2);
    expect(crossesItself((by(invalid)[0]!.geometry as Polygon).coordinates[0]!)).toBe(true);
    expect(by(duplicate)).toHaveLength(2);
    const others = set.collection.features.filter((f) => f.properties.ADM2_PCODE !== invalid);
    expect(others.some((f) => polygons(f.geometry).some((p) => crossesItself(p[0]!)))).toBe(false);
  });

  it('writes a zipped Shapefile that shpjs reads back with the same codes, names and holes', async () => {
    const back = (await parseZip(shapefileZip(set.collection))) as ShpCollection;
    expect(back.features).toHaveLength(set.collection.features.length);
    expect(back.features.map((f) => f.properties)).toEqual(set.collection.features.map((f) => f.properties));
    const hole = back.features.find((f) => f.properties!.ADM2_PCODE === set.flaws!.hole)!;
    expect(hole.geometry).toMatchObject({ type: 'Polygon' });
    expect((hole.geometry as Polygon).coordinates).toHaveLength(2);
    const multi = back.features.find((f) => f.properties!.ADM2_PCODE === set.flaws!.multipolygon)!;
    expect(multi.geometry.type).toBe('MultiPolygon');
  });
});
