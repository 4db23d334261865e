import { queryOptions } from '@tanstack/react-query';
import { api, unwrap } from '../lib/api-client.ts';

/** Observation reads: every version of a region's observations, with who entered each, when and why it changed. */
export const observationQueries = {
  history: (region: string, indicator?: string) =>
    queryOptions({
      queryKey: ['observations', 'history', { region, indicator: indicator ?? null }],
      queryFn: async () =>
        unwrap(
          await api.observations.$get({
            query: { region, ...(indicator ? { indicator } : {}), history: 'true', limit: '5000' },
          }),
        ),
    }),
};

/** One version of an observation. */
export type ObservationVersion = Awaited<
  ReturnType<NonNullable<ReturnType<typeof observationQueries.history>['queryFn']>>
>[number];
