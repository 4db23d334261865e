import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { ImportReport } from '../../../api/services/imports/report.ts';
import type { FieldError } from '../../../api/errors.ts';
import { api, unwrap } from '../../lib/api-client.ts';

/** One stored version of an observation, as `GET /api/observations` returns it. */
export type ObservationVersion = Awaited<
  ReturnType<NonNullable<ReturnType<typeof dataQueries.history>['queryFn']>>
>[number];
/** One import batch as `GET /api/imports` lists it. */
export type ImportBatch = Awaited<ReturnType<NonNullable<ReturnType<typeof dataQueries.imports>['queryFn']>>>[number];
export type { ImportReport };

/** A failed write: the API's message, each field at fault, and (for an import) the report. */
export class WriteError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly fields: FieldError[] = [],
    readonly report?: ImportReport,
  ) {
    super(message);
  }
}

function csrfHeaders(): Record<string, string> {
  const token = document.cookie
    .split('; ')
    .find((c) => c.startsWith('vigil_csrf='))
    ?.slice('vigil_csrf='.length);
  return token ? { 'X-CSRF-Token': decodeURIComponent(token) } : {};
}

async function send<T>(path: string, body: BodyInit | object, query = ''): Promise<T> {
  const isJson = !(body instanceof FormData) && typeof body === 'object';
  const res = await fetch(`/api${path}${query}`, {
    method: 'POST',
    headers: { ...csrfHeaders(), ...(isJson ? { 'Content-Type': 'application/json' } : {}) },
    body: isJson ? JSON.stringify(body) : (body as BodyInit),
  });
  const data = (await res.json().catch(() => null)) as {
    error?: { message: string; fields?: FieldError[] };
    report?: ImportReport;
  } | null;
  if (!res.ok)
    throw new WriteError(
      res.status,
      data?.error?.message ?? `Request failed (${res.status})`,
      data?.error?.fields,
      data?.report,
    );
  return data as T;
}

/** Reads of the Data page, keyed under `observations` and `imports` so that writes can refresh them. */
export const dataQueries = {
  history: (region: string) =>
    queryOptions({
      queryKey: ['observations', 'history', { region, indicator: null }],
      queryFn: async () => unwrap(await api.observations.$get({ query: { region, history: 'true', limit: '2000' } })),
    }),
  imports: () => queryOptions({ queryKey: ['imports'], queryFn: async () => unwrap(await api.imports.$get()) }),
};

/** After any write: everything computed from observations is stale. */
function useRefresh() {
  const qc = useQueryClient();
  return () =>
    Promise.all(
      ['scores', 'periods', 'observations', 'imports', 'alerts'].map((k) => qc.invalidateQueries({ queryKey: [k] })),
    );
}

/** What the entry form sends. */
export interface NewObservation {
  region: string;
  indicator: string;
  period: string;
  value: number;
  confidence: string;
  source: { citation: string; url?: string; locator?: string };
  note?: string;
}

/** Adds an observation. */
export function useCreateObservation() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (o: NewObservation) => send<ObservationVersion>('/observations', o),
    onSuccess: refresh,
  });
}

/** Corrects a current observation (new value, with a reason). */
export function useSupersede() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: number; value: number; reason: string }) =>
      send<ObservationVersion>(`/observations/${id}/supersede`, body),
    onSuccess: refresh,
  });
}

/** Retracts a current observation, with a reason. */
export function useRetract() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, reason }: { id: number; reason: string }) =>
      send<ObservationVersion>(`/observations/${id}/retract`, { reason }),
    onSuccess: refresh,
  });
}

/** Uploads a file for a dry run (`dryRun`) or for real; only a real import refreshes the data. */
export function useImport() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({
      file,
      dryRun,
      format,
      mapping,
    }: {
      file: File;
      dryRun: boolean;
      format: string;
      mapping: string;
    }) => {
      const form = new FormData();
      form.append('file', file, file.name);
      const q = new URLSearchParams({
        dryRun: String(dryRun),
        format,
        ...(mapping.trim() ? { mapping: mapping.trim() } : {}),
      });
      return send<ImportReport>('/imports', form, `?${q}`);
    },
    onSuccess: (r) => (r.status === 'applied' ? refresh() : undefined),
  });
}

/** Rolls back an import batch. */
export function useRollback() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (id: number) => send<{ retracted: number; restored: number }>(`/imports/${id}/rollback`, {}),
    onSuccess: refresh,
  });
}
