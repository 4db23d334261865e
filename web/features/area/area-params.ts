import type { Lens } from '../../../indicators/index.ts';
import type { AreaRequest } from '../../queries/areas.ts';

/** An area as the page's link holds it: regions picked on the map, or a drawn ring, and its range. */
export interface AreaParams {
  regions: string[];
  /** A drawn ring's vertices (longitude, latitude), not closed; empty when none. */
  ring: [number, number][];
  from: string | null;
  to: string | null;
  name: string;
}

const round = (x: number) => Math.round(x * 1e4) / 1e4;

/**
 * Reads an area from the query string: `regions=IQ-NI,IQ-DA` or `poly=lon,lat;lon,lat;…` (four
 * decimals, about 11 m), with `from`, `to` and `name`. A malformed vertex is dropped, so a
 * hand-edited link still opens.
 */
export function readAreaParams(p: URLSearchParams): AreaParams {
  const regions = (p.get('regions') ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const ring = (p.get('poly') ?? '')
    .split(';')
    .map((pair) => pair.split(',').map(Number))
    .filter((xy): xy is [number, number] => xy.length === 2 && xy.every((n) => Number.isFinite(n)));
  return { regions, ring, from: p.get('from'), to: p.get('to'), name: p.get('name') ?? '' };
}

/** The query-string parameters of an area (the inverse of {@link readAreaParams}); null removes one. */
export function areaParamPatch(a: Partial<AreaParams>): Record<string, string | null> {
  const patch: Record<string, string | null> = {};
  if (a.regions) patch.regions = a.regions.length ? a.regions.join(',') : null;
  if (a.ring) patch.poly = a.ring.length ? a.ring.map(([x, y]) => `${round(x)},${round(y)}`).join(';') : null;
  if (a.from !== undefined) patch.from = a.from;
  if (a.to !== undefined) patch.to = a.to;
  if (a.name !== undefined) patch.name = a.name || null;
  return patch;
}

/**
 * What to ask the profile for, or null while the area is incomplete: a ring of three vertices or
 * more (closed here) wins over picked regions.
 */
export function areaRequest(a: AreaParams, lens: Lens): AreaRequest | null {
  const range = { ...(a.from ? { from: a.from } : {}), ...(a.to ? { to: a.to } : {}) };
  const name = a.name ? { name: a.name } : {};
  if (a.ring.length >= 3)
    return {
      geometry: { type: 'Polygon', coordinates: [[...a.ring, a.ring[0]!]] },
      lens,
      ...range,
      ...name,
    } as AreaRequest;
  if (a.regions.length) return { regions: a.regions, lens, ...range, ...name } as AreaRequest;
  return null;
}

/** A saved area's link parameters (its polygon's outer ring, or its regions). */
export function savedAreaParams(s: {
  geometry?: unknown;
  regions?: string[];
  from?: string;
  to?: string;
  name: string;
}): Record<string, string | null> {
  const g = s.geometry as { type?: string; coordinates?: number[][][] } | undefined;
  const outer = g?.type === 'Polygon' ? (g.coordinates?.[0] ?? []) : [];
  return {
    ...areaParamPatch({
      regions: s.regions ?? [],
      ring: outer.slice(0, -1).map(([x, y]) => [x!, y!] as [number, number]),
      from: s.from ?? null,
      to: s.to ?? null,
      name: s.name,
    }),
  };
}
