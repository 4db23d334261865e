import { useMemo, useRef, useState, useLayoutEffect } from 'react';
import { MODEL_CONFIG } from '../../../indicators/index.ts';
import type { Lens } from '../../../indicators/index.ts';
import { t } from '../../i18n/messages.ts';
import { fmtPeriod } from '../../lib/format.ts';
import type { SeriesPoint } from '../../queries/scores.ts';
import { TrendChart } from '../trends/trend-chart.tsx';
import { trendLayout } from '../trends/trend-layout.ts';
import { useRegionAlerts } from './use-region-alerts.ts';

/** The trend chart of a region (class bands, alerts marked, current month ruled) and its alerts listed. */
export function TrendSection({
  code,
  name,
  lens,
  scenario,
  period,
  series,
}: {
  code: string;
  name: string;
  lens: Lens;
  scenario: string;
  period: string;
  series: readonly SeriesPoint[];
}) {
  const box = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(320);
  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    const ro = new ResizeObserver(([e]) => e && setWidth(Math.max(220, Math.round(e.contentRect.width))));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  const periods = useMemo(() => series.map((s) => s.period), [series]);
  const alerts = useRegionAlerts(code, lens, scenario, periods);
  const layout = useMemo(
    () =>
      trendLayout({
        points: series,
        alerts: alerts.alerts,
        thresholds: MODEL_CONFIG.classThresholds,
        width,
        height: Math.round(Math.min(220, Math.max(150, width * 0.42))),
        current: period,
      }),
    [series, alerts.alerts, width, period],
  );
  // The list follows the month chosen: its alerts first, then the latest before it (never later ones).
  const recent = alerts.alerts
    .filter((a) => a.period <= period)
    .sort((a, b) => (a.period < b.period ? 1 : -1))
    .slice(0, 4);
  return (
    <div ref={box} className="trend">
      {series.length === 0 ? (
        <p className="empty">{t('trend.noScore')}</p>
      ) : (
        <TrendChart layout={layout} title={t('trend.title', { name })} />
      )}
      {alerts.unavailable ? (
        <p className="muted small">{t('trend.alertsUnavailable')}</p>
      ) : recent.length > 0 ? (
        <ul
          className="alert-notes"
          aria-label={t('trend.alertsUpTo', { period: fmtPeriod(period) })}
          data-testid="trend-alerts"
        >
          {recent.map((a, i) => (
            <li key={`${a.period}-${a.kind}-${i}`}>
              <span className="alert-icon" aria-hidden="true">
                ▼
              </span>{' '}
              <strong>{fmtPeriod(a.period)}</strong>
              {a.period === period ? ` ${t('trend.thisMonth')}` : ''} {a.reason}
            </li>
          ))}
        </ul>
      ) : (
        !alerts.pending && (
          <p className="muted small" data-testid="trend-alerts">
            {t('trend.noAlert', { period: fmtPeriod(period) })}
          </p>
        )
      )}
    </div>
  );
}
