import { queryOptions } from '@tanstack/react-query';
import { api, unwrap } from '../lib/api-client.ts';

/** Catalogue reads; the catalogue changes only on an admin import, so it is kept for the session. */
export const catalogueQueries = {
  indicators: () =>
    queryOptions({
      queryKey: ['catalogue', 'indicators'],
      staleTime: Infinity,
      queryFn: async () => unwrap(await api.indicators.$get({ query: {} })),
    }),
  forms: () =>
    queryOptions({
      queryKey: ['catalogue', 'forms'],
      staleTime: Infinity,
      queryFn: async () => unwrap(await api['exploitation-forms'].$get()),
    }),
  frameworks: () =>
    queryOptions({
      queryKey: ['catalogue', 'frameworks'],
      staleTime: Infinity,
      queryFn: async () => unwrap(await api.frameworks.$get()),
    }),
};

/** One indicator of the catalogue. */
export type IndicatorRow = Awaited<
  ReturnType<NonNullable<ReturnType<typeof catalogueQueries.indicators>['queryFn']>>
>[number];
