import type { Lens } from '../../../indicators/index.ts';
import type { AreaRequest } from '../../queries/areas.ts';
import type { UploadedArea } from './area-upload.ts';

/** An area as the page's link holds it: regions picked on the map, or a drawn ring, and its range. */
export interface AreaParams {
  regions: string[];
  /** A drawn ring's vertices (longitude, latitude), not closed; empty when none. */
  ring: [number, number][];
  /** What regions are picked, and what a polygon is cut into: first-level regions (1) or districts (2). */
  level: 1 | 2;
  /** The area is the tab's uploaded file (`shape=upload`; the polygons are in session storage). */
  upload: boolean;
  from: string | null;
  to: string | null;
  name: string;
}

const round = (x: number) => Math.round(x * 1e4) / 1e4;

/**
 * Reads an area from the query string: `regions=IQ-NI,IQ-DA`, `poly=lon,lat;lon,lat;…` (four
 * decimals, about 11 m) or `shape=upload` (an uploaded file), with `unit=districts` (admin-2),
 * `from`, `to` and `name`. A malformed vertex is dropped, so a
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
  return {
    regions,
    ring,
    level: p.get('unit') === 'districts' ? 2 : 1,
    upload: p.get('shape') === 'upload',
    from: p.get('from'),
    to: p.get('to'),
    name: p.get('name') ?? '',
  };
}

/** The query-string parameters of an area (the inverse of {@link readAreaParams}); null removes one. */
export function areaParamPatch(a: Partial<AreaParams>): Record<string, string | null> {
  const patch: Record<string, string | null> = {};
  if (a.regions) patch.regions = a.regions.length ? a.regions.join(',') : null;
  if (a.ring) patch.poly = a.ring.length ? a.ring.map(([x, y]) => `${round(x)},${round(y)}`).join(';') : null;
  if (a.level !== undefined) patch.unit = a.level === 2 ? 'districts' : null;
  if (a.upload !== undefined) patch.shape = a.upload ? 'upload' : null;
  if (a.from !== undefined) patch.from = a.from;
  if (a.to !== undefined) patch.to = a.to;
  if (a.name !== undefined) patch.name = a.name || null;
  return patch;
}

/**
 * What to ask the profile for, or null while the area is incomplete: an uploaded file (when the link
 * says so and `uploaded` is there) wins over a ring of three vertices or more (closed here), which
 * wins over picked regions. A polygon is cut into the regions of `a.level`.
 */
export function areaRequest(a: AreaParams, lens: Lens, uploaded: UploadedArea | null = null): AreaRequest | null {
  const range = { ...(a.from ? { from: a.from } : {}), ...(a.to ? { to: a.to } : {}) };
  const name = a.name ? { name: a.name } : uploaded && a.upload ? { name: uploaded.name } : {};
  if (a.upload && uploaded)
    return {
      geometry: { type: 'MultiPolygon', coordinates: uploaded.geometry.coordinates },
      level: a.level,
      lens,
      ...range,
      ...name,
    } as AreaRequest;
  if (a.ring.length >= 3)
    return {
      geometry: { type: 'Polygon', coordinates: [[...a.ring, a.ring[0]!]] },
      level: a.level,
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
  level?: number;
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
      level: s.level === 2 ? 2 : 1,
      upload: false,
      from: s.from ?? null,
      to: s.to ?? null,
      name: s.name,
    }),
  };
}
