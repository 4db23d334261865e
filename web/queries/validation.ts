import { queryOptions } from '@tanstack/react-query';
import type { ValidationResult } from '../../indicators/index.ts';
import { api } from '../lib/api-client.ts';
import { unwrap } from '../lib/http.ts';

/** Work done and work in all of a validation run, for a progress bar. */
export interface ValidationProgress {
  done: number;
  total: number;
}

/** `GET /api/validation?wait=false`: nothing stored yet (202), or stored figures, current or stale (200). */
export type ValidationResponse =
  | { status: 'computing'; computing: ValidationProgress }
  | ({
      status: 'current' | 'stale';
      computedAt: string;
      modelVersion: string;
      computing: ValidationProgress | null;
    } & ValidationResult);

/** Validation reads. Polls every 2 s while a computation runs, so the page fills in without a reload. */
export const validationQueries = {
  current: () =>
    queryOptions({
      queryKey: ['validation', 'current'],
      // 202 (computing) and 200 (stored) bodies both come through the one web client.
      queryFn: async () =>
        (await unwrap(await api.validation.$get({ query: { wait: 'false' } }))) as ValidationResponse,
      refetchInterval: (q) => (q.state.data?.computing ? 2000 : false),
    }),
};
