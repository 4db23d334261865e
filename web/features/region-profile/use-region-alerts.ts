import { useQueries } from '@tanstack/react-query';
import type { Lens } from '../../../indicators/vocabulary.ts';
import { modelQueries, type AlertRow } from '../../queries/model.ts';

/** How many recent months of alerts the trend chart marks (one cached request per month, shared with the monitoring view). */
export const ALERT_MONTHS = 24;

/**
 * A region's alerts over its most recent months (up to {@link ALERT_MONTHS}), read month by month
 * from `/api/alerts`. `unavailable` is true when the API has no alerts route.
 */
export function useRegionAlerts(code: string, lens: Lens, scenario: string, periods: readonly string[]): { alerts: AlertRow[]; pending: boolean; unavailable: boolean } {
  const months = periods.slice(-ALERT_MONTHS);
  return useQueries({
    queries: months.map((p) => ({ ...modelQueries.alerts(p, lens, scenario), retry: false })),
    combine: (results) => ({
      alerts: results.flatMap((r) => (r.data ?? []).filter((a) => a.region === code)),
      pending: results.some((r) => r.isPending),
      unavailable: results.length > 0 && results.every((r) => r.isError),
    }),
  });
}
