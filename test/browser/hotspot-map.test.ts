import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, goInApp } from '../helpers/browser.ts';
import { useBrowserAndServer } from '../helpers/browser-server.ts';
import { longPeriod } from '../../indicators/index.ts';
import { dashboardDbCopy, TEST_MONTH } from './dashboard-data.ts';
import {
  colourKey,
  drawnAfter,
  fills,
  pageNow,
  pixelsDiffering,
  riskPixels,
  setSlider,
  stateOf,
  waitForDrawn,
} from './map-driver.ts';

const vigil = useBrowserAndServer({ db: dashboardDbCopy });
let periods: string[];

beforeAll(async () => {
  periods = (await (await fetch(`${vigil.server.url}/api/periods`)).json()) as string[];
});

/** A page that counts its requests to the boundary and tile routes and to anything outside Vigil. */
async function openPage(): Promise<{
  page: Page;
  boundaryLoads: Record<string, number>;
  tileLoads: string[];
  external: string[];
  scoreLoads: string[];
}> {
  const page = await vigil.browser.newPage({ viewport: { width: 1400, height: 860 } });
  const boundaryLoads: Record<string, number> = {};
  const tileLoads: string[] = [];
  const external: string[] = [];
  const scoreLoads: string[] = [];
  page.on('request', (r) => {
    const url = r.url();
    const tile = /\/api\/tiles\/(\d\/\d+\/\d+\/\d+)\.pbf/.exec(url);
    if (tile) tileLoads.push(tile[1]!);
    const s = /\/api\/scores(?:\/map)?\?.*period=([\d-]+)/.exec(url);
    if (s) scoreLoads.push(s[1]!);
    if (!url.startsWith(vigil.server.url) && !url.startsWith('data:') && !url.startsWith('blob:')) external.push(url);
    const m = /\/api\/boundaries\/(\d)/.exec(url);
    if (m) boundaryLoads[m[1]!] = (boundaryLoads[m[1]!] ?? 0) + 1;
  });
  return { page, boundaryLoads, tileLoads, external, scoreLoads };
}

const canvas = (page: Page) => page.locator('canvas.maplibregl-canvas');

/**
 * The page of the first test, left open for the search test, which comes back to the first view
 * (trafficking lens, the test month) inside the app instead of loading the map again.
 */
let firstPage: ReturnType<typeof openPage> | undefined;
const sharedPage = () => (firstPage ??= openPage());
afterAll(async () => {
  await (await firstPage?.catch(() => undefined))?.page.close();
});

const COUNTRIES = ['IRQ', 'NGA', 'YEM', 'LBY', 'SYR', 'SOM', 'SSD', 'COD', 'CAF', 'MLI', 'MMR', 'AFG', 'COL', 'PHL'];

