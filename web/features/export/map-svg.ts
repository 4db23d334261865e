import { geoArea, geoMercator, geoPath, type GeoProjection, type GeoStream } from 'd3';
import type { Feature, Geometry, MultiPolygon, Polygon } from 'geojson';
import { PATTERN_KINDS, PATTERNS, patternSvg, type PatternKind } from '../../charts/patterns.ts';
import type { ExportLegend } from './legends.ts';
import { exportLayout, type ExportText, type PlacedText } from './layout.ts';
import { EXPORT_FONT, LABEL_SIZE, declutter, escapeXml, isolated, labelLines } from './text.ts';
import { layoutNames, type ExportName } from './names.ts';
import { candidateExtent } from '../map/place-names.ts';
import { fmtScore } from '../../lib/format.ts';
import { ARABIC_FAMILY, fontFaceCss, LATIN_FAMILY, type EmbeddedFont } from './fonts.ts';

/** `[[west, south], [east, north]]` in degrees. */
export type Bounds = [[number, number], [number, number]];

/** A region's shape with its code and name, as `/api/boundaries/{level}` gives it. */
export type RegionFeature = Feature<Geometry, { code: string; name: string }>;

/** What {@link buildMapSvg} draws. */
export interface MapSvgOptions extends ExportText {
  features: readonly RegionFeature[];
  /** Regions drawn over `features`, e.g. districts over the first-level regions (in code order too). */
  over?: readonly RegionFeature[];
  /** A category (class or change bin) per region code; the legend gives each category its colour. */
  scores: readonly { code: string; category: string; score?: number | null; pattern?: PatternKind | null }[];
  legend: ExportLegend;
  width: number;
  height: number;
  /** The part of the world to show (the dashboard's current view); default: every feature. */
  bounds?: Bounds | null;
  /** Outlines drawn over the regions, e.g. country borders over first-level regions. */
  borders?: readonly Feature<Geometry>[];
  /** Regions outlined as hotspots. */
  hotspots?: readonly string[];
  /** Text labels at a point (longitude, latitude). */
  labels?: readonly { code: string; text: string; at: [number, number] }[];
  /** Places that may be named (countries, then regions, each largest first); names that fit are drawn under the labels. */
  names?: readonly ExportName[];
  /** Font files to embed (`@font-face` data URLs), so the SVG looks the same on every machine. */
  fonts?: readonly EmbeddedFont[];
}

/**
 * The SVG names Arimo (Arial's metrics, embedded when `fonts` are given) before Arial. Right-to-left
 * exports name the bundled Arabic font first (its glyphs are Arabic only, so Latin keeps Arimo), the
 * font their layout was measured with; a viewer without the embedded files falls back to its own.
 */
const LTR_FONT = `${LATIN_FAMILY}, ${EXPORT_FONT}`;
const RTL_FONT = `'${ARABIC_FAMILY}', ${LTR_FONT}`;

/** The sea, as on the dashboard's map. */
const OCEAN = '#dfe7ee';

/** Reverses rings of polygons whose winding d3 reads as "the whole globe but this" (area above a hemisphere). */
export function rewound<F extends Feature<Geometry>>(f: F): F {
  const g = f.geometry;
  if (!g || (g.type !== 'Polygon' && g.type !== 'MultiPolygon') || geoArea(f) <= 2 * Math.PI) return f;
  const rev = (rings: Polygon['coordinates']) => rings.map((r) => [...r].reverse());
  const geometry =
    g.type === 'Polygon'
      ? { ...g, coordinates: rev(g.coordinates) }
      : { ...g, coordinates: (g as MultiPolygon).coordinates.map(rev) };
  return { ...f, geometry };
}

/** A projection stream that drops points closer than `tol` pixels to the last one kept (rings keep their closing point). */
function thinned(projection: GeoProjection, tol: number) {
  return {
    stream(sink: GeoStream): GeoStream {
      let last: [number, number] | null = null;
      let pending: [number, number] | null = null;
      const thin: GeoStream = {
        point(x, y) {
          if (last && Math.hypot(x - last[0], y - last[1]) < tol) {
            pending = [x, y];
            return;
          }
          sink.point(x, y);
          last = [x, y];
          pending = null;
        },
        lineStart() {
          last = pending = null;
          sink.lineStart();
        },
        lineEnd() {
          if (pending) sink.point(pending[0], pending[1]);
          sink.lineEnd();
        },
        polygonStart: () => sink.polygonStart(),
        polygonEnd: () => sink.polygonEnd(),
        sphere: () => sink.sphere?.(),
      };
      return projection.stream(thin);
    },
  };
}

