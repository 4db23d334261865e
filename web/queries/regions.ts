import { queryOptions, useMutation } from '@tanstack/react-query';
import { api } from '../lib/api-client.ts';
import { unwrap } from '../lib/http.ts';
import { currentLanguage } from '../i18n/messages.ts';
import type { Language } from '../i18n/languages.ts';

/** Region reads. The region list never changes within a session. */
export const regionQueries = {
  all: () =>
    queryOptions({
      queryKey: ['regions', 'all'],
      staleTime: Infinity,
      queryFn: async () => unwrap(await api.regions.$get({ query: {} })),
    }),
  /** The region's `kind` comes back in `lang` (the page's language by default), part of the key. */
  profile: (code: string, lang: Language = currentLanguage()) =>
    queryOptions({
      queryKey: ['regions', 'profile', code, lang],
      staleTime: Infinity,
      queryFn: async () => unwrap(await api.regions[':code'].$get({ param: { code }, query: { lang } })),
    }),
};

/** One row of `/api/regions`. */
export type RegionRow = Awaited<ReturnType<NonNullable<ReturnType<typeof regionQueries.all>['queryFn']>>>[number];

/** `GET /api/regions/{code}`: a region with its country, its regions and its neighbours. */
export type RegionProfile = Awaited<ReturnType<NonNullable<ReturnType<typeof regionQueries.profile>['queryFn']>>>;

/**
 * Teaches Vigil another name of a region (a suggestion of an import report, confirmed by the
 * analyst): later imports match it. Audited by the API.
 */
export function useAddRegionAlias() {
  return useMutation({
    mutationFn: async ({ alias, region }: { alias: string; region: string }) =>
      unwrap(await api['region-aliases'].$post({ json: { alias, region, kind: 'name' } })),
  });
}
