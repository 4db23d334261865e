/**
 * The two textures drawn over a map's colours, one definition for every medium (MapLibre image,
 * SVG `<pattern>`, canvas, CSS swatch). Textures rather than hues, so they read for colour-blind
 * readers and in greyscale print:
 * - `conditions`: dark diagonal hatching over the class colour — scored on conditions (drivers)
 *   only, with no direct sign of trafficking recorded for the region itself (trafficking lens);
 * - `country`: sparse dark dots on a light fill — no evidence of the region's own, only records
 *   made for its whole country (shown beside it, never as its score).
 */
export type PatternKind = 'conditions' | 'country';

/** Every pattern kind, in legend order. */
export const PATTERN_KINDS: readonly PatternKind[] = ['conditions', 'country'];

/** One texture: a square tile of `size` CSS pixels, transparent but for its marks. */
export interface PatternDef {
  /** Image id on the map and element id in an SVG. */
  id: string;
  size: number;
  ink: string;
  /** Opacity of the marks. */
  opacity: number;
  shape: { kind: 'hatch'; width: number } | { kind: 'dots'; radius: number };
}

/** The textures. */
export const PATTERNS: Readonly<Record<PatternKind, PatternDef>> = {
  conditions: {
    id: 'vigil-conditions',
    size: 8,
    ink: '#1f2933',
    opacity: 0.8,
    shape: { kind: 'hatch', width: 1.6 },
  },
  country: { id: 'vigil-country', size: 6, ink: '#3e4c59', opacity: 0.9, shape: { kind: 'dots', radius: 0.95 } },
};

/** Whether the point (x, y) of a tile (CSS pixels, 0..size) lies on a mark of `p`. */
function onMark(p: PatternDef, x: number, y: number): boolean {
  const s = p.size;
  if (p.shape.kind === 'hatch') {
    // Lines x + y = k·size ("/" on screen), which tile seamlessly.
    const d = (((x + y) % s) + s) % s;
    return Math.min(d, s - d) / Math.SQRT2 <= p.shape.width / 2;
  }
  const r = p.shape.radius;
  return [s / 4, (3 * s) / 4].some((c) => Math.hypot(x - c, y - c) <= r);
}

/**
 * The tile of `kind` as RGBA pixels (not premultiplied) at `ratio` device pixels per CSS pixel,
 * anti-aliased by 4 × 4 supersampling: what MapLibre's `addImage` and a canvas pattern take.
 * Deterministic.
 * @example patternPixels('conditions', 2).width === 16
 */
export function patternPixels(kind: PatternKind, ratio = 1): { width: number; height: number; data: Uint8Array } {
  const p = PATTERNS[kind];
  const n = Math.round(p.size * ratio);
  const data = new Uint8Array(n * n * 4);
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(p.ink.slice(i, i + 2), 16));
  const SUB = 4;
  for (let py = 0; py < n; py++)
    for (let px = 0; px < n; px++) {
      let hit = 0;
      for (let sy = 0; sy < SUB; sy++)
        for (let sx = 0; sx < SUB; sx++)
          if (onMark(p, (px + (sx + 0.5) / SUB) / ratio, (py + (sy + 0.5) / SUB) / ratio)) hit++;
      const i = (py * n + px) * 4;
      data[i] = r!;
      data[i + 1] = g!;
      data[i + 2] = b!;
      data[i + 3] = Math.round((255 * p.opacity * hit) / (SUB * SUB));
    }
  return { width: n, height: n, data };
}

const n2 = (v: number) => Math.round(v * 100) / 100;

/**
 * The texture as an SVG `<pattern>` element with id `PATTERNS[kind].id` (plus `suffix`), tiles of
 * `size × scale` user units: the same marks as {@link patternPixels}.
 * @example `<defs>${patternSvg('conditions')}</defs>` then `fill="url(#vigil-conditions)"`
 */
export function patternSvg(kind: PatternKind, scale = 1, suffix = ''): string {
  const p = PATTERNS[kind];
  const s = n2(p.size * scale);
  const head = `<pattern id="${p.id}${suffix}" width="${s}" height="${s}" patternUnits="userSpaceOnUse">`;
  if (p.shape.kind === 'hatch') {
    const q = n2((p.size / 4) * scale);
    const d = `M${-q} ${q}L${q} ${-q}M0 ${s}L${s} 0M${n2(s - q)} ${n2(s + q)}L${n2(s + q)} ${n2(s - q)}`;
    return `${head}<path d="${d}" stroke="${p.ink}" stroke-opacity="${p.opacity}" stroke-width="${n2(p.shape.width * scale)}"/></pattern>`;
  }
  const r = n2(p.shape.radius * scale);
  const dots = [s / 4, (3 * s) / 4].map((c) => `<circle cx="${n2(c)}" cy="${n2(c)}" r="${r}"/>`).join('');
  return `${head}<g fill="${p.ink}" fill-opacity="${p.opacity}">${dots}</g></pattern>`;
}

/** The texture as a CSS `background-image` value (an SVG data URL of one tile), for legend swatches. */
export function patternCss(kind: PatternKind): string {
  const s = PATTERNS[kind].size;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${s}" height="${s}"><defs>${patternSvg(kind)}</defs><rect width="${s}" height="${s}" fill="url(#${PATTERNS[kind].id})"/></svg>`;
  return `url("data:image/svg+xml,${encodeURIComponent(svg)}")`;
}