describe('hotspot map', () => {
  it('recolours on period and lens changes through feature-state, never reloading boundaries, and reports its timings', async () => {
    const { page, boundaryLoads, external, scoreLoads } = await sharedPage();
    await page.goto(`${vigil.server.url}/?lens=tip&period=${TEST_MONTH}`);
    const first = colourKey(TEST_MONTH, 'tip', 0);
    await waitForDrawn(page, first);
    const timing = await page.evaluate(
      (k) => ({
        firstPaint: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
        mapReady: performance.getEntriesByName(`vigil:map-drawn:${k}`)[0]!.startTime,
      }),
      first,
    );
    console.log(
      `first contentful paint ${timing.firstPaint.toFixed(0)} ms; map ready with colours ${timing.mapReady.toFixed(0)} ms after navigation`,
    );

    await expect(page.getByRole('figure', { name: 'Map legend' }).innerText()).resolves.toMatch(
      /Insufficient data[\s\S]*No data/,
    );
    const hotspots = page.locator('.hotspots li');
    expect(await hotspots.count()).toBeGreaterThanOrEqual(3);
    expect(await page.locator('.map-label-hotspot').count()).toBeGreaterThanOrEqual(3);
    const before = await fills(page, 0, COUNTRIES);
    expect(before.IRQ).toBe('very-high');
    const canvas = page.locator('canvas.maplibregl-canvas');
    const png1 = await canvas.screenshot({ path: `${ARTIFACTS}/map-world.png` });
    await page.screenshot({ path: `${ARTIFACTS}/map-page.png` });

    // Let the map finish loading, so the timings below are of the change alone.
    await page.waitForFunction(() => (window.__vigilMap as unknown as { loaded(): boolean }).loaded(), null);

    // Period change: twelve months back with the slider. Colours change; geometry is not fetched again.
    const earlier = periods[periods.indexOf(TEST_MONTH) - 12]!;
    const periodMs: number[] = [];
    let t0 = await setSlider(page, periods.indexOf(earlier));
    periodMs.push(await drawnAfter(page, colourKey(earlier, 'tip', 0), t0));
    const afterPeriod = await fills(page, 0, COUNTRIES);
    expect(COUNTRIES.filter((c) => afterPeriod[c] !== before[c]).length).toBeGreaterThan(0);
    const png2 = await canvas.screenshot({ path: `${ARTIFACTS}/map-world-earlier.png` });
    expect(pixelsDiffering(png1, png2)).toBeGreaterThan(200);
    await expect(page.getByRole('slider', { name: 'Month' }).getAttribute('aria-valuetext')).resolves.toBe(
      longPeriod(earlier),
    );
    // The months either side are fetched in the background once a month is shown, so the next step
    // recolours from memory: its scores were asked for before the slider moved, and only once.
    const next = periods[periods.indexOf(earlier) + 1]!;
    await expect.poll(() => scoreLoads.filter((p) => p === next).length).toBe(1);
    // Two more month steps, each timed; the second visit of a month is served from cache.
    for (const p of [next, TEST_MONTH]) {
      t0 = await setSlider(page, periods.indexOf(p));
      periodMs.push(await drawnAfter(page, colourKey(p, 'tip', 0), t0));
    }

    // Lens change: the Atrocity Framework lens colours the same month differently.
    t0 = await pageNow(page);
    await page.getByRole('combobox', { name: 'Lens' }).selectOption('afac');
    const lensMs = await drawnAfter(page, colourKey(TEST_MONTH, 'afac', 0), t0);
    const afterLens = await fills(page, 0, COUNTRIES);
    expect(COUNTRIES.filter((c) => afterLens[c] !== before[c]).length).toBeGreaterThan(0);
    await canvas.screenshot({ path: `${ARTIFACTS}/map-world-afac.png` });
    console.log(
      `period change to drawn: ${periodMs.map((m) => m.toFixed(0)).join(', ')} ms (new month, new month, cached month); lens change: ${lensMs.toFixed(0)} ms`,
    );

    expect(scoreLoads.filter((p) => p === next).length, 'the prefetched month is not fetched again').toBe(1);
    expect(boundaryLoads['0']).toBe(1);
    expect(boundaryLoads['1'] ?? 0).toBeLessThanOrEqual(1);
    expect(page.url()).toContain('lens=afac');
    expect(page.url()).toContain(`period=${TEST_MONTH}`);
    expect(external).toEqual([]);
  });

  it(
    'shows first-level regions from vector tiles on the switch and when zoomed in, recolours them without loading geometry, plays the months, and keeps the view in a shareable URL',
    { timeout: 120_000 },
    async () => {
      const { page, boundaryLoads, tileLoads } = await openPage();
      await page.goto(`${vigil.server.url}/?lens=tip&period=${TEST_MONTH}`);
      await waitForDrawn(page, colourKey(TEST_MONTH, 'tip', 0));

      let t0 = await pageNow(page);
      await page.getByRole('combobox', { name: 'Regions' }).selectOption('1');
      const level1Ms = await drawnAfter(page, colourKey(TEST_MONTH, 'tip', 1), t0);
      expect(await page.getByTestId('risk-map').getAttribute('data-level')).toBe('1');
      const provinces = await fills(page, 1, ['IQ-NI', 'NG-BO', 'YE-TA', 'IQ-BA']);
      expect(provinces['IQ-NI']).toBe('very-high');
      expect(provinces['YE-TA']).toBe('very-high');
      expect(provinces['IQ-BA']).toBe('no-data');
      // The regions come from Vigil's vector tiles, only those in view (a few at world zoom), not the whole set.
      expect(await page.evaluate(() => window.__vigilMap.getSource('admin1')?.type)).toBe('vector');
      const level1Tiles = tileLoads.filter((t) => t.startsWith('1/'));
      expect(level1Tiles.length).toBeGreaterThan(0);
      expect(level1Tiles.length).toBeLessThanOrEqual(12);
      expect(level1Tiles.every((t) => /^1\/[0-2]\//.test(t))).toBe(true);
      await canvas(page).screenshot({ path: `${ARTIFACTS}/map-admin1-tiles.png` });
      // Once drawn, the first-level geometry for place names is fetched once, in the background.
      await expect.poll(() => boundaryLoads['1'] ?? 0).toBe(1);
      await page.waitForFunction(() => (window.__vigilMap as unknown as { loaded(): boolean }).loaded(), null);
      // A month change recolours through feature-state alone: no tile and no geometry is requested.
      const loadsBefore = { tiles: tileLoads.length, boundaries: { ...boundaryLoads } };
      const before = periods[periods.indexOf(TEST_MONTH) - 1]!;
      t0 = await setSlider(page, periods.indexOf(before));
      const level1PeriodMs = await drawnAfter(page, colourKey(before, 'tip', 1), t0);
      expect((await fills(page, 1, ['YE-TA']))['YE-TA']).not.toBe('very-high');
      await canvas(page).screenshot({ path: `${ARTIFACTS}/map-admin1-tiles-earlier.png` });
      expect({ tiles: tileLoads.length, boundaries: boundaryLoads }).toEqual(loadsBefore);
      console.log(`first-level period change to drawn: ${level1PeriodMs.toFixed(0)} ms`);
      await page.getByRole('slider', { name: 'Month' }).focus();
      await page.keyboard.press('End');
      await waitForDrawn(page, colourKey(TEST_MONTH, 'tip', 1), t0);
      await page.getByRole('combobox', { name: 'Regions' }).selectOption('auto');
      await expect.poll(() => page.getByTestId('risk-map').getAttribute('data-level')).toBe('0');

      // Auto level: zooming in past 3.5 switches to first-level regions.
      t0 = await pageNow(page);
      await page.evaluate(() => {
        window.__vigilMap.jumpTo({ zoom: 4.6, center: [43, 34] });
      });
      await expect.poll(() => page.getByTestId('risk-map').getAttribute('data-level')).toBe('1');
      await waitForDrawn(page, colourKey(TEST_MONTH, 'tip', 1), t0);
      await page.screenshot({ path: `${ARTIFACTS}/map-admin1-zoomed.png` });
      console.log(`first-level regions drawn ${level1Ms.toFixed(0)} ms after the switch`);
      await expect.poll(() => page.url()).toMatch(/z=4\.60&c=43\.000%2C34\.000/);
      const shared = page.url();

      // Play: the months advance by themselves, and pause stops them.
      await page.getByRole('slider', { name: 'Month' }).focus();
      await page.keyboard.press('Home');
      await expect.poll(() => new URL(page.url()).searchParams.get('period')).toBe(periods[0]);
      await page.getByRole('button', { name: 'Play the months' }).click();
      await expect.poll(() => new URL(page.url()).searchParams.get('period')).not.toBe(periods[0]);
      await page.getByRole('button', { name: 'Pause the months' }).click();
      const paused = new URL(page.url()).searchParams.get('period');
      await page.waitForTimeout(1500);
      expect(new URL(page.url()).searchParams.get('period')).toBe(paused);
      expect(boundaryLoads['1']).toBe(1);

      // The shared link opens the same view: lens, month, level and camera.
      const other = await vigil.browser.newPage({ viewport: { width: 1400, height: 860 } });
      await other.goto(shared);
      await waitForDrawn(other, colourKey(TEST_MONTH, 'tip', 1));
      const view = await other.evaluate(() => ({
        zoom: window.__vigilMap.getZoom(),
        center: window.__vigilMap.getCenter(),
      }));
      expect(view.zoom).toBeCloseTo(4.6, 1);
      expect(view.center.lng).toBeCloseTo(43, 1);
      await expect(other.getByRole('combobox', { name: 'Lens' }).inputValue()).resolves.toBe('tip');
      await other.close();
      await page.close();
    },
  );

  it('finds a region by name or code from the keyboard, jumps to it and selects it', async () => {
    const { page } = await sharedPage();
    if (page.url() === 'about:blank') {
      await page.goto(`${vigil.server.url}/?lens=tip&period=${TEST_MONTH}`);
      await waitForDrawn(page, colourKey(TEST_MONTH, 'tip', 0));
    } else {
      // Back from the first test's lens to the first view: drawn again after this point.
      const since = await pageNow(page);
      await goInApp(page, `/?lens=tip&period=${TEST_MONTH}`, '[data-testid="risk-map"]');
      await waitForDrawn(page, colourKey(TEST_MONTH, 'tip', 0), since);
    }
    expect(new URL(page.url()).searchParams.get('region')).toBeNull();
    const search = page.getByRole('combobox', { name: 'Find a region' });
    await search.focus();
    await page.keyboard.type('taizz');
    await expect(
      page.getByRole('listbox', { name: 'Matching regions' }).getByRole('option').first().innerText(),
    ).resolves.toContain("Ta'izz");
    await page.keyboard.press('Enter');
    await expect.poll(() => new URL(page.url()).searchParams.get('region')).toBe('YE-TA');
    await expect.poll(() => page.getByTestId('risk-map').getAttribute('data-level')).toBe('1');
    await expect.poll(() => page.getByTestId('region-summary').innerText()).toMatch(/Ta'izz[\s\S]*\d\.\d \/ 10/);
    await expect.poll(() => fills(page, 1, ['YE-TA']).then((f) => f['YE-TA'])).toBe('very-high');
    const selected = await page.evaluate((t) => window.__vigilMap.getFeatureState(t).selected, stateOf(1, 'YE-TA'));
    expect(selected).toBe(true);

    await search.fill('IQ-NI');
    await expect(
      page.getByRole('listbox', { name: 'Matching regions' }).getByRole('option').first().innerText(),
    ).resolves.toContain('Nineveh');
    await page.keyboard.press('Enter');
    await expect.poll(() => new URL(page.url()).searchParams.get('region')).toBe('IQ-NI');
    await expect.poll(() => page.getByTestId('region-summary').innerText()).toContain('Nineveh');
  });

  it(
    'says "The map failed to load" with Retry when the boundaries or WebGL fail, and colours the map after Retry',
    { timeout: 120_000 },
    async () => {
      // The countries' boundaries answer 500 (the dashboard retries once), then come back.
      const { page, boundaryLoads } = await openPage();
      await page.route('**/api/boundaries/0', (r) =>
        r.fulfill({
          status: 500,
          contentType: 'application/json',
          body: JSON.stringify({ error: { code: 'internal', message: 'Internal error' } }),
        }),
      );
      await page.goto(`${vigil.server.url}/?lens=tip&period=${TEST_MONTH}`);
      const failed = page.getByRole('group', { name: 'The map failed to load' });
      await failed.waitFor();
      await expect(failed.getByRole('alert').innerText()).resolves.toBe(
        'Could not load the boundaries: Internal error.',
      );
      expect(await page.getByTestId('risk-map').getAttribute('data-ready')).toBe('false');
      await page.screenshot({ path: `${ARTIFACTS}/map-failed-boundaries.png` });
      const failedLoads = boundaryLoads['0'];
      expect(failedLoads).toBeGreaterThanOrEqual(1);

      await page.unroute('**/api/boundaries/0');
      await failed.getByRole('button', { name: 'Retry' }).click();
      await waitForDrawn(page, colourKey(TEST_MONTH, 'tip', 0));
      expect(boundaryLoads['0']).toBe(failedLoads! + 1);
      await expect(failed.count()).resolves.toBe(0);
      expect((await fills(page, 0, ['IRQ']))['IRQ']).toBe('very-high');
      const png = await page
        .locator('canvas.maplibregl-canvas')
        .screenshot({ path: `${ARTIFACTS}/map-after-retry.png` });
      expect(riskPixels(png).reddish).toBeGreaterThan(500);
      await page.close();

      // WebGL cannot be created on the first try (as on a cold load with no context to spare): the map
      // says so instead of staying blank, and Retry creates a new map.
      const second = await openPage();
      await second.page.addInitScript(() => {
        const original = HTMLCanvasElement.prototype.getContext;
        let refused = 0;
        HTMLCanvasElement.prototype.getContext = function (this: HTMLCanvasElement, type: string, ...rest: unknown[]) {
          if (type === 'webgl2' && refused++ === 0) return null;
          return (original as (...a: unknown[]) => RenderingContext | null).call(this, type, ...rest);
        } as typeof original;
      });
      await second.page.goto(`${vigil.server.url}/?lens=tip&period=${TEST_MONTH}`);
      const failed2 = second.page.getByRole('group', { name: 'The map failed to load' });
      await failed2.waitFor();
      await expect(failed2.getByRole('alert').innerText()).resolves.toMatch(
        /^The map could not be drawn: the browser could not start WebGL/,
      );
      await second.page.screenshot({ path: `${ARTIFACTS}/map-failed-webgl.png` });
      await failed2.getByRole('button', { name: 'Retry' }).click();
      await waitForDrawn(second.page, colourKey(TEST_MONTH, 'tip', 0));
      await expect(failed2.count()).resolves.toBe(0);
      expect((await fills(second.page, 0, ['IRQ']))['IRQ']).toBe('very-high');
      await second.page.close();
    },
  );

  it('says plainly when the API fails, instead of showing missing data as low risk', async () => {
    const { page } = await openPage();
    await page.route(/\/api\/scores(\/map)?\?/, (r) =>
      r.fulfill({
        status: 500,
        contentType: 'application/json',
        body: JSON.stringify({ error: { code: 'internal', message: 'Internal error' } }),
      }),
    );
    await page.route('**/api/regions/*/explain?**', (r) =>
      r.fulfill({
        status: 500,
        contentType: 'application/json',
        body: JSON.stringify({ error: { code: 'internal', message: 'Internal error' } }),
      }),
    );
    await page.goto(`${vigil.server.url}/?lens=tip&period=${TEST_MONTH}&region=IQ-NI`);
    await expect
      .poll(() => page.locator('.controls .status.error').innerText())
      .toContain('Scores unavailable: Internal error');
    await expect
      .poll(() => page.getByRole('alert').allInnerTexts())
      .toContain('Scores could not be loaded (Internal error); the map shows boundaries only, not low risk.');
    await expect
      .poll(() => page.getByRole('alert').allInnerTexts())
      .toContain('Could not load the exploitation-form profile: Internal error');
    await page.screenshot({ path: `${ARTIFACTS}/map-api-error.png` });
    await page.close();
  });
});