/** A Web Mercator projection (as the dashboard's map) fitting `bounds`, or the features, into the frame, clipped to it. */
export function fitProjection(
  frame: { x: number; y: number; width: number; height: number },
  bounds: Bounds | null | undefined,
  features: readonly Feature<Geometry>[],
): GeoProjection {
  const extent: [[number, number], [number, number]] = [
    [frame.x, frame.y],
    [frame.x + frame.width, frame.y + frame.height],
  ];
  const p = geoMercator();
  if (bounds) {
    const [[w, s], [e, n]] = bounds;
    const lat = (v: number) => Math.max(-84, Math.min(84, v));
    const lng = (v: number) => Math.max(-180, Math.min(180, v));
    p.fitExtent(extent, {
      type: 'MultiPoint',
      coordinates: [
        [lng(w), lat(s)],
        [lng(e), lat(n)],
      ],
    });
  } else p.fitExtent(extent, { type: 'FeatureCollection', features: features as Feature<Geometry>[] });
  return p.clipExtent(extent);
}

const n2 = (v: number) => Math.round(v * 100) / 100;

function textSvg(t: PlacedText, extra = ''): string {
  const attrs = [`x="${n2(t.x)}"`, `y="${n2(t.y)}"`, `font-size="${n2(t.size)}"`, `fill="${t.color}"`];
  if (t.bold) attrs.push('font-weight="bold"');
  if (t.italic) attrs.push('font-style="italic"');
  if (t.anchor === 'end') attrs.push('text-anchor="end"');
  return `<text class="${t.role}" ${attrs.join(' ')}${extra}>${escapeXml(t.text)}</text>`;
}

/**
 * A self-contained SVG of a choropleth map for slides and print: title and subtitle, the regions
 * filled by category (Web Mercator fitted to `bounds`, one `<path class="region">` per region in
 * view, in code order, then those drawn `over` them, each with a `<title>`), optional border overlay, hotspot outlines and labels,
 * place names that fit around those labels,
 * a legend with every category including the missing-data ones, and a footer with the source line,
 * credits, boundary disclaimer and generation date. Pure: no DOM, deterministic for fixed input.
 */
