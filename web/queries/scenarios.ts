import { queryOptions } from '@tanstack/react-query';
import type { Lens } from '../../indicators/index.ts';
import { api } from '../lib/api-client.ts';
import { unwrap } from '../lib/http.ts';
import type { Level } from '../lib/view-state.ts';
import { levelParam } from './scores.ts';

/** Reads about weightings: the bundled scenarios, what one changes, and how much the ranking depends on the weights. */
export const scenarioQueries = {
  list: () =>
    queryOptions({
      queryKey: ['scenarios', 'list'],
      staleTime: 5 * 60_000,
      queryFn: async () => unwrap(await api.scenarios.$get()),
    }),
  compare: (id: string, period: string, lens: Lens, level: Level | 2) =>
    queryOptions({
      queryKey: ['scenarios', 'compare', { id, period, lens, level }],
      queryFn: async () =>
        unwrap(
          await api.scenarios[':id'].compare.$get({ param: { id }, query: { period, lens, level: levelParam(level) } }),
        ),
    }),
  sensitivity: (period: string, lens: Lens, level: Level) =>
    queryOptions({
      queryKey: ['scenarios', 'sensitivity', { period, lens, level }],
      staleTime: 5 * 60_000,
      queryFn: async () => unwrap(await api.sensitivity.$get({ query: { period, lens, level: levelParam(level) } })),
    }),
};
