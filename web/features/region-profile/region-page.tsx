import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { fmtPeriod } from '../../lib/format.ts';
import { navigate, setParams } from '../../lib/router.ts';
import { useViewState } from '../../lib/view-state.ts';
import { scoreQueries } from '../../queries/scores.ts';
import { RegionSearch } from '../controls/region-search.tsx';
import { MonthControl } from '../controls/month-control.tsx';
import { fmtRange, recentRange, resolveRange } from '../controls/month-range.ts';
import { MonthRangeControl } from '../controls/month-range-control.tsx';
import { LensSelect, ScenarioSelect } from '../controls/view-controls.tsx';
import { QueryStatus } from '../common/status.tsx';
import { RegionProfileView } from './region-profile.tsx';
import { t } from '../../i18n/messages.ts';

/** Months the profile's trend shows when the link gives no range. */
const TREND_MONTHS = 24;

/**
 * The full-page region profile (`/region?region=CODE&period=&lens=&from=&to=`) for a pre-deployment
 * assessment: pick a region by name or code, a month and a lens, and read everything about it. The
 * trend and its alerts cover `from`–`to`, by default the last {@link TREND_MONTHS} months with data
 * (further back when the profile's month is older).
 */
export function RegionPage() {
  const v = useViewState();
  const periods = useQuery(scoreQueries.periods());
  const list = periods.data ?? [];
  const period = v.period && list.includes(v.period) ? v.period : (list.at(-1) ?? null);
  const range = resolveRange({ from: v.params.get('from'), to: v.params.get('to') }, list, {
    to: list.at(-1) ?? '',
    from: () => recentRange(list, TREND_MONTHS, period)?.from ?? '',
  });
  // Choosing a region moves the keyboard focus to its name in the profile.
  const [headingFocus, setHeadingFocus] = useState(0);
  return (
    <main className="page region-page">
      <section className="controls inline" aria-label={t('region.controls')}>
        <RegionSearch
          onPick={(r) => {
            setParams({ region: r.code }, { replace: false });
            setHeadingFocus((n) => n + 1);
          }}
          label={t('region.search')}
        />
        <LensSelect value={v.lens} onChange={v.setLens} />
        <MonthControl periods={list} value={period} onChange={v.setPeriod} />
        <ScenarioSelect value={v.scenario} onChange={v.setScenario} />
        <MonthRangeControl
          label={t('region.trendMonths')}
          periods={list}
          range={range}
          notes={range?.notes}
          onChange={v.setRange}
        />
        {v.region && period && (
          <a
            href={`/?region=${encodeURIComponent(v.region)}&period=${period}&lens=${v.lens}`}
            onClick={(e) => {
              e.preventDefault();
              navigate(`/?region=${encodeURIComponent(v.region!)}&period=${period}&lens=${v.lens}`);
            }}
          >
            {t('region.showOnMap')}
          </a>
        )}
      </section>
      <QueryStatus query={periods} what={t('region.monthsWithData')}>
        {!v.region ? (
          <div className="empty-state">
            <h2>{t('region.emptyTitle')}</h2>
            <p>{t('region.emptyText')}</p>
          </div>
        ) : !period ? (
          <p className="empty">{t('region.noMonth')}</p>
        ) : (
          <>
            <p className="muted small">
              {range
                ? t('region.profileForRange', { period: fmtPeriod(period), range: fmtRange(range) })
                : t('region.profileFor', { period: fmtPeriod(period) })}
            </p>
            <RegionProfileView
              code={v.region}
              period={period}
              lens={v.lens}
              scenario={v.scenario}
              variant="page"
              range={range ?? undefined}
              onSelectRegion={(c) => {
                setParams({ region: c }, { replace: false });
                setHeadingFocus((n) => n + 1);
              }}
              focusKey={headingFocus}
            />
          </>
        )}
      </QueryStatus>
    </main>
  );
}
