import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo } from 'react';
import { MODEL_CONFIG } from '../../../indicators/index.ts';
import { fmtPeriod } from '../../lib/format.ts';
import { setParams } from '../../lib/router.ts';
import { useViewState } from '../../lib/view-state.ts';
import { MonthControl } from '../controls/month-control.tsx';
import { fmtRange, resolveRange } from '../controls/month-range.ts';
import { MonthRangeControl } from '../controls/month-range-control.tsx';
import { RegionSearch } from '../controls/region-search.tsx';
import { useRegionAlerts } from '../region-profile/use-region-alerts.ts';
import { TrendChart } from '../trends/trend-chart.tsx';
import { trendLayout } from '../trends/trend-layout.ts';
import { fmtGenerated } from '../export/text.ts';
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
  const level = d?.region.level === 1 ? 1 : 0;
  const shapes = useQuery({ ...boundaryQueries.level(level), enabled: d !== undefined });
  const regions = useQuery({ ...regionQueries.all(), enabled: d !== undefined && level === 1 });
  const locator = useMemo(() => {
    if (!d || !shapes.data || (level === 1 && !regions.data)) return null;
    const all = shapes.data.features;
    if (level === 0)
      return locatorLayout({
        focus: d.region.code,
        around: all,
        fitTo: all.filter((f) => f.properties.code === d.region.code),
        margin: 0.2,
        ...LOCATOR,
      });
    const siblings = new Set(regions.data!.filter((r) => r.parent === d.region.parent?.code).map((r) => r.code));
    return locatorLayout({
      focus: d.region.code,
      around: all.filter((f) => siblings.has(f.properties.code)),
      ...LOCATOR,
    });
  }, [d, shapes.data, regions.data, level]);
  useEffect(() => {
    if (d) document.title = `${d.metadata.title} · Vigil`;
  }, [d]);

  if (!v.region)
    return (
      <main className="brief-message">
        <h2>Region brief</h2>
        <p>
          A two-page printable brief of one region: score, trend, drivers, likely forms of exploitation, data gaps and
          sources. Choose the region:
        </p>
        <RegionSearch onPick={(region) => setParams({ region: region.code }, { replace: false })} label="Region" />
      </main>
    );
  if (brief.isPending)
    return (
      <p className="brief-message" role="status">
        Preparing the brief…
      </p>
    );
  if (brief.isError)
    return (
      <p className="brief-message error" role="alert">
        The brief could not be prepared: {brief.error.message}
      </p>
    );
  const m = d!.metadata;
  const r = d!.region;
  const where = [
    r.kind || (r.level === 0 ? 'Country' : 'Region'),
    r.parent ? `of ${r.parent.name}` : null,
    `(${r.code})`,
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <main className="brief-wrap">
      <div className="brief-toolbar" role="toolbar" aria-label="Brief">
        <button type="button" onClick={() => window.print()}>
          Print or save as PDF
        </button>
        <span>Two A4 pages. In the print dialog, choose “Save as PDF” for a file.</span>
      </div>
      <section className="brief-toolbar brief-months" aria-label="Brief months">
        <MonthControl periods={list} value={m.period} onChange={v.setPeriod} compact />
        <MonthRangeControl
          label="Trend months"
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
            <span>Vigil · Region brief</span>
            <span>Generated {fmtGenerated(m.generatedAt)}</span>
          </header>
          <div className="brief-title">
            <div>
              <h1>{r.name}</h1>
              <p className="brief-sub">
                {where} · {fmtPeriod(m.period)} · {m.lensLabel} · {m.scenarioLabel}
              </p>
              {shown && <p className="brief-range">Trend: {fmtRange(shown)}</p>}
              {m.notice && <p className="brief-notice">{m.notice}</p>}
            </div>
            {locator && (
              <Locator
                layout={locator}
                fill={CLASS_COLORS[asClass(d!.score.class)]}
                label={`Where ${r.name} lies${r.parent ? ` in ${r.parent.name}` : ''}`}
              />
            )}
          </div>
          <KeyFigures brief={d!} />
          <h2>Score by month{shown ? `, ${fmtRange(shown)}` : ''}</h2>
          {layout && <TrendChart layout={layout} title={`Risk score of ${r.name}, 0 to 10, by month`} />}
          <p className="brief-caption">
            Class bands behind the line; hatched months have no score (missing, not low).{' '}
            {alerts.alerts.length > 0 ? 'Triangles mark alerts.' : ''}{' '}
            {shown && m.period >= shown.from && m.period <= shown.to
              ? `The dashed rule marks ${fmtPeriod(m.period)}.`
              : `${fmtPeriod(m.period)}, the month of this brief, is outside the months shown.`}
          </p>
          <h2>What drives the score</h2>
          <BriefDrivers brief={d!} />
          <h2>Likely forms of exploitation</h2>
          <BriefForms brief={d!} />
        </section>
        <section className="brief-page brief-page-2">
          <header className="brief-masthead">
            <span>
              {r.name} · {fmtPeriod(m.period)} · {m.lensLabel}
            </span>
            <span>Page 2 of 2</span>
          </header>
          <h2>Coverage and data gaps</h2>
          <BriefGaps brief={d!} />
          <h2>Sources</h2>
          <BriefSources brief={d!} />
          <h2>How to read this brief</h2>
          <p className="brief-small">
            Scores run from 0 to 10 and combine the indicators of the lens that were observed, each weighted and fading
            with age. Classes:{' '}
            {MODEL_CONFIG.classThresholds
              .map((t, i, a) => `${CLASS_LABELS[t.class].toLowerCase()} ${t.min}–${a[i + 1]?.min ?? 10}`)
              .join(', ')}
            . A region whose evidence is too thin gets “insufficient data” rather than a class, and a region with
            nothing observed has no score: missing data is never read as low risk. Coverage is the share of the lens's
            weight that was observed.
          </p>
          <footer className="brief-footer">
            <p>{m.sourceLine}</p>
            <p>
              {m.attribution.join('. ')}. {m.disclaimer}
            </p>
            <p>
              {m.generator} · indicator catalogue {m.catalogueVersion ?? '—'} · generated {fmtGenerated(m.generatedAt)}
            </p>
          </footer>
        </section>
      </article>
    </main>
  );
}
