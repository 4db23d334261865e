import { keepPreviousData, useQueries, useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { addMonths } from '../../../indicators/index.ts';
import { fmtPeriod } from '../../lib/format.ts';
import { useViewState, type Level } from '../../lib/view-state.ts';
import { alertQueries } from '../../queries/alerts.ts';
import { regionQueries } from '../../queries/regions.ts';
import { scoreQueries } from '../../queries/scores.ts';
import { QueryStatus, Section } from '../common/status.tsx';
import { MonthControl } from '../controls/month-control.tsx';
import { LensSelect, LevelSelect, ScenarioSelect } from '../controls/view-controls.tsx';
import { AlertList, GapList, MoveList, type CountryOf } from './monitor-lists.tsx';
import { coverageGaps, foldGaps, movers } from './monitoring.ts';
import { WatchlistPanel } from './watchlist-panel.tsx';
import { t } from '../../i18n/messages.ts';

/** Earlier months searched for regions that used to have data. */
const GAP_LOOKBACK = [1, 3, 6, 12];

/**
 * Monthly monitoring for a protection cluster lead: active alerts with their reasons, this month's
 * risers and fallers, the watchlist with sparklines, and coverage gaps (regions whose data went
 * stale or missing). Month, lens, level and weighting live in the URL.
 */
export function MonitorPage() {
  const v = useViewState({ levelMode: 1 });
  const level: Level = v.levelMode === 0 ? 0 : 1;
  const periods = useQuery(scoreQueries.periods());
  const list = periods.data ?? [];
  const period = v.period && list.includes(v.period) ? v.period : (list.at(-1) ?? null);
  const p = period ?? '';
  const now = useQuery({
    ...scoreQueries.map(p, v.lens, level, v.scenario),
    enabled: Boolean(period),
    placeholderData: keepPreviousData,
  });
  const earlierPeriods = period ? GAP_LOOKBACK.map((k) => addMonths(period, -k)).filter((e) => list.includes(e)) : [];
  const earlier = useQueries({ queries: earlierPeriods.map((e) => scoreQueries.map(e, v.lens, level, v.scenario)) });
  const alerts = useQuery({ ...alertQueries.month(p, v.lens, v.scenario), enabled: Boolean(period), retry: false });

  const prevRows =
    earlier[0]?.data?.period === (period ? addMonths(period, -1) : '') ? earlier[0]?.data?.rows : undefined;
  const regions = useQuery(regionQueries.all());
  const parentOf = useMemo(() => new Map((regions.data ?? []).map((r) => [r.code, r.parent])), [regions.data]);
  const countryOf = useMemo<CountryOf>(() => {
    const byCode = new Map((regions.data ?? []).map((r) => [r.code, r]));
    return (code) => {
      const parent = byCode.get(byCode.get(code)?.parent ?? '');
      return parent ? { code: parent.code, name: parent.name } : undefined;
    };
  }, [regions.data]);
  const moves = useMemo(
    () => (now.data && prevRows ? movers(now.data.rows, prevRows, 8, parentOf) : null),
    [now.data, prevRows, parentOf],
  );
  const earlierDone = earlier.every((q) => !q.isPending);
  const gaps =
    now.data && earlierDone
      ? foldGaps(
          coverageGaps(
            now.data.rows,
            earlier.flatMap((q) => (q.data ? [[q.data.period, q.data.rows] as const] : [])),
          ),
          parentOf,
        )
      : null;
  const levelAlerts = (alerts.data ?? [])
    .filter((a) => a.level === level)
    .sort((a, b) => (b.score ?? 0) - (a.score ?? 0));
  const otherLevel = (alerts.data ?? []).length - levelAlerts.length;

  return (
    <main className="page monitor-page">
      <section className="controls inline" aria-label={t('monitor.controls')}>
        <MonthControl periods={list} value={period} onChange={v.setPeriod} />
        <LensSelect value={v.lens} onChange={v.setLens} />
        <LevelSelect value={level} onChange={v.setLevelMode} allowAuto={false} />
        <ScenarioSelect value={v.scenario} onChange={v.setScenario} />
        {now.isFetching && <span className="status">{t('map.updating')}</span>}
      </section>
      <h2 className="page-title">{t('monitor.title', { period: fmtPeriod(period) })}</h2>
      <QueryStatus query={periods} what={t('region.monthsWithData')}>
        {!period ? (
          <p className="empty">{t('region.noMonth')}</p>
        ) : (
          <div className="monitor-grid">
            <Section title={t('monitor.alerts', { count: levelAlerts.length })} id="mon-alerts">
              <QueryStatus query={alerts} what={t('monitor.theAlerts')} unavailable={t('trend.alertsUnavailable')}>
                <AlertList alerts={levelAlerts} period={period} lens={v.lens} scenario={v.scenario} />
                {otherLevel > 0 && (
                  <p className="muted small">
                    {level === 1
                      ? t('monitor.moreCountry', { count: otherLevel })
                      : t('monitor.moreRegion', { count: otherLevel })}
                  </p>
                )}
              </QueryStatus>
            </Section>
            <Section title={t('monitor.watchlist')} id="mon-watch">
              <WatchlistPanel period={period} lens={v.lens} scenario={v.scenario} />
            </Section>
            {(['risers', 'fallers'] as const).map((kind) => (
              <Section key={kind} title={t(`monitor.${kind}`)} id={`mon-${kind}`}>
                <QueryStatus query={now} what={t('monitor.theScores')}>
                  {moves ? (
                    <MoveList
                      moves={moves[kind]}
                      kind={kind}
                      countryOf={countryOf}
                      period={period}
                      lens={v.lens}
                      scenario={v.scenario}
                    />
                  ) : (
                    <p className="muted">{list[0] === period ? t('monitor.noEarlier') : t('profile.loading')}</p>
                  )}
                </QueryStatus>
              </Section>
            ))}
            <Section title={t('monitor.gaps')} id="mon-gaps">
              <p className="muted small">{t('monitor.gapsNote')}</p>
              <QueryStatus query={now} what={t('monitor.theScores')}>
                {gaps ? (
                  <GapList gaps={gaps} countryOf={countryOf} period={period} lens={v.lens} scenario={v.scenario} />
                ) : (
                  <p className="loading">{t('monitor.loadingEarlier')}</p>
                )}
              </QueryStatus>
            </Section>
          </div>
        )}
      </QueryStatus>
    </main>
  );
}
