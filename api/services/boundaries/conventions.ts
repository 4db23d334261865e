import type { FeatureCollection } from 'geojson';

/** Which properties of a boundary set hold the code, names and parent code, and the admin level they describe. */
export interface SetFields {
  level: number;
  code: string;
  /** Name fields, English first when there is one (`ADM2_EN`, `ADM2_FR`, `ADM2_AR`…). */
  names: string[];
  parent: string | null;
}

/** Field options a person may give instead of (or over) the detected ones. */
export interface FieldOptions {
  level?: number;
  codeField?: string;
  nameField?: string;
  parentField?: string;
}

/** Detected fields, or why they could not be: every failure names the problem in words. */
export type FieldDetection = { ok: true; fields: SetFields } | { ok: false; problem: string };

/**
 * Finds the COD-AB conventions without options: the deepest `ADMn_PCODE` present on the features
 * gives the level and code field, `ADMn_<lang>` fields the names (`ADMn_EN` first, then the other
 * languages in order), `ADM(n-1)_PCODE` the parent. Options override any of them. A set whose features
 * carry code fields of more than one depth as their deepest (`ADM2_PCODE` on some, only `ADM1_PCODE` on
 * others) is refused as mixed levels; a code field present but empty is a missing code.
 */
export function detectFields(fc: FeatureCollection, opts: FieldOptions = {}): FieldDetection {
  const keys = new Set<string>();
  const deepest = new Map<number, number>();
  for (const f of fc.features) {
    const props = f.properties ?? {};
    let d = -1;
    for (const k of Object.keys(props)) {
      keys.add(k);
      const m = /^ADM(\d)_PCODE$/i.exec(k);
      // A field present but empty is a missing code (reported by feature), not a feature of another level.
      if (m) d = Math.max(d, Number(m[1]));
    }
    if (d >= 0) deepest.set(d, (deepest.get(d) ?? 0) + 1);
  }
  const field = (name: string) => [...keys].find((k) => k.toUpperCase() === name.toUpperCase());
  if (deepest.size > 1 && !opts.codeField)
    return {
      ok: false,
      problem: `mixed levels: features have ${[...deepest]
        .sort((a, b) => a[0] - b[0])
        .map(([l, n]) => `${n} at level ${l}`)
        .join(' and ')}; a set is one level`,
    };
  const level = opts.level ?? [...deepest.keys()][0];
  if (level === undefined)
    return { ok: false, problem: 'no ADMn_PCODE field found: give the code field (--code-field) and the level' };
  const code = opts.codeField ?? field(`ADM${level}_PCODE`);
  if (!code || !keys.has(code))
    return { ok: false, problem: `no code field ${opts.codeField ?? `ADM${level}_PCODE`} on the features` };
  const langs = [...keys].filter((k) => new RegExp(`^ADM${level}_(?!PCODE|REF|ALT)[A-Z]{2}$`, 'i').test(k));
  langs.sort((a, b) => Number(!/_EN$/i.test(a)) - Number(!/_EN$/i.test(b)) || a.localeCompare(b));
  const names = opts.nameField ? [opts.nameField, ...langs.filter((k) => k !== opts.nameField)] : langs;
  if (opts.nameField && !keys.has(opts.nameField))
    return { ok: false, problem: `no name field ${opts.nameField} on the features` };
  const parent = opts.parentField ?? (level > 0 ? (field(`ADM${level - 1}_PCODE`) ?? null) : null);
  if (opts.parentField && !keys.has(opts.parentField))
    return { ok: false, problem: `no parent field ${opts.parentField} on the features` };
  return { ok: true, fields: { level, code, names, parent } };
}

/** Names a crs member may give for WGS 84 longitude/latitude. */
const WGS84_NAMES = /^(urn:ogc:def:crs:OGC:1\.3:CRS84|urn:ogc:def:crs:EPSG::4326|EPSG:4326|CRS84)$/i;

/**
 * Why the coordinates are not WGS 84 longitude/latitude, or null when they are: a GeoJSON `crs`
 * member naming another system, a Shapefile `.prj` that is not a geographic WGS 84 one, or a
 * coordinate outside ±180 / ±90 (projected metres, typically).
 */
export function notWgs84(fc: FeatureCollection & { crs?: unknown }, prj?: string): string | null {
  const crsName = (fc.crs as { properties?: { name?: unknown } } | undefined)?.properties?.name;
  if (typeof crsName === 'string' && !WGS84_NAMES.test(crsName.trim()))
    return `the crs member names ${crsName}, not WGS 84 (EPSG:4326): reproject the file to longitude/latitude`;
  if (prj !== undefined && !(/^\s*GEOGCS\[/i.test(prj) && /WGS[_ ]?(19)?84/i.test(prj)))
    return `the .prj describes ${(/^\s*(\w+)\["([^"]*)"/.exec(prj) ?? [])[2] ?? 'an unknown system'}, not WGS 84 longitude/latitude: reproject the file`;
  for (const f of fc.features) {
    const bad = firstOutOfRange(f.geometry);
    if (bad)
      return `coordinate ${bad.join(', ')} is outside longitude ±180 / latitude ±90: the file is projected, not WGS 84`;
  }
  return null;
}

function firstOutOfRange(g: unknown): number[] | null {
  const walk = (c: unknown): number[] | null => {
    if (!Array.isArray(c)) return null;
    if (typeof c[0] === 'number') {
      const [x, y] = c as number[];
      return Math.abs(x!) > 180 || Math.abs(y!) > 90 ? (c as number[]) : null;
    }
    for (const x of c) {
      const hit = walk(x);
      if (hit) return hit;
    }
    return null;
  };
  const geom = g as { coordinates?: unknown; geometries?: unknown[] } | null;
  if (!geom) return null;
  if (geom.geometries) {
    for (const x of geom.geometries) {
      const hit = firstOutOfRange(x);
      if (hit) return hit;
    }
    return null;
  }
  return walk(geom.coordinates);
}
