import type { Topology } from 'topojson-specification';
import type { NewBoundarySet, NewRegion, NewRegionAlias } from '../queries/regions.ts';

/** Properties of Natural Earth admin-0 features in the bundled TopoJSON. */
interface Admin0Props {
  iso_a3: string;
  adm0_a3: string;
  name: string;
  name_long?: string;
  type?: string;
}

/** Properties of Natural Earth admin-1 features in the bundled TopoJSON. */
interface Admin1Props {
  iso_3166_2: string;
  name: string;
  name_en?: string | null;
  type_en?: string | null;
  adm1_code: string;
  ne_id: number;
  adm0_a3: string;
  iso_a3: string;
  country?: string;
}

/** A boundary set ready to store: the topology (with a `code` on every feature), regions and aliases. */
export interface PreparedBoundaries {
  set: NewBoundarySet;
  regions: NewRegion[];
  aliases: NewRegionAlias[];
}

const NE_LICENCE = 'Natural Earth, public domain (naturalearthdata.com)';
const NE_ATTRIBUTION = 'Boundaries: Made with Natural Earth';

function counts<T>(xs: T[]): Map<T, number> {
  const m = new Map<T, number>();
  for (const x of xs) m.set(x, (m.get(x) ?? 0) + 1);
  return m;
}

/** An ISO 3166-2 code from Natural Earth that is a real code, not a placeholder such as `SY-X01~` or `CU-99`. */
function isRealIso2(code: string): boolean {
  return /^[A-Z]{2}-[A-Z0-9]{1,3}$/.test(code) && !/-99$|-X\d/.test(code);
}

/**
 * Natural Earth's `adm1_code`, except its placeholders for places without subdivisions (`SOL+00?`
 * Somaliland, `KAS+00?` Kashmir, `SAH+00?` Western Sahara, small territories), whose `+` and `?` do not
 * belong in a URL or a region code: those become `SOL-X00`. The original stays an alias for imports.
 */
export function urlSafeNeCode(adm1: string): string {
  const code = adm1.replace(/^([A-Z]{3})\+(\d{2})\?$/, '$1-X$2');
  if (!/^[A-Za-z0-9][A-Za-z0-9._~-]{1,31}$/.test(code))
    throw new Error(`Natural Earth adm1_code '${adm1}' has no URL-safe form`);
  return code;
}

/** The features of a TopoJSON object with their properties typed (and a `code` Vigil adds). */
function geometries<P>(topology: Topology, object: string): { properties: P & { code?: string } }[] {
  const obj = topology.objects[object];
  if (!obj || obj.type !== 'GeometryCollection') throw new Error(`TopoJSON has no feature collection "${object}"`);
  return obj.geometries as unknown as { properties: P & { code?: string } }[];
}

/**
 * Prepares Natural Earth admin-0 boundaries. A country's code is its ISO 3166-1 alpha-3 code where
 * that is unique in the file; otherwise Natural Earth's `adm0_a3` (e.g. Australian external territories).
 */
export function prepareAdmin0(topology: Topology, at: string): PreparedBoundaries {
  const geoms = geometries<Admin0Props>(topology, 'countries');
  const isoCount = counts(geoms.map((g) => g.properties.iso_a3));
  const regions: NewRegion[] = [];
  const aliases: NewRegionAlias[] = [];
  for (const g of geoms) {
    const p = g.properties;
    const code = isoCount.get(p.iso_a3) === 1 ? p.iso_a3 : p.adm0_a3;
    p.code = code;
    regions.push({
      code,
      name: p.name_long ?? p.name,
      level: 0,
      parent: null,
      boundarySet: 'ne-admin0',
      kind: p.type ?? null,
    });
    aliases.push({ alias: p.adm0_a3, kind: 'ne', regionCode: code }, { alias: p.name, kind: 'name', regionCode: code });
    if (p.name_long && p.name_long !== p.name) aliases.push({ alias: p.name_long, kind: 'name', regionCode: code });
  }
  return { set: boundarySet('ne-admin0', 0, 'Natural Earth 1:50m countries', topology, at), regions, aliases };
}

/**
 * Prepares Natural Earth admin-1 boundaries. A region's code is its ISO 3166-2 code where that is a
 * real code and unique in the file; otherwise Natural Earth's stable `adm1_code` (e.g. `BIH-…`; placeholders made URL-safe, see {@link urlSafeNeCode}).
 * Countries that appear only here get a level-0 region without geometry so every parent exists.
 */
export function prepareAdmin1(topology: Topology, countryCodes: ReadonlySet<string>, at: string): PreparedBoundaries {
  const geoms = geometries<Admin1Props>(topology, 'admin1');
  const isoCount = counts(geoms.map((g) => g.properties.iso_3166_2));
  const regions: NewRegion[] = [];
  const aliases: NewRegionAlias[] = [];
  const extraCountries = new Map<string, string>();
  for (const g of geoms) {
    const p = g.properties;
    const code =
      isRealIso2(p.iso_3166_2) && isoCount.get(p.iso_3166_2) === 1 ? p.iso_3166_2 : urlSafeNeCode(p.adm1_code);
    p.code = code;
    const parent = countryCodes.has(p.iso_a3) ? p.iso_a3 : p.adm0_a3;
    if (!countryCodes.has(parent)) extraCountries.set(parent, p.country ?? parent);
    regions.push({
      code,
      name: p.name_en || p.name,
      level: 1,
      parent,
      boundarySet: 'ne-admin1',
      kind: p.type_en ?? null,
    });
    aliases.push(
      { alias: p.adm1_code, kind: 'ne', regionCode: code },
      { alias: String(p.ne_id), kind: 'ne', regionCode: code },
    );
    if (isRealIso2(p.iso_3166_2)) aliases.push({ alias: p.iso_3166_2, kind: 'iso', regionCode: code });
    for (const n of new Set([p.name, p.name_en].filter((x): x is string => Boolean(x))))
      aliases.push({ alias: n, kind: 'name', regionCode: code });
  }
  for (const [code, name] of extraCountries)
    regions.push({ code, name, level: 0, parent: null, boundarySet: null, kind: 'Territory' });
  return {
    set: boundarySet('ne-admin1', 1, 'Natural Earth 1:10m first-level subdivisions', topology, at),
    regions,
    aliases,
  };
}

function boundarySet(id: string, level: number, name: string, topology: Topology, at: string): NewBoundarySet {
  return {
    id,
    level,
    name,
    licence: NE_LICENCE,
    attribution: NE_ATTRIBUTION,
    topology: JSON.stringify(topology),
    isActive: true,
    loadedAt: at,
  };
}
