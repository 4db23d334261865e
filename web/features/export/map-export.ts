import type { Map as MlMap } from 'maplibre-gl';
import type { Feature, Geometry } from 'geojson';
import { exportLayout, type ExportText } from './layout.ts';
import type { ExportLegend } from './legends.ts';
import type { ExportName } from './names.ts';
import { composePng, renderMapPicture, svgImage } from './map-png.ts';
import { buildMapSvg, type Bounds, type RegionFeature } from './map-svg.ts';
import { exportFonts, type EmbeddedFont } from './fonts.ts';

/** The slide size every map export is laid out for (16:9); the print PNG is the same page at {@link PRINT_SCALE}×. */
export const EXPORT_SIZE = { width: 1600, height: 900 } as const;

/** Pixels per layout pixel of the print PNG (4800 × 2700: about 300 dpi across a 16-inch-wide page). */
export const PRINT_SCALE = 3;

/** Everything a map export shows, whichever format it is written in. */
export interface MapExport extends ExportText {
  features: readonly RegionFeature[];
  /** Drawn over `features` (districts over the first-level regions). */
  over?: readonly RegionFeature[];
  borders?: readonly Feature<Geometry>[];
  scores: readonly { code: string; category: string; score?: number | null }[];
  legend: ExportLegend;
  hotspots: readonly string[];
  labels: readonly { code: string; text: string; at: [number, number] }[];
  /** Places that may be named on the map (countries, then regions, each largest first). */
  names?: readonly ExportName[];
  bounds: Bounds;
}

/** The whole world as the dashboard shows it, without Antarctica. */
export const WORLD_BOUNDS: Bounds = [
  [-170, -58],
  [180, 78],
];

/** The live map's view as bounds, clamped to one world (a zoomed-out view can span several). */
export function viewBounds(map: MlMap | null): Bounds {
  if (!map) return WORLD_BOUNDS;
  const b = map.getBounds();
  const w = Math.max(-180, b.getWest());
  const e = Math.min(180, b.getEast());
  const s = Math.max(-84, b.getSouth());
  const n = Math.min(84, b.getNorth());
  return e - w < 0.01 || n - s < 0.01
    ? WORLD_BOUNDS
    : [
        [w, s],
        [e, n],
      ];
}

/** The export as an SVG string (vector: boundaries drawn with d3-geo from the same geometry as the map), with `fonts` embedded. */
export function mapSvg(x: MapExport, fonts?: readonly EmbeddedFont[]): string {
  return buildMapSvg({ ...x, ...EXPORT_SIZE, fonts });
}

/** The export as a self-contained SVG file: the fonts it is written in travel inside it. */
export async function mapSvgFile(x: MapExport): Promise<string> {
  return mapSvg(x, await exportFonts(x.dir ?? 'ltr'));
}

/**
 * The export as a PNG at `scale` (1 for screens and slides, {@link PRINT_SCALE} for print): the
 * live MapLibre map redrawn off screen at that resolution and composed with the title, legend,
 * list and footer. Without a live map (or if WebGL fails), the SVG is rasterised instead, so the
 * export never comes out empty.
 */
export async function mapPng(x: MapExport, scale: number, live: MlMap | null): Promise<Blob> {
  const layout = exportLayout(x, { ...x.legend, hotspots: x.hotspots.length > 0 }, EXPORT_SIZE);
  if (live) {
    try {
      const picture = await renderMapPicture(live, {
        width: layout.frame.width,
        height: layout.frame.height,
        scale,
        bounds: x.bounds,
        codes: x.scores.map((s) => s.code),
        outlined: x.hotspots,
        labels: x.labels,
        // A labelled place is not named a second time.
        names: (x.names ?? []).filter((n) => !x.labels.some((l) => l.code === n.code)),
      });
      return await composePng(layout, picture, scale);
    } catch (e) {
      console.warn('Map export fell back to the vector drawing:', e);
    }
  }
  const img = await svgImage(await mapSvgFile(x));
  const canvas = document.createElement('canvas');
  canvas.width = EXPORT_SIZE.width * scale;
  canvas.height = EXPORT_SIZE.height * scale;
  canvas.getContext('2d')!.drawImage(img, 0, 0, canvas.width, canvas.height);
  return new Promise((resolve, reject) =>
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('The PNG could not be encoded'))), 'image/png'),
  );
}

/** Offers `blob` as a download named `fileName`. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