export function buildMapSvg(o: MapSvgOptions): string {
  const layout = exportLayout(o, { ...o.legend, hotspots: o.legend.hotspots ?? Boolean(o.hotspots?.length) }, o);
  const { frame, unit: u } = layout;
  /** Words on the map: isolated in their own direction on a right-to-left export. */
  const onMap = (text: string) => escapeXml(layout.dir === 'rtl' ? isolated(text) : text);
  const inOrder = (list: readonly RegionFeature[]) =>
    [...list]
      .map(rewound)
      .sort((a, b) => (a.properties.code < b.properties.code ? -1 : a.properties.code > b.properties.code ? 1 : 0));
  const features = [...inOrder(o.features), ...inOrder(o.over ?? [])];
  const projection = fitProjection(frame, o.bounds, features);
  const path = geoPath(thinned(projection, 0.5)).digits(1);
  const colour = new Map(o.legend.entries.map((e) => [e.category, e.color]));
  const label = new Map(o.legend.entries.map((e) => [e.category, e.label]));
  const byCode = new Map(o.scores.map((s) => [s.code, s]));
  const fallback = colour.get(o.legend.fallback) ?? '#eceef1';
  const stroke = o.borders?.length ? { color: '#a7b0ba', width: 0.35 * u } : { color: '#5f6b7a', width: 0.6 * u };

  const regions: string[] = [];
  const textures: string[] = [];
  const shapes = new Map<string, string>();
  for (const f of features) {
    const d = path(f);
    if (!d) continue;
    const { code, name } = f.properties;
    const s = byCode.get(code);
    const category = s?.category ?? o.legend.fallback;
    shapes.set(code, d);
    const tip = `${name} (${code}): ${label.get(category) ?? category}${s?.score !== null && s?.score !== undefined ? `, ${fmtScore(s.score)}` : ''}`;
    regions.push(
      `<path class="region" data-code="${escapeXml(code)}" data-category="${escapeXml(category)}" fill="${colour.get(category) ?? fallback}" d="${d}"><title>${escapeXml(tip)}</title></path>`,
    );
    // The texture over the colour: conditions only (hatched) or country-level records only (dotted).
    if (s?.pattern)
      textures.push(
        `<path class="texture" data-code="${escapeXml(code)}" data-pattern="${s.pattern}" fill="url(#${PATTERNS[s.pattern].id})" d="${d}"/>`,
      );
  }
  const borders = (o.borders ?? []).map((f) => path(rewound(f))).filter(Boolean);
  const hot = (o.hotspots ?? []).flatMap((c) =>
    shapes.has(c) ? [`<path class="hotspot" data-code="${escapeXml(c)}" d="${shapes.get(c)}"/>`] : [],
  );
  const inFrame = (p: [number, number] | null): p is [number, number] =>
    p !== null && p[0] >= frame.x && p[0] <= frame.x + frame.width && p[1] >= frame.y && p[1] <= frame.y + frame.height;
  const placed = (o.labels ?? []).flatMap((l) => {
    const p = projection(l.at);
    return inFrame(p) ? [{ ...l, x: p[0], y: p[1] }] : [];
  });
  const decluttered = declutter(placed, u);
  const worldSize = 2 * Math.PI * projection.scale();
  const names = layoutNames(
    (o.names ?? []).flatMap((c) => {
      const p = projection(c.at);
      return p
        ? [{ code: c.code, text: c.text, level: c.level, x: p[0], y: p[1], extent: candidateExtent(c, worldSize) }]
        : [];
    }),
    decluttered,
    { x0: frame.x, y0: frame.y, x1: frame.x + frame.width, y1: frame.y + frame.height },
    u,
    new Set((o.labels ?? []).map((l) => l.code)),
  ).map(
    (n) =>
      `<text class="place-name" data-code="${escapeXml(n.code)}" data-level="${n.level}" x="${n2(n.x)}" y="${n2(n.y)}" font-size="${n2(n.size)}"${n.level === 0 ? ' font-weight="bold"' : ' font-style="italic" fill="#3e4c59"'}>${onMap(n.text)}</text>`,
  );
  const labels = decluttered.map((l) => {
    const lines = labelLines(l.text, u);
    const lh = LABEL_SIZE * u * 1.15;
    const spans = lines
      .map((t, i) => `<tspan x="${n2(l.x)}" y="${n2(l.y + (i - (lines.length - 1) / 2) * lh)}">${onMap(t)}</tspan>`)
      .join('');
    // A label moved off a crowded spot: a leader line and a dot show the region it names.
    const leader =
      l.anchorY === undefined
        ? ''
        : `<path class="leader" d="M${n2(l.x)} ${n2(l.y + (Math.sign(l.anchorY - l.y) * lines.length * lh) / 2)}V${n2(l.anchorY)}" stroke="#1f2933" stroke-width="${n2(u)}" fill="none" paint-order="normal"/><circle cx="${n2(l.x)}" cy="${n2(l.anchorY)}" r="${n2(2.5 * u)}" fill="#1f2933" stroke="none"/>`;
    return `${leader}<text class="map-label" data-code="${escapeXml(l.code)}">${spans}</text>`;
  });

  const lg = layout.legend;
  const legendRows = lg.rows.map((r) => {
    const sw = r.swatch;
    const box =
      'hotspot' in r.entry
        ? `<rect x="${n2(sw.x)}" y="${n2(sw.y)}" width="${n2(sw.width)}" height="${n2(sw.height)}" fill="none" stroke="#1f2a44" stroke-width="${n2(2 * u)}"/>`
        : `<rect x="${n2(sw.x)}" y="${n2(sw.y)}" width="${n2(sw.width)}" height="${n2(sw.height)}" fill="${r.entry.color}" stroke="#7b8794" stroke-width="${n2(0.8 * u)}"${r.entry.missing ? ` stroke-dasharray="${n2(3 * u)} ${n2(2 * u)}"` : ''}/>${
            r.entry.pattern
              ? `<rect x="${n2(sw.x)}" y="${n2(sw.y)}" width="${n2(sw.width)}" height="${n2(sw.height)}" fill="url(#${PATTERNS[r.entry.pattern].id})"/>`
              : ''
          }`;
    return `<g class="legend-entry" data-category="${escapeXml(r.entry.category)}">${box}${r.texts.map((t) => textSvg(t)).join('')}</g>`;
  });

  const side = layout.texts.filter((t) => t.role.startsWith('list'));
  const f = frame;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${o.width}" height="${o.height}" viewBox="0 0 ${o.width} ${o.height}" font-family="${escapeXml(layout.dir === 'rtl' ? RTL_FONT : LTR_FONT)}"${layout.dir === 'rtl' ? ' direction="rtl"' : ''} role="img" aria-labelledby="vigil-title vigil-desc">`,
    `<title id="vigil-title">${escapeXml(o.title)}</title>`,
    `<desc id="vigil-desc">${escapeXml([o.subtitle, o.sources, o.disclaimer].filter(Boolean).join(' '))}</desc>`,
    `<defs>${o.fonts?.length ? `<style>${fontFaceCss(o.fonts)}</style>` : ''}<clipPath id="vigil-frame"><rect x="${n2(f.x)}" y="${n2(f.y)}" width="${n2(f.width)}" height="${n2(f.height)}"/></clipPath>${PATTERN_KINDS.map((k) => patternSvg(k, u)).join('')}</defs>`,
    `<rect class="background" width="${o.width}" height="${o.height}" fill="#ffffff"/>`,
    `<g class="header">${layout.texts
      .filter((t) => t.role === 'title' || t.role === 'subtitle')
      .map((t) => textSvg(t))
      .join('')}</g>`,
    `<g class="map" clip-path="url(#vigil-frame)">`,
    `<rect class="ocean" x="${n2(f.x)}" y="${n2(f.y)}" width="${n2(f.width)}" height="${n2(f.height)}" fill="${OCEAN}"/>`,
    `<g class="regions" stroke="${stroke.color}" stroke-width="${n2(stroke.width)}" stroke-linejoin="round">`,
    ...regions,
    `</g>`,
    textures.length ? `<g class="textures" stroke="none">${textures.join('')}</g>` : '',
    borders.length
      ? `<g class="borders" fill="none" stroke="#3e4c59" stroke-width="${n2(0.9 * u)}" stroke-linejoin="round">${borders.map((d) => `<path d="${d}"/>`).join('')}</g>`
      : '',
    hot.length
      ? `<g class="hotspots" fill="none" stroke="#1f2a44" stroke-width="${n2(1.8 * u)}" stroke-linejoin="round">${hot.join('')}</g>`
      : '',
    names.length
      ? `<g class="names" fill="#323f4b" stroke="#ffffff" stroke-width="${n2(2.5 * u)}" stroke-linejoin="round" paint-order="stroke" text-anchor="middle" dominant-baseline="middle">${names.join('')}</g>`
      : '',
    labels.length
      ? `<g class="labels" font-size="${n2(LABEL_SIZE * u)}" font-weight="bold" fill="#1f2933" stroke="#ffffff" stroke-width="${n2(3 * u)}" stroke-linejoin="round" paint-order="stroke" text-anchor="middle" dominant-baseline="middle">${labels.join('')}</g>`
      : '',
    `</g>`,
    `<rect class="frame" x="${n2(f.x)}" y="${n2(f.y)}" width="${n2(f.width)}" height="${n2(f.height)}" fill="none" stroke="#cbd2d9" stroke-width="${n2(u)}"/>`,
    `<g class="legend">${textSvg(lg.title)}`,
    ...legendRows,
    `</g>`,
    side.length ? `<g class="list">${side.map((t) => textSvg(t)).join('')}</g>` : '',
    `<g class="footer">${layout.texts
      .filter((t) => !['title', 'subtitle'].includes(t.role) && !t.role.startsWith('list'))
      .map((t) => textSvg(t))
      .join('')}</g>`,
    `</svg>`,
  ]
    .filter(Boolean)
    .join('\n');
}
