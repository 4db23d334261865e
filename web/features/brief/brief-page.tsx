import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo } from 'react';
import { MODEL_CONFIG } from '../../../indicators/index.ts';
import { t, tOr } from '../../i18n/messages.ts';
import { fmtDateTime, fmtPeriod } from '../../lib/format.ts';
import { LENS_LABELS } from '../../lib/view-state.ts';
import { setParams } from '../../lib/router.ts';
import { useViewState } from '../../lib/view-state.ts';
import { MonthControl } from '../controls/month-control.tsx';
import { fmtRange, resolveRange } from '../controls/month-range.ts';
import { MonthRangeControl } from '../controls/month-range-control.tsx';
import { RegionSearch } from '../controls/region-search.tsx';
import { useRegionAlerts } from '../region-profile/use-region-alerts.ts';
import { TrendChart } from '../trends/trend-chart.tsx';
import { trendLayout } from '../trends/trend-layout.ts';
import { asClass, CLASS_COLORS, CLASS_LABELS } from '../../charts/risk-colors.ts';
import { boundaryQueries } from '../../queries/boundaries.ts';
import { exportQueries } from '../../queries/exports.ts';
import { regionQueries } from '../../queries/regions.ts';
import { scoreQueries } from '../../queries/scores.ts';
import { BriefDrivers, BriefForms, BriefGaps, BriefSources, KeyFigures } from './brief-sections.tsx';
import { Locator, locatorLayout } from './locator.tsx';
import './brief.css';

/** Size of the locator map beside the title. */
const LOCATOR = { width: 170, height: 120 };

/** Width of the trend chart in CSS pixels: the printable width of an A4 page with 14 mm margins. */
const CHART = { width: 686, height: 165, margin: { top: 10, right: 26, bottom: 22, left: 28 } };

/**
 * The printable region brief (`/brief?region=&period=&lens=&scenario=&from=&to=`): two A4 pages for a
 * mission planner's file. The trend covers `from`–`to` when the link gives them (the header says
 * which months), else the 36 months up to the brief's month. Page one: score, class, change, coverage, confidence, the trend, the drivers with
 * their evidence and the likely forms of exploitation; page two: coverage and data gaps, sources,
 * how to read the brief, and the credits. Print it, or save it as PDF from the print dialog.
 */
