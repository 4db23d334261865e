import { queryOptions } from '@tanstack/react-query';
import type { InferResponseType } from 'hono/client';
import type { Lens } from '../../indicators/index.ts';
import { api } from '../lib/api-client.ts';
import { unwrap } from '../lib/http.ts';
import type { Level } from '../lib/view-state.ts';

export type { Level } from '../lib/view-state.ts';

/** One row of `/api/scores`. */
export type MapScore = InferResponseType<typeof api.scores.$get, 200>[number];

/** One month of `/api/regions/{code}/scores`. */
export type SeriesPoint = InferResponseType<(typeof api.regions)[':code']['scores']['$get'], 200>[number];

/** `GET /api/regions/{code}/explain`: a score taken apart. */
export type Explanation = InferResponseType<(typeof api.regions)[':code']['explain']['$get'], 200>;

/** One indicator's part in a score. */
export type ContributionRow = Explanation['contributions'][number];

/** A whole map's scores, labelled with what they are scores of (so a placeholder is never applied to the wrong level). */
export interface ScoreSet {
  period: string;
  lens: Lens;
  level: Level;
  scenario: string;
  rows: MapScore[];
}

/** A level as the query string writes it. */
export const levelParam = (l: Level) => String(l) as '0' | '1';

/** Query factories for score reads, with hierarchical keys so a write can invalidate `['scores']`. */
export const scoreQueries = {
  periods: () =>
    queryOptions({ queryKey: ['scores', 'periods'], queryFn: async () => unwrap(await api.periods.$get()) }),
  map: (period: string, lens: Lens, level: Level, scenario = 'baseline') =>
    queryOptions({
      queryKey: ['scores', 'map', { period, lens, level, scenario }],
      queryFn: async (): Promise<ScoreSet> => ({
        period,
        lens,
        level,
        scenario,
        rows: await unwrap(await api.scores.$get({ query: { period, lens, level: levelParam(level), scenario } })),
      }),
    }),
  series: (code: string, lens: Lens, scenario = 'baseline') =>
    queryOptions({
      queryKey: ['scores', 'series', { code, lens, scenario }],
      queryFn: async () =>
        unwrap(await api.regions[':code'].scores.$get({ param: { code }, query: { lens, scenario } })),
    }),
  explain: (code: string, period: string, lens: Lens, scenario = 'baseline') =>
    queryOptions({
      queryKey: ['scores', 'explain', { code, period, lens, scenario }],
      queryFn: async () =>
        unwrap(await api.regions[':code'].explain.$get({ param: { code }, query: { period, lens, scenario } })),
    }),
};
