import type { FeatureCollection } from 'geojson';
import { beforeAll, describe, expect, it } from 'vitest';
import { bundledAdmin1, generateBoundarySet } from '../../bench/generate-boundaries.ts';
import { WGS84_PRJ } from '../../bench/lib/shapefile-writer.ts';
import { detectFields, notWgs84 } from '../../api/services/boundaries/conventions.ts';

describe('boundary set conventions', () => {
  let fc: FeatureCollection;
  beforeAll(() => {
    fc = generateBoundarySet(bundledAdmin1(), { seed: 3 }).collection;
  });

  it('detects a COD-AB admin-2 set without options: level, code, names (English first) and parent', () => {
    expect(detectFields(fc)).toEqual({
      ok: true,
      fields: { level: 2, code: 'ADM2_PCODE', names: ['ADM2_EN', 'ADM2_AR', 'ADM2_FR'], parent: 'ADM1_PCODE' },
    });
  });

  it('takes the code, name and parent fields from options', () => {
    const r = detectFields(fc, { level: 2, codeField: 'ADM2_PCODE', nameField: 'ADM2_FR', parentField: 'ADM0_PCODE' });
    expect(r).toEqual({
      ok: true,
      fields: { level: 2, code: 'ADM2_PCODE', names: ['ADM2_FR', 'ADM2_EN', 'ADM2_AR'], parent: 'ADM0_PCODE' },
    });
    expect(detectFields(fc, { nameField: 'NAME' })).toEqual({
      ok: false,
      problem: 'no name field NAME on the features',
    });
  });

  it('refuses mixed levels and a set without any code field, saying why', () => {
    const mixed = structuredClone(fc);
    for (const f of mixed.features.slice(0, 4)) delete f.properties!.ADM2_PCODE;
    expect(detectFields(mixed)).toEqual({
      ok: false,
      problem: `mixed levels: features have 4 at level 1 and ${fc.features.length - 4} at level 2; a set is one level`,
    });
    const bare: FeatureCollection = {
      type: 'FeatureCollection',
      features: [{ ...fc.features[0]!, properties: { name: 'x' } }],
    };
    expect(detectFields(bare)).toMatchObject({ ok: false, problem: expect.stringContaining('no ADMn_PCODE field') });
  });

  it('accepts WGS 84 and refuses a projected set with the reason', () => {
    expect(notWgs84(fc)).toBeNull();
    expect(notWgs84(fc, WGS84_PRJ)).toBeNull();
    expect(
      notWgs84({
        ...fc,
        crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:OGC:1.3:CRS84' } },
      } as FeatureCollection),
    ).toBeNull();
    expect(notWgs84({ ...fc, crs: { type: 'name', properties: { name: 'EPSG:32638' } } } as FeatureCollection)).toMatch(
      /names EPSG:32638, not WGS 84/,
    );
    expect(notWgs84(fc, 'PROJCS["WGS_1984_UTM_Zone_38N",GEOGCS["GCS_WGS_1984"]]')).toMatch(
      /\.prj describes WGS_1984_UTM_Zone_38N, not WGS 84/,
    );
    const metres = structuredClone(fc);
    metres.features[3]!.geometry = {
      type: 'Polygon',
      coordinates: [
        [
          [500000, 4000000],
          [500100, 4000000],
          [500000, 4000100],
          [500000, 4000000],
        ],
      ],
    };
    expect(notWgs84(metres)).toMatch(/coordinate 500000, 4000000 is outside longitude/);
  });
});
