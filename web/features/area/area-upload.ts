import type { Feature, FeatureCollection, Geometry, MultiPolygon, Polygon } from 'geojson';
import { feature } from 'topojson-client';
import type { Topology } from 'topojson-specification';
import { polygonsOf } from '../../../indicators/index.ts';

/** An uploaded area: every polygon of the file as one MultiPolygon, and the file's name. */
export interface UploadedArea {
  name: string;
  geometry: MultiPolygon;
}

/** Why a file was not taken, in words for the page. */
export type UploadResult = { ok: true; area: UploadedArea } | { ok: false; reason: 'json' | 'shape' | 'empty' };

const STORE = 'vigil.area.upload';

/**
 * Reads an area file (GeoJSON: a Polygon or MultiPolygon, a Feature or FeatureCollection of them;
 * or TopoJSON, every object) into one MultiPolygon, the union the profile takes. Points and lines
 * are ignored; a file with no polygon at all is refused. The coordinates are checked by the API
 * (WGS 84 longitude/latitude, vertex limit), which names the problem. Pure.
 */
export function readAreaFile(name: string, text: string): UploadResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'json' };
  }
  const o = json as { type?: unknown; objects?: Record<string, unknown> };
  let features: (Feature | Geometry)[];
  if (o.type === 'Topology' && o.objects)
    features = Object.keys(o.objects).flatMap((k) => {
      const f = feature(json as Topology, (json as Topology).objects[k]!) as Feature | FeatureCollection;
      return f.type === 'FeatureCollection' ? f.features : [f];
    });
  else if (o.type === 'FeatureCollection') features = (json as FeatureCollection).features ?? [];
  else if (typeof o.type === 'string') features = [json as Feature | Geometry];
  else return { ok: false, reason: 'shape' };
  const coordinates = features.flatMap((f) => polygonsOf(f.type === 'Feature' ? f.geometry : (f as Geometry)));
  if (!coordinates.length) return { ok: false, reason: 'empty' };
  return {
    ok: true,
    area: { name: name.replace(/\.(geo|topo)?json$/i, ''), geometry: { type: 'MultiPolygon', coordinates } },
  };
}

/** The polygons of an uploaded area, one Polygon each, for drawing. */
export function uploadedPolygons(a: UploadedArea): Polygon[] {
  return a.geometry.coordinates.map((coordinates) => ({ type: 'Polygon', coordinates }));
}

/**
 * The uploaded area of this tab: too large for a link, it is kept in session storage (the link says
 * `shape=upload`), so the area brief opened from the page reads it too.
 */
export function loadUploadedArea(): UploadedArea | null {
  try {
    const raw = window.sessionStorage.getItem(STORE);
    return raw ? (JSON.parse(raw) as UploadedArea) : null;
  } catch {
    return null;
  }
}

/** Keeps (or, with null, forgets) the tab's uploaded area. */
export function storeUploadedArea(a: UploadedArea | null): void {
  if (a) window.sessionStorage.setItem(STORE, JSON.stringify(a));
  else window.sessionStorage.removeItem(STORE);
}
