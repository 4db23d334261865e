import { neighbors } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';

/** Region code → codes of the regions sharing a border with it, in one boundary topology. */
export type NeighbourIndex = ReadonlyMap<string, readonly string[]>;

/**
 * Computes every region's neighbours from a TopoJSON topology whose geometries carry a `code`
 * property (shared arcs = shared border, via topojson-client `neighbors`). Pure; call once per
 * boundary set and keep the result.
 */
export function neighbourIndex(topology: Topology): NeighbourIndex {
  const out = new Map<string, string[]>();
  for (const object of Object.values(topology.objects)) {
    if (object.type !== 'GeometryCollection') continue;
    const geoms = (object as GeometryCollection).geometries;
    const codeAt = (i: number) => (geoms[i]?.properties as { code?: string } | undefined)?.code;
    const adjacency = neighbors(geoms);
    geoms.forEach((_, i) => {
      const code = codeAt(i);
      if (!code) return;
      const codes = (adjacency[i] ?? []).map(codeAt).filter((c): c is string => Boolean(c) && c !== code);
      out.set(code, [...new Set([...(out.get(code) ?? []), ...codes])].sort());
    });
  }
  return out;
}
