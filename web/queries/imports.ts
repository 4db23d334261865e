import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { InferResponseType } from 'hono/client';
import { api } from '../lib/api-client.ts';
import { ApiError, unwrap } from '../lib/http.ts';
import { refreshData } from './observations.ts';
import { currentLanguage } from '../i18n/messages.ts';
import type { Language } from '../i18n/languages.ts';

/** Formats an import file can be read as (`auto` guesses from the header). */
export type ImportFormat = NonNullable<NonNullable<Parameters<typeof api.imports.$post>[0]['query']>['format']>;

/** Text encodings an import file can be read in (absent: detected, UTF-8 unless the bytes say otherwise). */
export type ImportEncoding = NonNullable<NonNullable<Parameters<typeof api.imports.$post>[0]['query']>['encoding']>;

/** Kinds of file Vigil reads (`GET /api/import-profiles`): columns, source, licence, template. */
export type ImportProfile = InferResponseType<(typeof api)['import-profiles']['$get'], 200>[number];

/** Reads of bulk imports: the batches imported so far, and the kinds of file Vigil reads. */
export const importQueries = {
  batches: () =>
    queryOptions({ queryKey: ['imports', 'batches'], queryFn: async () => unwrap(await api.imports.$get()) }),
  /** The import profiles, their titles and descriptions in `lang`; they change only with a new release of Vigil. */
  profiles: (lang: Language = currentLanguage()) =>
    queryOptions({
      queryKey: ['imports', 'profiles', lang],
      queryFn: async () => unwrap(await api['import-profiles'].$get({ query: { lang } })),
      staleTime: Infinity,
    }),
  /** What rolling back a batch would do (a dry run: nothing changes), for the confirmation. */
  rollbackPlan: (id: number) =>
    queryOptions({
      queryKey: ['imports', 'rollback-plan', id],
      queryFn: async () =>
        unwrap(
          await api.imports[':id'].rollback.$post({ param: { id: String(id) }, query: { dryRun: 'true' }, json: {} }),
        ),
      staleTime: 0,
      gcTime: 0,
    }),
};

/** What a rollback did or would do: the batch, its owner, rows, regions, and whether the caller may. */
export type RollbackPlan = InferResponseType<(typeof api.imports)[':id']['rollback']['$post'], 200>;

/** One import batch as `GET /api/imports` lists it. */
export type ImportBatch = InferResponseType<typeof api.imports.$get, 200>[number];

/** What an import did, or (dry run, or rejected) would have done. */
export type ImportReport = InferResponseType<typeof api.imports.$post, 200>;

/** The report of an import the API rejected (422), carried by its error. */
export function rejectedReport(error: unknown): ImportReport | undefined {
  if (!(error instanceof ApiError) || error.status !== 422) return undefined;
  return (error.body as InferResponseType<typeof api.imports.$post, 422> | null)?.report;
}

/** Uploads a file for a dry run (`dryRun`) or for real; only a real import refreshes the data. */
export function useImport() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({
      file,
      dryRun,
      format,
      mapping,
      profile,
      encoding,
    }: {
      file: File;
      dryRun: boolean;
      format: ImportFormat;
      mapping: string;
      /** The profile's name; empty: detected from the header. */
      profile: string;
      /** Empty: detected. */
      encoding: ImportEncoding | '';
    }) => {
      const form = new FormData();
      form.append('file', file, file.name);
      const query = {
        dryRun: dryRun ? ('true' as const) : ('false' as const),
        format,
        ...(mapping.trim() ? { mapping: mapping.trim() } : {}),
        ...(profile ? { profile } : {}),
        ...(encoding ? { encoding } : {}),
      };
      return unwrap(await api.imports.$post({ query }, { init: { body: form } }));
    },
    onSuccess: (r) => (r.status === 'applied' ? refreshData(qc) : undefined),
  });
}

/** Rolls back an import batch; someone else's needs an admin or an on-behalf-of reason. */
export function useRollback() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, onBehalfOf }: { id: number; onBehalfOf?: string }) =>
      unwrap(
        await api.imports[':id'].rollback.$post({
          param: { id: String(id) },
          query: {},
          json: onBehalfOf ? { onBehalfOf } : {},
        }),
      ),
    onSuccess: () => refreshData(qc),
  });
}
