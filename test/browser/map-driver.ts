import type { Page } from 'playwright-core';
import { MONTH_NAMES, monthsBetween } from '../../indicators/index.ts';
import { decodePng, eachPixel } from '../helpers/png.ts';

/** What the tests read of the MapLibre map exposed as `window.__vigilMap`. */
interface TestMap {
  getFeatureState(f: { source: string; sourceLayer?: string; id: string }): Record<string, unknown>;
  getSource(id: string): { type: string } | undefined;
  project(ll: [number, number]): { x: number; y: number };
  jumpTo(o: { zoom?: number; center?: [number, number] }): void;
  getZoom(): number;
  getCenter(): { lng: number; lat: number };
}

declare global {
  interface Window {
    __vigilMap: TestMap;
  }
}

/** The key the dashboard gives a class colouring: `period|lens|level|scenario`. */
export const colourKey = (period: string, lens: string, level: 0 | 1, scenario = 'baseline') =>
  `${period}|${lens}|${level}|${scenario}`;

/**
 * Waits until the map has drawn the colouring `key` after page time `since` (the dashboard marks
 * `vigil:map-drawn:<key>` once those colours are on screen). The wait is a ceiling for a loaded machine.
 */
export async function waitForDrawn(page: Page, key: string, since = 0, timeout = 120_000): Promise<void> {
  await page.waitForFunction(
    ([k, t]) => performance.getEntriesByName(`vigil:map-drawn:${k}`).some((e) => e.startTime >= t),
    [key, since] as const,
    { timeout, polling: 50 },
  );
}

/** Milliseconds from `t0` (page clock) until colouring `key` was next drawn. */
export async function drawnAfter(page: Page, key: string, t0: number): Promise<number> {
  await waitForDrawn(page, key, t0);
  return page.evaluate(
    ([k, t]) => performance.getEntriesByName(`vigil:map-drawn:${k}`).find((e) => e.startTime >= t)!.startTime - t,
    [key, t0] as const,
  );
}

/** The page's clock now. */
export const pageNow = (page: Page) => page.evaluate(() => performance.now());

/** Where a region's feature-state lives on the map: a level's source, and its layer when that source is vector tiles. */
export const stateOf = (level: 0 | 1, id: string) =>
  level === 1 ? { source: 'admin1', sourceLayer: 'regions', id } : { source: 'admin0', id };

/** Feature-state `fill` (class or change bin) of each region code in a level's source. */
export async function fills(page: Page, level: 0 | 1, codes: readonly string[]): Promise<Record<string, unknown>> {
  return page.evaluate(
    (targets) =>
      Object.fromEntries(
        targets.map((t) => [
          t.id,
          window.__vigilMap.getSource(t.source) ? window.__vigilMap.getFeatureState(t).fill : undefined,
        ]),
      ),
    codes.map((id) => stateOf(level, id)),
  );
}

/** Page coordinates of a longitude/latitude on the map canvas. */
export async function pointOf(page: Page, lngLat: [number, number]): Promise<{ x: number; y: number }> {
  const p = await page.evaluate((ll) => window.__vigilMap.project(ll), lngLat);
  const box = (await page.locator('canvas.maplibregl-canvas').boundingBox())!;
  return { x: box.x + p.x, y: box.y + p.y };
}

/** Moves the month slider to month `index` the way a user's input does (an `input` event React hears). */
export async function setSlider(page: Page, index: number): Promise<number> {
  return page.evaluate((i) => {
    const input = document.querySelector<HTMLInputElement>('.period-slider input[type=range]')!;
    const t0 = performance.now();
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, String(i));
    input.dispatchEvent(new Event('input', { bubbles: true }));
    return t0;
  }, index);
}

/** The month a month slider says it shows (`aria-valuetext`, "June 2016"), as `2016-06`. */
export async function sliderMonth(page: Page, name: string): Promise<string> {
  const text = (await page.getByRole('slider', { name, exact: true }).getAttribute('aria-valuetext')) ?? '';
  const [month, year] = text.split(' ');
  const m = MONTH_NAMES.indexOf(month as (typeof MONTH_NAMES)[number]);
  if (m < 0 || !year) throw new Error(`slider ${name} says "${text}"`);
  return `${year}-${String(m + 1).padStart(2, '0')}`;
}

/**
 * Moves the month slider named `name` to `period` with the keyboard, as a user would: PageUp/PageDown
 * while a year or more away, then the arrows. Fails if the month cannot be reached.
 */
export async function chooseMonth(page: Page, name: string, period: string): Promise<void> {
  const slider = page.getByRole('slider', { name, exact: true });
  await slider.focus();
  for (let presses = 0; presses < 80; presses++) {
    const now = await sliderMonth(page, name);
    if (now === period) return;
    const gap = monthsBetween(now, period);
    await page.keyboard.press(gap >= 12 ? 'PageUp' : gap <= -12 ? 'PageDown' : gap > 0 ? 'ArrowRight' : 'ArrowLeft');
  }
  throw new Error(`could not move ${name} to ${period} (at ${await sliderMonth(page, name)})`);
}

/** Pixels of a PNG in the map's risk reds and oranges, and all pixels. */
export function riskPixels(png: Buffer): { reddish: number; total: number } {
  const img = decodePng(png);
  let reddish = 0;
  eachPixel(img, (r, g, b) => {
    if (r > 170 && g < 140 && b < 110) reddish++;
  });
  return { reddish, total: img.width * img.height };
}

/** How many pixels differ (any channel by more than 24) between two PNG screenshots of the same size. */
export function pixelsDiffering(a: Buffer, b: Buffer): number {
  const [p, q] = [decodePng(a).data, decodePng(b).data];
  let n = 0;
  for (let i = 0; i < p.length; i += 4)
    if (Math.abs(p[i]! - q[i]!) > 24 || Math.abs(p[i + 1]! - q[i + 1]!) > 24 || Math.abs(p[i + 2]! - q[i + 2]!) > 24)
      n++;
  return n;
}

/**
 * Pans the map in `steps` jumps, one per frame, and returns the mean milliseconds of a label placement
 * over them (the dashboard counts its placements in `data-placements` / `data-placement-ms`).
 * A string, not a function: tsx (the bench) would wrap a function's inner helpers in a `__name` the page lacks.
 */
export async function placementCost(page: Page, steps: number): Promise<{ ms: number; runs: number }> {
  return (await page.evaluate(`(async () => {
    const el = document.querySelector('.maplibregl-map');
    const frame = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const start = window.__vigilMap.getCenter();
    const runs0 = Number(el.dataset.placements);
    const ms0 = Number(el.dataset.placementMs);
    for (let i = 0; i < ${steps}; i++) {
      window.__vigilMap.jumpTo({ center: [start.lng + Math.sin(i / 4) * 20, start.lat + Math.cos(i / 5) * 6] });
      await frame();
    }
    window.__vigilMap.jumpTo({ center: [start.lng, start.lat] });
    await frame();
    const runs = Number(el.dataset.placements) - runs0;
    return { ms: (Number(el.dataset.placementMs) - ms0) / runs, runs };
  })()`)) as { ms: number; runs: number };
}
