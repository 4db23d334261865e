import type { Level } from '../../lib/view-state.ts';
import { placeNames, type Box, type NameCandidate } from '../map/place-names.ts';
import { labelBox, textWidth } from './text.ts';

/** A place an export may name: a country, or a first-level region when the export is zoomed in. */
export interface ExportName extends NameCandidate {
  level: Level;
}

/** Font size of place names at unit 1: countries (bold) and first-level regions (italic). */
export const NAME_SIZE: Record<Level, number> = { 0: 11, 1: 10.5 };

/** A place name projected onto the export's frame, with the longer side of its place there in pixels. */
export interface NamePoint {
  code: string;
  text: string;
  level: Level;
  x: number;
  y: number;
  extent: number;
}

/** A place name placed on the export: its centre and font size. */
export interface PlacedName extends NamePoint {
  size: number;
}

/**
 * Names an export shows: the points in the order given (countries, then regions, each largest first),
 * each kept only if it fits in `frame`, clear of the hotspot labels (`labels`, as placed by
 * `declutter`, never hidden) and of names kept before it, on a place large enough to carry it (the
 * same greedy rule as the dashboard's map). Names of labelled places (`skip`) are not repeated.
 */
export function layoutNames(
  points: readonly NamePoint[],
  labels: readonly { text: string; x: number; y: number; anchorY?: number }[],
  frame: Box,
  u: number,
  skip: ReadonlySet<string> = new Set(),
): PlacedName[] {
  const spots = points
    .filter((p) => !skip.has(p.code))
    .map((p) => {
      const size = NAME_SIZE[p.level] * u;
      return { ...p, size, width: textWidth(p.text, size, p.level === 0), height: size * 1.25 };
    });
  return placeNames(
    spots,
    labels.flatMap((l) => [
      labelBox(l, u),
      // A moved label's leader line and dot.
      ...(l.anchorY === undefined
        ? []
        : [
            {
              x0: l.x - 3 * u,
              x1: l.x + 3 * u,
              y0: Math.min(l.y, l.anchorY) - 3 * u,
              y1: Math.max(l.y, l.anchorY) + 3 * u,
            },
          ]),
    ]),
    frame,
    2 * u,
  ).map(({ code, text, level, x, y, extent, size }) => ({ code, text, level, x, y, extent, size }));
}
