import { queryOptions } from '@tanstack/react-query';
import type { Lens } from '../../indicators/vocabulary.ts';
import { api, unwrap } from '../lib/api-client.ts';

export type Level = 0 | 1;

/** Query factories for score reads, with hierarchical keys so a write can invalidate `['scores']`. */
export const scoreQueries = {
  periods: () => queryOptions({ queryKey: ['periods'], queryFn: async () => unwrap(await api.periods.$get()) }),
  map: (period: string, lens: Lens, level: Level) =>
    queryOptions({
      queryKey: ['scores', 'map', { period, lens, level }],
      queryFn: async () => unwrap(await api.scores.$get({ query: { period, lens, level: String(level) as '0' | '1' } })),
    }),
};

/** One row of `/api/scores`. */
export type MapScore = Awaited<ReturnType<NonNullable<ReturnType<typeof scoreQueries.map>['queryFn']>>>[number];
