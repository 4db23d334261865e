import { queryOptions } from '@tanstack/react-query';
import type { FeatureCollection, Geometry } from 'geojson';
import { feature } from 'topojson-client';
import type { Topology } from 'topojson-specification';
import { api } from '../lib/api-client.ts';
import { ensureOk } from '../lib/http.ts';
import { firstMonthFrom } from '../../indicators/index.ts';
import { levelParam, type Level } from './scores.ts';

/** Properties every boundary feature carries: Vigil's region code, and its name. */
export interface BoundaryProps {
  code: string;
  name: string;
}

/**
 * Boundaries of one level as GeoJSON (2: districts). Geometry never changes within a session: fetched
 * once. With `month` (see {@link tilesMonth}), the sets of the level in force that month.
 */
export const boundaryQueries = {
  level: (level: Level | 2, month: string | null = null) =>
    queryOptions({
      queryKey: month ? ['boundaries', level, { month }] : ['boundaries', level],
      staleTime: Infinity,
      gcTime: Infinity,
      queryFn: async (): Promise<FeatureCollection<Geometry, BoundaryProps>> => {
        performance.mark(`vigil:boundaries-${level}:start`);
        const res = await ensureOk(
          await api.boundaries[':level'].$get({ param: { level: levelParam(level) }, query: month ? { month } : {} }),
        );
        // Served as precompressed TopoJSON bytes, so the route's type does not describe the body.
        const topo = (await res.json()) as Topology;
        performance.mark(`vigil:boundaries-${level}:fetched`);
        const name = Object.keys(topo.objects)[0]!;
        const fc = feature(topo, topo.objects[name]!) as FeatureCollection<Geometry, BoundaryProps>;
        performance.mark(`vigil:boundaries-${level}:converted`);
        return fc;
      },
    }),
  /** The boundary sets (no geometry): their levels, versions and validity dates. */
  sets: () =>
    queryOptions({
      queryKey: ['boundaries', 'sets'],
      staleTime: 60_000,
      queryFn: async () => (await ensureOk(await api['boundary-sets'].$get())).json(),
    }),
};

/**
 * The month to ask a level's tiles for so that they show the boundaries in force in `month`: the
 * latest month from which a set of the level takes effect (its validity date) on or before `month`,
 * the earliest such month before them all, or null when no set of the level has a validity date
 * (the active sets). Every month between two such dates gets the same one, so changing the month
 * there keeps the tiles already loaded.
 * @example tilesMonth([{ level: 2, validFrom: '2016-01-01' }, { level: 2, validFrom: '2017-01-01' }], 2, '2016-08') // '2016-01'
 */
export function tilesMonth(
  sets: readonly { level: number; validFrom: string | null }[],
  level: number,
  month: string | null,
): string | null {
  const starts = [
    ...new Set(sets.flatMap((s) => (s.level === level && s.validFrom ? [firstMonthFrom(s.validFrom)] : []))),
  ].sort();
  if (!starts.length) return null;
  return (month ? starts.filter((m) => m <= month).at(-1) : starts.at(-1)) ?? starts[0]!;
}
