import { line, scaleLinear } from 'd3';

/** The path of a sparkline of 0–10 scores (gaps where null) and its last point. Pure. */
export function sparklineLayout(
  values: readonly (number | null)[],
  width: number,
  height: number,
): { path: string; last: { x: number; y: number } | null } {
  const x = scaleLinear()
    .domain([0, Math.max(1, values.length - 1)])
    .range([1, width - 3]);
  const y = scaleLinear()
    .domain([0, 10])
    .range([height - 2, 2]);
  const path =
    line<number | null>()
      .defined((v) => v !== null)
      .x((_, i) => Math.round(x(i) * 10) / 10)
      .y((v) => Math.round(y(v ?? 0) * 10) / 10)(values) ?? '';
  let i = values.length - 1;
  while (i >= 0 && values[i] === null) i--;
  return { path, last: i >= 0 ? { x: x(i), y: y(values[i]!) } : null };
}

/** A small line of recent scores (0–10 scale, so sparklines compare across regions). */
export function Sparkline({
  values,
  label,
  width = 96,
  height = 24,
}: {
  values: readonly (number | null)[];
  label: string;
  width?: number;
  height?: number;
}) {
  const { path, last } = sparklineLayout(values, width, height);
  return (
    <svg className="sparkline" width={width} height={height} role="img" aria-label={label}>
      <line x1={0} x2={width} y1={height - 2} y2={height - 2} stroke="#dde1e6" />
      <path d={path} fill="none" stroke="#1f2a44" strokeWidth={1.5} />
      {last && <circle cx={last.x} cy={last.y} r={2.2} fill="#b35806" />}
    </svg>
  );
}
