import { queryOptions } from '@tanstack/react-query';
import type { InferResponseType } from 'hono/client';
import type { Lens } from '../../indicators/index.ts';
import { api } from '../lib/api-client.ts';
import { unwrap } from '../lib/http.ts';
import { currentLanguage } from '../i18n/messages.ts';
import type { Language } from '../i18n/languages.ts';

/**
 * Alert reads: a month's alerts, and one region's in every month of a range, their reasons written by
 * the API in `lang` (the page's language by default), which is part of the query key.
 */
export const alertQueries = {
  month: (period: string, lens: Lens, scenario = 'baseline', lang: Language = currentLanguage()) =>
    queryOptions({
      queryKey: ['alerts', 'month', { period, lens, scenario, lang }],
      queryFn: async () => unwrap(await api.alerts.$get({ query: { period, lens, scenario, lang } })),
    }),
  region: (code: string, lens: Lens, scenario: string, from: string, to: string, lang: Language = currentLanguage()) =>
    queryOptions({
      queryKey: ['alerts', 'region', { code, lens, scenario, from, to, lang }],
      queryFn: async () =>
        unwrap(await api.regions[':code'].alerts.$get({ param: { code }, query: { lens, scenario, from, to, lang } })),
    }),
};

/** One alert of `GET /api/alerts`. */
export type AlertRow = InferResponseType<typeof api.alerts.$get, 200>[number];
