import { Map as MlMap, type LngLatBoundsLike } from 'maplibre-gl';
import { PATTERN_KINDS, PATTERNS, patternPixels, type PatternKind } from '../../charts/patterns.ts';
import type { ExportLayout, PlacedText } from './layout.ts';
import type { Bounds } from './map-svg.ts';
import { EXPORT_FONT, LABEL_SIZE, declutter, isolated, labelLines } from './text.ts';
import { layoutNames, type ExportName, type NamePoint } from './names.ts';
import { candidateExtent } from '../map/place-names.ts';
import { featureTarget } from '../map/map-layers.ts';

/** The map picture of an export: an image filling the layout's frame, and where its labels go. */
export interface MapPicture {
  image: CanvasImageSource;
  labels: { text: string; x: number; y: number }[];
  /** Place names that may go on the picture, at their frame positions. */
  names?: NamePoint[];
}

const IDLE_TIMEOUT_MS = 30_000;

/**
 * The PNG's font: Arabic from the bundled Noto Sans Arabic (its file holds Arabic glyphs only, so Latin
 * text keeps the Arial metrics the layout measures with), so an Arabic export looks the same whichever
 * machine draws it.
 */
const PNG_FONT = `'Noto Sans Arabic', ${EXPORT_FONT}`;

/** Waits for the bundled Arabic font, regular and bold: a canvas draws only with fonts already loaded. */
async function loadFonts(): Promise<void> {
  try {
    await Promise.all(['', 'bold '].map((w) => document.fonts.load(`${w}16px 'Noto Sans Arabic'`, 'عربي')));
  } catch {
    // Without it the canvas falls back to the system's Arabic glyphs; the export still draws.
  }
}

function idle(m: MlMap): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('The map did not finish drawing')), IDLE_TIMEOUT_MS);
    m.once('idle', () => {
      clearTimeout(timer);
      resolve();
    });
    m.triggerRepaint();
  });
}

/**
 * Draws the live MapLibre map again, off screen, at the export's frame size and `scale` device
 * pixels per CSS pixel: same style, sources and layers (so the same colours, borders, hotspot
 * outlines), the same region states copied for `codes` (the `hot` outline set to `outlined`,
 * the on-screen selection dropped), fitted to `bounds`. The on-screen map is
 * not touched. Resolves to the picture and the frame positions of `labels`.
 */
export async function renderMapPicture(
  live: MlMap,
  o: {
    width: number;
    height: number;
    scale: number;
    bounds: Bounds;
    codes: readonly string[];
    outlined: readonly string[];
    labels?: readonly { text: string; at: [number, number] }[];
    names?: readonly ExportName[];
  },
): Promise<MapPicture> {
  const box = document.createElement('div');
  box.setAttribute('aria-hidden', 'true');
  Object.assign(box.style, {
    position: 'fixed',
    left: '-20000px',
    top: '0',
    width: `${o.width}px`,
    height: `${o.height}px`,
    pointerEvents: 'none',
  });
  document.body.append(box);
  const m = new MlMap({
    container: box,
    style: live.getStyle(),
    bounds: o.bounds as LngLatBoundsLike,
    pixelRatio: o.scale,
    interactive: false,
    attributionControl: false,
    fadeDuration: 0,
    maxCanvasSize: [16384, 16384],
    canvasContextAttributes: { preserveDrawingBuffer: true, antialias: true },
    renderWorldCopies: live.getRenderWorldCopies(),
  });
  // The textures are images added at run time, not part of the style JSON: supply them when the
  // copied style asks (MapLibre 6 waits for this resolver; a `styleimagemissing` listener is too late).
  m.setMissingStyleImageResolver((id) => {
    const kind = PATTERN_KINDS.find((k) => PATTERNS[k].id === id);
    if (kind && !m.hasImage(id)) m.addImage(id, patternPixels(kind, o.scale), { pixelRatio: o.scale });
  });
  try {
    await new Promise<void>((resolve, reject) => {
      m.once('load', () => resolve());
      m.once('error', (e) => reject(e.error ?? new Error('The map could not be drawn')));
    });
    const outlined = new Set(o.outlined);
    for (const source of Object.keys(live.getStyle().sources)) {
      for (const id of o.codes) {
        const state = live.getFeatureState(featureTarget(source, id)) ?? {};
        // Outlines: the export's own list (hotspots, largest changes); the on-screen selection is not part of it.
        m.setFeatureState(featureTarget(source, id), { ...state, hot: outlined.has(id), selected: false });
      }
    }
    await idle(m);
    const image = await createImageBitmap(m.getCanvas());
    const labels = (o.labels ?? []).flatMap((l) => {
      const p = m.project(l.at);
      return p.x >= 0 && p.y >= 0 && p.x <= o.width && p.y <= o.height ? [{ text: l.text, x: p.x, y: p.y }] : [];
    });
    const worldSize = 512 * 2 ** m.getZoom();
    const names = (o.names ?? []).map((c) => {
      const p = m.project(c.at);
      return { code: c.code, text: c.text, level: c.level, x: p.x, y: p.y, extent: candidateExtent(c, worldSize) };
    });
    return { image, labels, names };
  } finally {
    m.remove();
    box.remove();
  }
}

/** An SVG string as an image (the fallback picture when no live map is at hand). */
export async function svgImage(svg: string): Promise<HTMLImageElement> {
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    return img;
  } finally {
    URL.revokeObjectURL(url);
  }
}

