import { queryOptions } from '@tanstack/react-query';
import type { CatalogueImportReport } from '../../../api/services/catalogue/import.ts';
import { api, ApiRequestError, unwrap } from '../../lib/api-client.ts';

/** Catalogue reads this page adds to `catalogueQueries` (same `['catalogue', …]` key prefix, so one invalidation refreshes both). */
export const catalogueVersionQueries = {
  groups: () =>
    queryOptions({
      queryKey: ['catalogue', 'groups'],
      staleTime: Infinity,
      queryFn: async () => unwrap(await api['indicator-groups'].$get({ query: {} })),
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

/** One loaded catalogue version as listed. */
export type VersionRow = Awaited<
  ReturnType<NonNullable<ReturnType<typeof catalogueVersionQueries.versions>['queryFn']>>
>[number];

/** What the admin chose to upload. */
export interface UploadChoice {
  text: string;
  format: 'json' | 'csv';
  framework: string;
  version: string;
  mode: 'replace' | 'merge';
  fileName: string;
}

function csrfToken(): string | undefined {
  return document.cookie
    .split(';')
    .map((c) => c.trim().split('='))
    .find(([k]) => k === 'vigil_csrf')?.[1];
}

/**
 * Sends a catalogue file to `POST /api/catalogue/versions` (a dry run or the real import). Resolves to
 * the report whether the file was accepted or rejected (422); throws for anything else (401, 403…).
 */
export async function uploadCatalogue(choice: UploadChoice, dryRun: boolean): Promise<CatalogueImportReport> {
  const qs = new URLSearchParams({ dryRun: String(dryRun), source: choice.fileName });
  if (choice.format === 'csv') {
    if (choice.framework) qs.set('framework', choice.framework);
    qs.set('mode', choice.mode);
  }
  if (choice.version.trim()) qs.set('version', choice.version.trim());
  const token = csrfToken();
  const res = await fetch(`/api/catalogue/versions?${qs}`, {
    method: 'POST',
    headers: {
      'Content-Type': choice.format === 'csv' ? 'text/csv' : 'application/json',
      ...(token ? { 'X-CSRF-Token': token } : {}),
    },
    body: choice.text,
  });
  const body = (await res.json().catch(() => null)) as
    (CatalogueImportReport & { report?: CatalogueImportReport; error?: { message?: string } }) | null;
  if (res.status === 422 && body?.report) return body.report;
  if (res.ok && body) return body;
  throw new ApiRequestError(res.status, body?.error?.message ?? `Request failed (${res.status})`);
}
