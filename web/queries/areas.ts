import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { InferRequestType, InferResponseType } from 'hono/client';
import { api } from '../lib/api-client.ts';
import { unwrap } from '../lib/http.ts';
import { accountQueries } from './account.ts';
import { currentLanguage } from '../i18n/messages.ts';
import type { Language } from '../i18n/languages.ts';

/** What `POST /api/areas/profile` is sent. */
export type AreaRequest = InferRequestType<typeof api.areas.profile.$post>['json'];

/** An area's profile, as `POST /api/areas/profile` returns it. */
export type AreaProfile = InferResponseType<typeof api.areas.profile.$post, 200>;

/** A saved area, as `GET /api/areas` lists it. */
export type SavedArea = InferResponseType<typeof api.areas.$get, 200>[number];

/** The area profile (a read, though a POST) and the account's saved areas. */
export const areaQueries = {
  /** Its texts (monitoring gaps, drivers, title) in `lang`, the page's language by default. */
  profile: (body: AreaRequest, lang: Language = currentLanguage()) =>
    queryOptions({
      queryKey: ['areas', 'profile', body, lang],
      queryFn: async ({ signal }) =>
        unwrap(await api.areas.profile.$post({ json: body, query: { lang } }, { init: { signal } })),
      retry: false,
    }),
  saved: () =>
    queryOptions({
      queryKey: [...accountQueries.all, 'areas'],
      queryFn: async () => unwrap(await api.areas.$get()),
    }),
};

/** Saves an area with the account; the saved list refetches. */
export function useSaveArea() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (json: AreaRequest & { name: string }) => {
      const { scenario: _scenario, ...rest } = json;
      return unwrap(await api.areas.$post({ json: rest }));
    },
    onSuccess: () => qc.invalidateQueries({ queryKey: areaQueries.saved().queryKey }),
  });
}

/** Deletes one of the account's saved areas; the saved list refetches. */
export function useDeleteArea() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (id: number) => unwrap(await api.areas[':id'].$delete({ param: { id: String(id) } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: areaQueries.saved().queryKey }),
  });
}