function drawText(ctx: CanvasRenderingContext2D, t: PlacedText): void {
  ctx.font = `${t.italic ? 'italic ' : ''}${t.bold ? 'bold ' : ''}${t.size}px ${PNG_FONT}`;
  ctx.fillStyle = t.color;
  // Logical ends: in a right-to-left layout `start` is the right end (the canvas's direction says so).
  ctx.textAlign = t.anchor === 'end' ? 'end' : 'start';
  ctx.textBaseline = 'alphabetic';
  ctx.fillText(t.text, t.x, t.y);
}

/** A texture as a canvas fill at `scale` device pixels per CSS pixel (the context is scaled by as much). */
function canvasPattern(ctx: CanvasRenderingContext2D, kind: PatternKind, scale: number): CanvasPattern {
  const px = patternPixels(kind, scale);
  const tile = document.createElement('canvas');
  tile.width = px.width;
  tile.height = px.height;
  tile.getContext('2d')!.putImageData(new ImageData(new Uint8ClampedArray(px.data), px.width, px.height), 0, 0);
  const pattern = ctx.createPattern(tile, 'repeat')!;
  pattern.setTransform(new DOMMatrix().scale(1 / scale));
  return pattern;
}

/**
 * Composes the export on a 2D canvas of `layout` size × `scale`: white page, title and subtitle,
 * the map picture in its frame with its place names and labels, the legend and list beside it, and the footer.
 * Returns the PNG.
 */
export async function composePng(layout: ExportLayout, picture: MapPicture, scale: number): Promise<Blob> {
  await loadFonts();
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(layout.width * scale);
  canvas.height = Math.round(layout.height * scale);
  const ctx = canvas.getContext('2d')!;
  ctx.direction = layout.dir;
  ctx.scale(scale, scale);
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, layout.width, layout.height);
  const { frame: f, unit: u } = layout;
  ctx.drawImage(picture.image, f.x, f.y, f.width, f.height);
  ctx.strokeStyle = '#cbd2d9';
  ctx.lineWidth = u;
  ctx.strokeRect(f.x, f.y, f.width, f.height);

  ctx.save();
  ctx.beginPath();
  ctx.rect(f.x, f.y, f.width, f.height);
  ctx.clip();
  ctx.font = `bold ${LABEL_SIZE * u}px ${PNG_FONT}`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.lineJoin = 'round';
  const lh = LABEL_SIZE * u * 1.15;
  const labels = declutter(picture.labels, u);
  /** Words on the map: isolated in their own direction on a right-to-left export (`3. Libya`, not `Libya .3`). */
  const onMap = (text: string) => (layout.dir === 'rtl' ? isolated(text) : text);
  // Place names first, under the labels, with a white halo.
  ctx.strokeStyle = '#ffffff';
  ctx.lineWidth = 2.5 * u;
  for (const n of layoutNames(picture.names ?? [], labels, { x0: 0, y0: 0, x1: f.width, y1: f.height }, u)) {
    ctx.font = `${n.level === 0 ? 'bold' : 'italic'} ${n.size}px ${PNG_FONT}`;
    ctx.fillStyle = n.level === 0 ? '#323f4b' : '#3e4c59';
    ctx.strokeText(onMap(n.text), f.x + n.x, f.y + n.y);
    ctx.fillText(onMap(n.text), f.x + n.x, f.y + n.y);
  }
  ctx.font = `bold ${LABEL_SIZE * u}px ${PNG_FONT}`;
  for (const l of labels) {
    const lines = labelLines(l.text, u);
    if (l.anchorY !== undefined) {
      // A label moved off a crowded spot: a leader line and a dot show the region it names.
      const edge = l.y + (Math.sign(l.anchorY - l.y) * lines.length * lh) / 2;
      ctx.strokeStyle = '#1f2933';
      ctx.lineWidth = 1 * u;
      ctx.beginPath();
      ctx.moveTo(f.x + l.x, f.y + edge);
      ctx.lineTo(f.x + l.x, f.y + l.anchorY);
      ctx.stroke();
      ctx.beginPath();
      ctx.arc(f.x + l.x, f.y + l.anchorY, 2.5 * u, 0, 2 * Math.PI);
      ctx.fillStyle = '#1f2933';
      ctx.fill();
    }
    lines.forEach((t, i) => {
      const y = f.y + l.y + (i - (lines.length - 1) / 2) * lh;
      ctx.strokeStyle = '#ffffff';
      ctx.lineWidth = 3 * u;
      ctx.strokeText(onMap(t), f.x + l.x, y);
      ctx.fillStyle = '#1f2933';
      ctx.fillText(onMap(t), f.x + l.x, y);
    });
  }
  ctx.restore();

  const lg = layout.legend;
  drawText(ctx, lg.title);
  for (const r of lg.rows) {
    const s = r.swatch;
    if ('hotspot' in r.entry) {
      ctx.strokeStyle = '#1f2a44';
      ctx.lineWidth = 2 * u;
      ctx.strokeRect(s.x, s.y, s.width, s.height);
    } else {
      ctx.fillStyle = r.entry.color;
      ctx.fillRect(s.x, s.y, s.width, s.height);
      if (r.entry.pattern) {
        ctx.fillStyle = canvasPattern(ctx, r.entry.pattern, scale);
        ctx.fillRect(s.x, s.y, s.width, s.height);
      }
      ctx.strokeStyle = '#7b8794';
      ctx.lineWidth = 0.8 * u;
      ctx.setLineDash(r.entry.missing ? [3 * u, 2 * u] : []);
      ctx.strokeRect(s.x, s.y, s.width, s.height);
      ctx.setLineDash([]);
    }
    r.texts.forEach((t) => drawText(ctx, t));
  }
  layout.texts.forEach((t) => drawText(ctx, t));
  return new Promise((resolve, reject) =>
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('The PNG could not be encoded'))), 'image/png'),
  );
}
