import { useQuery } from '@tanstack/react-query';
import type { Lens } from '../../../indicators/index.ts';
import { alertQueries, type AlertRow } from '../../queries/alerts.ts';

/**
 * A region's alerts over `periods` (the months its chart shows), in one request to
 * `/api/regions/{code}/alerts`. `unavailable` is true when the server cannot give them.
 */
export function useRegionAlerts(
  code: string,
  lens: Lens,
  scenario: string,
  periods: readonly string[],
): { alerts: AlertRow[]; pending: boolean; unavailable: boolean } {
  const from = periods[0] ?? '';
  const to = periods.at(-1) ?? '';
  const q = useQuery({
    ...alertQueries.region(code, lens, scenario, from, to),
    enabled: Boolean(code && from && to),
    retry: false,
  });
  return { alerts: q.data ?? [], pending: q.isLoading, unavailable: q.isError };
}
