import { queryOptions } from '@tanstack/react-query';
import type { FeatureCollection, Geometry } from 'geojson';
import { feature } from 'topojson-client';
import type { Topology } from 'topojson-specification';
import { api } from '../lib/api-client.ts';
import { ensureOk } from '../lib/http.ts';
import { levelParam, type Level } from './scores.ts';

/** Properties every boundary feature carries: Vigil's region code, and its name. */
export interface BoundaryProps {
  code: string;
  name: string;
}

/** Boundaries of one level as GeoJSON. Geometry never changes within a session: fetched once. */
export const boundaryQueries = {
  level: (level: Level) =>
    queryOptions({
      queryKey: ['boundaries', level],
      staleTime: Infinity,
      gcTime: Infinity,
      queryFn: async (): Promise<FeatureCollection<Geometry, BoundaryProps>> => {
        performance.mark(`vigil:boundaries-${level}:start`);
        const res = await ensureOk(await api.boundaries[':level'].$get({ param: { level: levelParam(level) } }));
        // Served as precompressed TopoJSON bytes, so the route's type does not describe the body.
        const topo = (await res.json()) as Topology;
        performance.mark(`vigil:boundaries-${level}:fetched`);
        const name = Object.keys(topo.objects)[0]!;
        const fc = feature(topo, topo.objects[name]!) as FeatureCollection<Geometry, BoundaryProps>;
        performance.mark(`vigil:boundaries-${level}:converted`);
        return fc;
      },
    }),
};
