import { t } from '../../i18n/messages.ts';
import { fmtPeriod } from '../../lib/format.ts';
import type { TrendLayout } from './trend-layout.ts';

/**
 * A region's score over time as SVG, drawn only from a {@link TrendLayout}: class bands behind,
 * hatched months without a score, the score line, alert markers (triangles with their reason as a
 * tooltip) and the current month.
 */
export function TrendChart({ layout, title }: { layout: TrendLayout; title: string }) {
  const { plot } = layout;
  return (
    <svg
      className="trend-chart"
      viewBox={`0 0 ${layout.width} ${layout.height}`}
      width="100%"
      role="img"
      aria-label={`${title}. ${layout.summary}`}
      data-dir={layout.dir}
    >
      <defs>
        <pattern id="trend-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <rect width="6" height="6" fill="#eceef1" />
          <line x1="0" y1="0" x2="0" y2="6" stroke="#b8bec6" strokeWidth="2" />
        </pattern>
      </defs>
      <g>
        {layout.bands.map((b) => (
          <rect key={b.class} x={plot.x} y={b.y} width={plot.width} height={b.height} fill={b.color} opacity={0.35}>
            <title>{b.label}</title>
          </rect>
        ))}
      </g>
      {layout.gaps.map((g) => (
        <rect
          key={g.from}
          x={g.x}
          y={plot.y}
          width={g.width}
          height={plot.height}
          fill="url(#trend-hatch)"
          opacity={0.8}
        >
          <title>
            {g.from === g.to
              ? t('trend.gapOne', { period: fmtPeriod(g.from) })
              : t('trend.gap', { from: fmtPeriod(g.from), to: fmtPeriod(g.to) })}
          </title>
        </rect>
      ))}
      <g className="axis" fontSize="10" fill="#52606d">
        {layout.yTicks.map((t) => (
          <g key={t.label}>
            <line x1={plot.x} x2={plot.x + plot.width} y1={t.y} y2={t.y} stroke="#fff" strokeWidth={0.8} />
            <text x={layout.yAxis.x} y={t.y} dy="0.32em" textAnchor={layout.yAxis.anchor}>
              {t.label}
            </text>
          </g>
        ))}
        {layout.xTicks.map((t) => (
          <g key={t.label}>
            <line x1={t.x} x2={t.x} y1={plot.y + plot.height} y2={plot.y + plot.height + 4} stroke="#7b8794" />
            <text x={t.x} y={plot.y + plot.height + 15} textAnchor="middle">
              {t.label}
            </text>
          </g>
        ))}
      </g>
      {layout.current && (
        <line
          className="current"
          x1={layout.current.x}
          x2={layout.current.x}
          y1={plot.y}
          y2={plot.y + plot.height}
          stroke="#1f2a44"
          strokeDasharray="3 2"
        />
      )}
      <path d={layout.line} fill="none" stroke="#1f2933" strokeWidth={2} strokeLinejoin="round" />
      {layout.dots.length <= 60 &&
        layout.dots.map((d) => <circle key={d.period} cx={d.x} cy={d.y} r={1.8} fill="#1f2933" />)}
      {layout.alerts.map((a, i) => (
        <g key={`${a.period}-${a.kind}-${i}`} className="alert-mark" transform={`translate(${a.x},${a.y - 9})`}>
          <path d="M0,6 L-5,-3 L5,-3 Z" fill="#1f2a44" stroke="#fff" strokeWidth={1} />
          <title>{`${fmtPeriod(a.period)}: ${a.reason}`}</title>
        </g>
      ))}
    </svg>
  );
}
