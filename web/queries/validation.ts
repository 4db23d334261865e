import { queryOptions } from '@tanstack/react-query';
import type { ValidationResult } from '../../indicators/model/validation.ts';
import { ensureOk } from '../lib/http.ts';

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
  // TODO(valpage): switch to `api.validation.$get` once the route is in AppType (the lead's route lands after this page).
  current: () =>
    queryOptions({
      queryKey: ['validation', 'current'],
      queryFn: async () =>
        (await (await ensureOk(await fetch('/api/validation?wait=false'))).json()) as ValidationResponse,
      refetchInterval: (q) => (q.state.data?.computing ? 2000 : false),
    }),
};