export function BriefPage() {
  const v = useViewState({ lens: 'tip' });
  const periodsQ = useQuery(scoreQueries.periods());
  const list = periodsQ.data ?? [];
  const askedRange = v.params.has('from') || v.params.has('to');
  // A range in the link is checked against the months with data before the brief is asked for.
  const range = askedRange
    ? resolveRange({ from: v.params.get('from'), to: v.params.get('to') }, list, {
        to: v.period ?? list.at(-1) ?? '',
        from: (to) => to,
      })
    : null;
  const brief = useQuery({
    ...exportQueries.brief({
      region: v.region ?? '',
      period: v.period,
      lens: v.lens,
      scenario: v.scenario,
      range: range ? { from: range.from, to: range.to } : null,
    }),
    enabled: v.region !== null && (!askedRange || range !== null),
    retry: false,
  });
  const d = brief.data;
  const periods = useMemo(() => (d ? d.series.map((p) => p.period) : []), [d]);
  const shown = periods.length ? { from: periods[0]!, to: periods.at(-1)! } : null;
  const alerts = useRegionAlerts(
    d?.region.code ?? '',
    d?.metadata.lens ?? v.lens,
    d?.metadata.scenario ?? v.scenario,
    periods,
  );
  const layout = useMemo(
    () =>
      d
        ? trendLayout({
            points: d.series,
            alerts: alerts.alerts,
            thresholds: MODEL_CONFIG.classThresholds,
            current: d.metadata.period,
            ...CHART,
          })
        : null,
    [d, alerts.alerts],
  );
  const level = d?.region.level === 2 ? 2 : d?.region.level === 1 ? 1 : 0;
  const shapes = useQuery({ ...boundaryQueries.level(level), enabled: d !== undefined });
  const regions = useQuery({ ...regionQueries.all(), enabled: d !== undefined && level > 0 });
  const locator = useMemo(() => {
    if (!d || !shapes.data || (level > 0 && !regions.data)) return null;
    const all = shapes.data.features;
    if (level === 0)
      return locatorLayout({
        focus: d.region.code,
        around: all,
        fitTo: all.filter((f) => f.properties.code === d.region.code),
        margin: 0.2,
        ...LOCATOR,
      });
    // A region among its country's regions; a district among its region's districts.
    const siblings = new Set(regions.data!.filter((r) => r.parent === d.region.parent?.code).map((r) => r.code));
    const around = all.filter((f) => siblings.has(f.properties.code));
    if (!around.some((f) => f.properties.code === d.region.code)) return null;
    return locatorLayout({ focus: d.region.code, around, ...LOCATOR });
  }, [d, shapes.data, regions.data, level]);
  useEffect(() => {
    if (d) document.title = `${d.metadata.title} · Vigil`;
  }, [d]);

  if (!v.region)
    return (
      <main className="brief-message">
        <h2>{t('brief.title')}</h2>
        <p>{t('brief.intro')}</p>
        <RegionSearch
          onPick={(region) => setParams({ region: region.code }, { replace: false })}
          label={t('region.search')}
        />
      </main>
    );
  if (brief.isPending)
    return (
      <p className="brief-message" role="status">
        {t('brief.preparing')}
      </p>
    );
  if (brief.isError)
    return (
      <p className="brief-message error" role="alert">
        {t('brief.failed', { message: brief.error.message })}
      </p>
    );
  const m = d!.metadata;
  const r = d!.region;
  const kind = r.kind || (r.level === 0 ? t('brief.country') : r.level === 2 ? t('brief.district') : t('brief.region'));
  const where = r.parent
    ? t('brief.whereIn', { kind, parent: r.parent.name, code: r.code })
    : t('brief.where', { kind, code: r.code });
  const lensLabel = LENS_LABELS[m.lens] ?? m.lensLabel;
  return (
    <main className="brief-wrap">
      <div className="brief-toolbar" role="toolbar" aria-label={t('nav.brief')}>
        <button type="button" onClick={() => window.print()}>
          {t('brief.print')}
        </button>
        <span>{t('brief.printHint')}</span>
      </div>
      <section className="brief-toolbar brief-months" aria-label={t('brief.months')}>
        <MonthControl periods={list} value={m.period} onChange={v.setPeriod} compact />
        <MonthRangeControl
          label={t('region.trendMonths')}
          periods={list}
          range={range ?? shown}
          notes={range?.notes}
          onChange={v.setRange}
          compact
        />
      </section>
      <article
        className="brief"
        data-testid="brief"
        data-ready={alerts.pending || shapes.isPending ? 'false' : 'true'}
        aria-label={m.title}
      >
        <section className="brief-page">
          <header className="brief-masthead">
            <span>{t('brief.masthead')}</span>
            <span>{t('brief.generated', { when: fmtDateTime(m.generatedAt) })}</span>
          </header>
          <div className="brief-title">
            <div>
              <h1>{r.name}</h1>
              <p className="brief-sub">
                {where} · {fmtPeriod(m.period)} · {lensLabel} · {tOr(`scenario.${m.scenario}`, m.scenarioLabel)}
              </p>
              {shown && <p className="brief-range">{t('brief.trendRange', { range: fmtRange(shown) })}</p>}
              {m.notice && <p className="brief-notice">{m.notice}</p>}
            </div>
            {locator && (
              <Locator
                layout={locator}
                fill={CLASS_COLORS[asClass(d!.score.class)]}
                label={
                  r.parent
                    ? t('brief.locatorIn', { name: r.name, parent: r.parent.name })
                    : t('brief.locator', { name: r.name })
                }
              />
            )}
          </div>
          <KeyFigures brief={d!} />
          <h2>{shown ? t('brief.scoreByMonthRange', { range: fmtRange(shown) }) : t('brief.scoreByMonth')}</h2>
          {layout && <TrendChart layout={layout} title={t('trend.title', { name: r.name })} />}
          <p className="brief-caption">
            {t('brief.caption')} {alerts.alerts.length > 0 ? t('brief.triangles') : ''}{' '}
            {shown && m.period >= shown.from && m.period <= shown.to
              ? t('brief.dashed', { period: fmtPeriod(m.period) })
              : t('brief.outside', { period: fmtPeriod(m.period) })}
          </p>
          <h2>{t('profile.drivers')}</h2>
          <BriefDrivers brief={d!} />
          <h2>{t('profile.forms')}</h2>
          <BriefForms brief={d!} />
        </section>
        <section className="brief-page brief-page-2">
          <header className="brief-masthead">
            <span>
              {r.name} · {fmtPeriod(m.period)} · {lensLabel}
            </span>
            <span>{t('brief.page2')}</span>
          </header>
          <h2>{t('brief.gaps')}</h2>
          <BriefGaps brief={d!} />
          <h2>{t('brief.sources')}</h2>
          <BriefSources brief={d!} />
          <h2>{t('brief.howToRead')}</h2>
          <p className="brief-small">
            {t('brief.howToReadText', {
              classes: MODEL_CONFIG.classThresholds
                .map((c, i, a) => `${CLASS_LABELS[c.class].toLowerCase()} ${c.min}–${a[i + 1]?.min ?? 10}`)
                .join(', '),
            })}
          </p>
          <footer className="brief-footer">
            <p>{m.sourceLine}</p>
            <p>
              {m.attribution.join('. ')}. {m.disclaimer}
            </p>
            <p>
              {t('brief.colophon', {
                generator: m.generator,
                catalogue: m.catalogueVersion ?? '—',
                when: fmtDateTime(m.generatedAt),
              })}
            </p>
          </footer>
        </section>
      </article>
    </main>
  );
}
