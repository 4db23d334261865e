import { queryOptions } from '@tanstack/react-query';
import type { InferResponseType } from 'hono/client';
import { api } from '../lib/api-client.ts';
import type { Language } from '../i18n/languages.ts';
import { ApiError, unwrap } from '../lib/http.ts';

/**
 * Catalogue reads; the catalogue changes only on an admin import, so it is kept for the session. Labels
 * come in the language asked for (`lang`, English by default), which is part of each query's key.
 */
export const catalogueQueries = {
  indicators: (lang: Language = 'en') =>
    queryOptions({
      queryKey: ['catalogue', 'indicators', lang],
      staleTime: Infinity,
      queryFn: async () => unwrap(await api.indicators.$get({ query: { lang } })),
    }),
  forms: (lang: Language = 'en') =>
    queryOptions({
      queryKey: ['catalogue', 'forms', lang],
      staleTime: Infinity,
      queryFn: async () => unwrap(await api['exploitation-forms'].$get({ query: { lang } })),
    }),
  frameworks: (lang: Language = 'en') =>
    queryOptions({
      queryKey: ['catalogue', 'frameworks', lang],
      staleTime: Infinity,
      queryFn: async () => unwrap(await api.frameworks.$get({ query: { lang } })),
    }),
  groups: (lang: Language = 'en') =>
    queryOptions({
      queryKey: ['catalogue', 'groups', lang],
      staleTime: Infinity,
      queryFn: async () => unwrap(await api['indicator-groups'].$get({ query: { lang } })),
    }),
  versions: () =>
    queryOptions({
      queryKey: ['catalogue', 'versions'],
      staleTime: Infinity,
      queryFn: async () => unwrap(await api.catalogue.versions.$get()),
    }),
  version: (id: string) =>
    queryOptions({
      queryKey: ['catalogue', 'versions', id],
      staleTime: Infinity,
      queryFn: async () => unwrap(await api.catalogue.versions[':id'].$get({ param: { id } })),
    }),
};

/** One indicator of the catalogue. */
export type IndicatorRow = InferResponseType<typeof api.indicators.$get, 200>[number];

/** One loaded catalogue version as listed. */
export type VersionRow = InferResponseType<typeof api.catalogue.versions.$get, 200>[number];

/** What a catalogue upload did, or (dry run, or rejected) would have done. */
export type CatalogueImportReport = InferResponseType<typeof api.catalogue.versions.$post, 200>;

/** What changed between two catalogue versions. */
export type CatalogueDiff = NonNullable<CatalogueImportReport['diff']>;

/** What the admin chose to upload. */
export interface UploadChoice {
  text: string;
  format: 'json' | 'csv';
  framework: string;
  version: string;
  mode: 'replace' | 'merge';
  fileName: string;
}

/**
 * Sends a catalogue file to `POST /api/catalogue/versions` (a dry run or the real import). Resolves to
 * the report whether the file was accepted or rejected (422); throws {@link ApiError} for anything else (401, 403…).
 */
export async function uploadCatalogue(choice: UploadChoice, dryRun: boolean): Promise<CatalogueImportReport> {
  const query: Record<string, string> = { dryRun: String(dryRun), source: choice.fileName };
  if (choice.format === 'csv') {
    if (choice.framework) query.framework = choice.framework;
    query.mode = choice.mode;
  }
  if (choice.version.trim()) query.version = choice.version.trim();
  const res = await api.catalogue.versions.$post(
    { query },
    {
      headers: { 'Content-Type': choice.format === 'csv' ? 'text/csv' : 'application/json' },
      init: { body: choice.text },
    },
  );
  if (res.status === 422) return (await res.json()).report;
  try {
    return await unwrap(res);
  } catch (e) {
    throw e instanceof ApiError ? e : new ApiError(res.status, `Request failed (${res.status})`);
  }
}
