import { PNG } from 'pngjs';

/** A decoded PNG: RGBA bytes, row by row. */
export interface Pixels {
  width: number;
  height: number;
  data: Uint8Array;
}

/** Decodes a PNG (a screenshot or an exported file) in this process. */
export function decodePng(png: Buffer): Pixels {
  const { width, height, data } = PNG.sync.read(png);
  return { width, height, data };
}

/** The colour of the pixel at (x, y). */
export function pixelAt(png: Buffer, x: number, y: number): [number, number, number] {
  const { width, data } = decodePng(png);
  const i = (y * width + x) * 4;
  return [data[i]!, data[i + 1]!, data[i + 2]!];
}

/** Calls `each` with the colour of every pixel inside `box` (the whole image without one). */
export function eachPixel(
  { width, height, data }: Pixels,
  each: (r: number, g: number, b: number) => void,
  box = { x: 0, y: 0, width, height },
): void {
  for (let y = box.y; y < Math.min(height, box.y + box.height); y++)
    for (let x = box.x; x < Math.min(width, box.x + box.width); x++) {
      const i = (y * width + x) * 4;
      each(data[i]!, data[i + 1]!, data[i + 2]!);
    }
}
