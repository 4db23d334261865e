import { queryOptions } from '@tanstack/react-query';
import type { InferResponseType } from 'hono/client';
import type { Lens } from '../../indicators/index.ts';
import { api } from '../lib/api-client.ts';
import { unwrap } from '../lib/http.ts';

/** Alert reads: a month's alerts, and one region's in every month of a range. */
export const alertQueries = {
  month: (period: string, lens: Lens, scenario = 'baseline') =>
    queryOptions({
      queryKey: ['alerts', 'month', { period, lens, scenario }],
      queryFn: async () => unwrap(await api.alerts.$get({ query: { period, lens, scenario } })),
    }),
  region: (code: string, lens: Lens, scenario: string, from: string, to: string) =>
    queryOptions({
      queryKey: ['alerts', 'region', { code, lens, scenario, from, to }],
      queryFn: async () =>
        unwrap(await api.regions[':code'].alerts.$get({ param: { code }, query: { lens, scenario, from, to } })),
    }),
};

/** One alert of `GET /api/alerts`. */
export type AlertRow = InferResponseType<typeof api.alerts.$get, 200>[number];
