/** A closed rectangle ring from west, south, east and north, counter-clockwise. */
export const box = (w: number, s: number, e: number, n: number) => [
  [w, s],
  [e, s],
  [e, n],
  [w, n],
  [w, s],
];

/** Northern Iraq around Mosul: most of it in Nineveh (IQ-NI), its north-east corner in Dahuk (IQ-DA). */
export const MOSUL = { type: 'Polygon', coordinates: [box(42.6, 35.9, 43.6, 37.0)] };

/** The tile holding a longitude and latitude at zoom `z` (Web Mercator, as MapLibre asks for it). */
export function tileAt(lon: number, lat: number, z: number): [number, number] {
  const n = 2 ** z;
  const phi = (lat * Math.PI) / 180;
  return [
    Math.floor(((lon + 180) / 360) * n),
    Math.floor(((1 - Math.log(Math.tan(phi) + 1 / Math.cos(phi)) / Math.PI) / 2) * n),
  ];
}
