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
