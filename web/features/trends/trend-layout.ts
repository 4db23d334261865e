import { line, scaleLinear } from 'd3';
import { addMonths, periodIndex } from '../../../indicators/index.ts';
import type { ClassThreshold, RiskClass } from '../../../indicators/index.ts';
import { CLASS_COLORS, CLASS_LABELS } from '../../charts/risk-colors.ts';
import { direction } from '../../i18n/languages.ts';
import { currentLanguage, t as msg } from '../../i18n/messages.ts';
import { fmtPeriod, fmtScore } from '../../lib/format.ts';

/** One month of a region's series (score null = not scored that month). */
export interface TrendPoint {
  period: string;
  score: number | null;
  class?: string;
}

/** An alert to mark on the chart. */
export interface TrendAlert {
  period: string;
  kind: string;
  reason: string;
}

/** What the trend chart is drawn from. */
export interface TrendInput {
  points: readonly TrendPoint[];
  alerts?: readonly TrendAlert[];
  thresholds: readonly ClassThreshold[];
  width: number;
  height: number;
  /** The month the rest of the view shows, marked by a rule. */
  current?: string | null;
  margin?: { top: number; right: number; bottom: number; left: number };
  /**
   * Direction of the page's words (default: the current language's). Right to left the chart is
   * mirrored: time runs from right to left and the value axis is on the right; `margin.left` is then
   * the margin on the value axis's side (the right).
   */
  dir?: 'ltr' | 'rtl';
}

/** Everything the stateless SVG needs, in pixels; numbers rounded to 0.01 so output is stable. */
export interface TrendLayout {
  width: number;
  height: number;
  plot: { x: number; y: number; width: number; height: number };
  bands: { class: RiskClass; label: string; y: number; height: number; color: string }[];
  /** SVG path of the score line; breaks where a month has no score. */
  line: string;
  dots: { period: string; x: number; y: number; score: number }[];
  /** Spans of months without a score, drawn as "no data". */
  gaps: { from: string; to: string; x: number; width: number }[];
  alerts: { period: string; x: number; y: number; kind: string; reason: string }[];
  current: { period: string; x: number } | null;
  xTicks: { x: number; label: string }[];
  yTicks: { y: number; label: string }[];
  /** Where the value axis's labels go: their x and which end of the label sits there (the SVG itself is left to right). */
  yAxis: { x: number; anchor: 'start' | 'end' };
  dir: 'ltr' | 'rtl';
  /** A sentence describing the series, for screen readers. */
  summary: string;
}

const r2 = (n: number) => Math.round(n * 100) / 100;

/**
 * Lays out a region's score series: class bands behind (from the model's thresholds), the score
 * line with breaks for unscored months, alert markers and the current month. Pure: no DOM, so it is
 * unit-tested directly and the SVG component only draws what it returns.
 */
export function trendLayout(input: TrendInput): TrendLayout {
  const margin = input.margin ?? { top: 8, right: 10, bottom: 22, left: 28 };
  const dir = input.dir ?? direction(currentLanguage());
  const rtl = dir === 'rtl';
  const plot = {
    x: rtl ? margin.right : margin.left,
    y: margin.top,
    width: Math.max(10, input.width - margin.left - margin.right),
    height: Math.max(10, input.height - margin.top - margin.bottom),
  };
  const pts = [...input.points].sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : 0));
  const first = pts[0]?.period;
  const last = pts.at(-1)?.period;
  const i0 = first ? periodIndex(first) : 0;
  const i1 = last ? periodIndex(last) : 1;
  const x = scaleLinear()
    .domain([i0, Math.max(i1, i0 + 1)])
    .range(rtl ? [plot.x + plot.width, plot.x] : [plot.x, plot.x + plot.width]);
  const y = scaleLinear()
    .domain([0, 10])
    .range([plot.y + plot.height, plot.y]);
  const xp = (p: string) => r2(x(periodIndex(p)));

  const t = input.thresholds;
  const bands = t.map((c, i) => {
    const top = y(t[i + 1]?.min ?? 10);
    return {
      class: c.class,
      label: CLASS_LABELS[c.class],
      y: r2(top),
      height: r2(y(c.min) - top),
      color: CLASS_COLORS[c.class],
    };
  });

  const scored = pts.filter((p): p is TrendPoint & { score: number } => p.score !== null);
  const path =
    line<TrendPoint>()
      .defined((p) => p.score !== null)
      .x((p) => xp(p.period))
      .y((p) => r2(y(p.score ?? 0)))(pts) ?? '';

  const gaps: TrendLayout['gaps'] = [];
  let start: string | null = null;
  pts.forEach((p, i) => {
    if (p.score === null && start === null) start = p.period;
    const next = pts[i + 1];
    if (start !== null && (next === undefined || next.score !== null)) {
      const half = plot.width / Math.max(1, i1 - i0) / 2;
      const [lo, hi] = [xp(start), xp(p.period)].sort((m, n) => m - n) as [number, number];
      const a = Math.max(plot.x, lo - half);
      const b = Math.min(plot.x + plot.width, hi + half);
      gaps.push({ from: start, to: p.period, x: r2(a), width: r2(Math.max(1, b - a)) });
      start = null;
    }
  });

  const scoreAt = new Map(pts.map((p) => [p.period, p.score]));
  const alerts = (input.alerts ?? [])
    .filter((a) => first !== undefined && last !== undefined && a.period >= first && a.period <= last)
    .map((a) => ({
      period: a.period,
      x: xp(a.period),
      y: r2(y(scoreAt.get(a.period) ?? 10)),
      kind: a.kind,
      reason: a.reason,
    }));

  const months = i1 - i0;
  const step = months > 36 ? 12 : months > 18 ? 6 : months > 6 ? 3 : 1;
  const xTicks: TrendLayout['xTicks'] = [];
  if (first) {
    for (let k = 0; k <= months; k++) {
      const p = addMonths(first, k);
      const month = Number(p.slice(5));
      if ((month - 1) % step === 0) xTicks.push({ x: xp(p), label: step === 12 ? p.slice(0, 4) : fmtPeriod(p) });
    }
  }
  const yTicks = [0, ...t.slice(1).map((c) => c.min), 10].map((v) => ({ y: r2(y(v)), label: String(v) }));

  const lastScored = scored.at(-1);
  const peak = scored.reduce<(typeof scored)[number] | undefined>(
    (m, p) => (m === undefined || p.score > m.score ? p : m),
    undefined,
  );
  const summary = lastScored
    ? msg('trend.summary', {
        from: fmtPeriod(first),
        to: fmtPeriod(last),
        latest: fmtScore(lastScored.score),
        latestPeriod: fmtPeriod(lastScored.period),
        highest: fmtScore(peak!.score),
        highestPeriod: fmtPeriod(peak!.period),
        alerts: alerts.length,
      })
    : msg('trend.noMonth');

  return {
    width: input.width,
    height: input.height,
    plot: { x: r2(plot.x), y: r2(plot.y), width: r2(plot.width), height: r2(plot.height) },
    bands,
    line: path,
    dots: scored.map((p) => ({ period: p.period, x: xp(p.period), y: r2(y(p.score)), score: p.score })),
    gaps,
    alerts,
    current:
      input.current && first && last && input.current >= first && input.current <= last
        ? { period: input.current, x: xp(input.current) }
        : null,
    xTicks,
    yTicks,
    yAxis: rtl ? { x: r2(plot.x + plot.width + 4), anchor: 'start' } : { x: r2(plot.x - 4), anchor: 'end' },
    dir,
    summary,
  };
}
