import { queryOptions } from '@tanstack/react-query';
import type { Lens } from '../../../indicators/vocabulary.ts';
import { api, unwrap } from '../../lib/api-client.ts';

/** Reads the methodology page makes: the weight-sensitivity analysis on the current data. */
export const methodologyQueries = {
  sensitivity: (period: string, lens: Lens, level: 0 | 1) =>
    queryOptions({
      queryKey: ['scores', 'sensitivity', { period, lens, level }],
      staleTime: 5 * 60_000,
      queryFn: async () =>
        unwrap(await api.sensitivity.$get({ query: { period, lens, level: String(level) as '0' | '1' } })),
    }),
};
