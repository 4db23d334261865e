import { queryOptions, useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { InferResponseType } from 'hono/client';
import { api } from '../lib/api-client.ts';
import { jsonBody, unwrap } from '../lib/http.ts';

/** Every version of a region's observations the list returns at most (the API's own maximum). */
const HISTORY_LIMIT = '5000';

/** Observation reads: every version of a region's observations, with who entered each, when and why it changed. */
export const observationQueries = {
  history: (region: string) =>
    queryOptions({
      queryKey: ['observations', 'history', { region }],
      queryFn: async () =>
        unwrap(await api.observations.$get({ query: { region, history: 'true', limit: HISTORY_LIMIT } })),
    }),
};

/** One stored version of an observation, as `GET /api/observations` returns it. */
export type ObservationVersion = InferResponseType<typeof api.observations.$get, 200>[number];

/** Roots of every query whose answer a write of observations can change. */
const DATA_ROOTS = ['scores', 'alerts', 'scenarios', 'observations', 'imports', 'export'] as const;

/** After any write of observations: everything computed from them is stale. */
export function refreshData(qc: QueryClient) {
  return Promise.all(DATA_ROOTS.map((k) => qc.invalidateQueries({ queryKey: [k] })));
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

/**
 * What saving an observation would do to its region's scores (and its country's) that month, computed
 * by the API with the model; writes nothing. Rooted in `observations`, so any write refreshes it.
 */
export function previewQuery(o: NewObservation) {
  return queryOptions({
    queryKey: ['observations', 'preview', o],
    queryFn: async () => unwrap(await api.observations.preview.$post({}, jsonBody(o))),
    retry: false,
    staleTime: 60_000,
  });
}

/** The scores now and after saving, as `POST /api/observations/preview` answers them. */
export type ObservationPreview = InferResponseType<typeof api.observations.preview.$post, 200>;

/** Adds an observation. */
export function useCreateObservation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (o: NewObservation) => unwrap(await api.observations.$post({}, jsonBody(o))),
    onSuccess: () => refreshData(qc),
  });
}

/** Corrects a current observation (new value, with a reason). */
export function useSupersede() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, ...body }: { id: number; value: number; reason: string }) =>
      unwrap(await api.observations[':id'].supersede.$post({ param: { id: String(id) } }, jsonBody(body))),
    onSuccess: () => refreshData(qc),
  });
}

/** Retracts a current observation, with a reason; someone else's needs an admin or an on-behalf-of reason. */
export function useRetract() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, ...body }: { id: number; reason: string; onBehalfOf?: string }) =>
      unwrap(await api.observations[':id'].retract.$post({ param: { id: String(id) } }, jsonBody(body))),
    onSuccess: () => refreshData(qc),
  });
}
