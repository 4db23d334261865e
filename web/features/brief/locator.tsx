import { geoPath } from 'd3';
import { fitProjection, rewound, type RegionFeature } from '../export/map-svg.ts';

/** Shapes of a locator map, in pixels. */
export interface LocatorLayout {
  width: number;
  height: number;
  shapes: { code: string; d: string; focus: boolean }[];
}

/**
 * Lays out a small locator map: `around` (e.g. the other regions of the same country) in grey and
 * the `focus` region in colour, fitted to `fitTo` (default: `around`) inside a margin of `margin`
 * times the size. Pure.
 */
export function locatorLayout(o: {
  focus: string;
  around: readonly RegionFeature[];
  fitTo?: readonly RegionFeature[];
  margin?: number;
  width: number;
  height: number;
}): LocatorLayout {
  // User boundary sets (districts) may wind their rings the other way round from Natural Earth.
  const around = o.around.map(rewound);
  const mx = Math.max(6, o.width * (o.margin ?? 0));
  const my = Math.max(6, o.height * (o.margin ?? 0));
  const projection = fitProjection({ x: mx, y: my, width: o.width - 2 * mx, height: o.height - 2 * my }, null, [
    ...(o.fitTo ?? o.around).map(rewound),
  ]);
  projection.clipExtent([
    [0, 0],
    [o.width, o.height],
  ]);
  const path = geoPath(projection).digits(1);
  const shapes = around.flatMap((f) => {
    const d = path(f);
    return d ? [{ code: f.properties.code, d, focus: f.properties.code === o.focus }] : [];
  });
  // The focus region is drawn last, so its outline is on top.
  shapes.sort((a, b) => Number(a.focus) - Number(b.focus));
  return { width: o.width, height: o.height, shapes };
}

/** A locator map: where the region lies within its country (or, for a country, among its neighbours). */
export function Locator({ layout, fill, label }: { layout: LocatorLayout; fill: string; label: string }) {
  return (
    <svg
      className="brief-locator"
      viewBox={`0 0 ${layout.width} ${layout.height}`}
      width={layout.width}
      height={layout.height}
      role="img"
      aria-label={label}
    >
      <rect width={layout.width} height={layout.height} fill="#dfe7ee" />
      {layout.shapes.map((s) => (
        <path
          key={s.code}
          d={s.d}
          fill={s.focus ? fill : '#eceef1'}
          stroke={s.focus ? '#1f2a44' : '#9aa5b1'}
          strokeWidth={s.focus ? 1.6 : 0.5}
          strokeLinejoin="round"
        />
      ))}
    </svg>
  );
}
