import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { feature } from 'topojson-client';
import { topology } from 'topojson-server';
import type { Topology } from 'topojson-specification';

/** The features of a boundary set's topology (TopoJSON text whose first object holds them). */
export function topologyFeatures(text: string): Feature<Geometry, Record<string, unknown>>[] {
  const topo = JSON.parse(text) as Topology;
  const name = Object.keys(topo.objects)[0];
  if (!name) return [];
  return (feature(topo, topo.objects[name]!) as FeatureCollection<Geometry, Record<string, unknown>>).features;
}

/**
 * Several boundary sets of one level (TopoJSON texts, e.g. two countries' districts) as one
 * topology's text, their features under the first set's object name: the text itself for one set,
 * null for none. Several sets are decoded and encoded again (callers keep the result per set version).
 */
export function combinedTopologyText(texts: readonly string[]): string | null {
  if (texts.length <= 1) return texts[0] ?? null;
  const name = Object.keys((JSON.parse(texts[0]!) as Topology).objects)[0] ?? 'regions';
  const collection: FeatureCollection = { type: 'FeatureCollection', features: texts.flatMap(topologyFeatures) };
  return JSON.stringify(topology({ [name]: collection }));
}

/** {@link combinedTopologyText} parsed, or null for no set. */
export function combinedTopology(texts: readonly string[]): Topology | null {
  const text = combinedTopologyText(texts);
  return text === null ? null : (JSON.parse(text) as Topology);
}
