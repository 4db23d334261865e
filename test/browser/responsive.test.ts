import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ARTIFACTS, goInApp, networkQuiet } from '../helpers/browser.ts';
import { useBrowserAndServer } from '../helpers/browser-server.ts';
import { riskPixels } from './map-driver.ts';

const vigil = useBrowserAndServer({ db: 'first-start' });

/** A phone (390×844) and a tablet held upright (768×1024). */
const SIZES = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'tablet', width: 768, height: 1024 },
] as const;

/** How far the page itself scrolls sideways: 0 when nothing is wider than the window. */
const sidewaysOverflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

/** Waits until the map has drawn its first colouring (the dashboard sets `data-drawn-key` once colours are on screen). */
async function waitForColouredMap(page: Page) {
  await page.waitForSelector('.maplibregl-map[data-drawn-key]');
}

/** Opens the menu with its button, checks the page links show, and closes it again. */
async function checkMenu(page: Page) {
  const menu = page.getByRole('button', { name: 'Menu' });
  const nav = page.getByRole('navigation', { name: 'Pages', exact: true });
  await expect(menu.isVisible()).resolves.toBe(true);
  await expect(nav.isVisible()).resolves.toBe(false);
  await menu.click();
  await expect(menu.getAttribute('aria-expanded')).resolves.toBe('true');
  await expect(nav.getByRole('link', { name: 'Monitoring' }).isVisible()).resolves.toBe(true);
  expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
  await page.keyboard.press('Escape');
  await expect(nav.isVisible()).resolves.toBe(false);
}

describe.each(SIZES)('on a $name ($width×$height)', ({ name, width, height }) => {
  it('the map page: map first at full width and coloured, menu behind a button, legend and hotspots fold, export reachable', async () => {
    const page = await vigil.browser.newPage({ viewport: { width, height } });
    await page.goto(vigil.server.url);
    await waitForColouredMap(page);
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);

    // The map comes before the side panel and spans the window.
    const canvas = page.locator('canvas.maplibregl-canvas');
    const map = (await canvas.boundingBox())!;
    const panel = (await page.getByRole('complementary', { name: 'Hotspots' }).boundingBox())!;
    expect(map.width).toBeGreaterThanOrEqual(width - 1);
    expect(map.height).toBeGreaterThan(280);
    expect(map.y + map.height).toBeLessThanOrEqual(panel.y + 1);
    const png = await canvas.screenshot({ path: `${ARTIFACTS}/responsive-${name}-map.png` });
    const px = riskPixels(png);
    expect(px.reddish).toBeGreaterThan(50);
    await page.screenshot({ path: `${ARTIFACTS}/responsive-${name}-map-page.png` });

    // The legend starts folded to a button over the map, and opens inside the map's box.
    const legend = page.getByRole('figure', { name: 'Map legend' });
    const legendButton = legend.getByRole('button', { name: 'Legend' });
    await expect(legendButton.getAttribute('aria-expanded')).resolves.toBe('false');
    await expect(legend.getByText('Insufficient data').isVisible()).resolves.toBe(false);
    await legendButton.click();
    await expect(legend.getByText('Insufficient data').isVisible()).resolves.toBe(true);
    const legendBox = (await legend.boundingBox())!;
    expect(legendBox.y + legendBox.height).toBeLessThanOrEqual(map.y + map.height + 1);
    expect(legendBox.x + legendBox.width).toBeLessThanOrEqual(width);
    await page.screenshot({ path: `${ARTIFACTS}/responsive-${name}-legend-open.png` });
    await legend.getByRole('button', { name: 'Hide legend' }).click();

    // The hotspot list folds and unfolds.
    const list = page.getByRole('heading', { name: /^Hotspots · / });
    await expect(list.isVisible()).resolves.toBe(true);
    await page.getByRole('button', { name: 'Hide hotspots' }).click();
    await expect(list.isVisible()).resolves.toBe(false);
    await page.getByRole('button', { name: 'Show hotspots' }).click();
    await expect(list.isVisible()).resolves.toBe(true);

    // Exports: the menu opens inside the window.
    await page.getByText('Export', { exact: true }).click();
    const exportPanel = (await page.getByRole('group', { name: 'Export' }).boundingBox())!;
    expect(exportPanel.x).toBeGreaterThanOrEqual(0);
    expect(exportPanel.x + exportPanel.width).toBeLessThanOrEqual(width);
    await page.screenshot({ path: `${ARTIFACTS}/responsive-${name}-export.png` });
    await page.getByText('Export', { exact: true }).click();

    // The page links: behind the menu button, and a link there goes to its page and closes the menu.
    await checkMenu(page);
    await page.getByRole('button', { name: 'Menu' }).click();
    await page.screenshot({ path: `${ARTIFACTS}/responsive-${name}-menu-open.png` });
    await page.getByRole('navigation', { name: 'Pages', exact: true }).getByRole('link', { name: 'Table' }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/table');
    await expect(page.getByRole('navigation', { name: 'Pages', exact: true }).isVisible()).resolves.toBe(false);
    await page.close();
  });

  it('the table, region profile, monitoring and data pages fit the window; wide tables scroll inside themselves', async () => {
    const page = await vigil.browser.newPage({ viewport: { width, height } });
    const pages = [
      { path: '/table', ready: 'table.ranking tbody tr' },
      { path: '/region?region=IQ-NI', ready: '[data-testid="region-summary"]' },
      { path: '/monitor', ready: 'h2' },
      { path: '/data', ready: 'form' },
    ];
    // The first page is loaded from the server, the others are reached inside the app as its links do.
    const quiet = networkQuiet(page);
    await page.goto(`${vigil.server.url}${pages[0]!.path}`);
    for (const p of pages) {
      if (p !== pages[0]) await goInApp(page, p.path, p.ready);
      await page.waitForSelector(p.ready);
      await quiet();
      const slug = p.path.slice(1).replace(/\?.*/, '');
      await page.screenshot({ path: `${ARTIFACTS}/responsive-${name}-${slug}.png`, fullPage: true });
      expect(await sidewaysOverflow(page), `${p.path} scrolls sideways`).toBeLessThanOrEqual(0);
      if (p.path === '/table') {
        // The ranking table is wider than a phone: it scrolls in its own box, the page does not (above).
        const wrap = await page.$eval('table.ranking', (t) => {
          const box = t.parentElement!;
          return { scroll: box.scrollWidth, client: box.clientWidth, overflow: getComputedStyle(box).overflowX };
        });
        expect(wrap.overflow).toBe('auto');
        if (width < 600) expect(wrap.scroll).toBeGreaterThan(wrap.client);
      }
      await checkMenu(page);
    }
    await page.close();
  });
});

describe('on a small phone (360×740)', () => {
  it('the map page fits the narrowest supported width: no sideways scroll, the map coloured at full width', async () => {
    const page = await vigil.browser.newPage({ viewport: { width: 360, height: 740 } });
    await page.goto(vigil.server.url);
    await waitForColouredMap(page);
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
    const canvas = page.locator('canvas.maplibregl-canvas');
    const map = (await canvas.boundingBox())!;
    expect(map.width).toBeGreaterThanOrEqual(359);
    expect(map.height).toBeGreaterThan(250);
    const px = riskPixels(await canvas.screenshot());
    expect(px.reddish).toBeGreaterThan(50);
    await page.screenshot({ path: `${ARTIFACTS}/responsive-small-phone-map-page.png` });
    await page.close();
  });
});

describe('on a desktop (1400×860)', () => {
  it('the map page keeps to the window: a long profile scrolls in the side panel only, not the page too', async () => {
    const page = await vigil.browser.newPage({ viewport: { width: 1400, height: 860 } });
    await page.goto(`${vigil.server.url}/?region=IQ-NI`);
    await page.waitForSelector('[data-testid="region-summary"]');
    await page.waitForSelector('.maplibregl-map[data-drawn-key]');
    const panel = page.getByRole('complementary', { name: 'Selected region' });
    await expect.poll(() => panel.evaluate((el) => el.scrollHeight > el.clientHeight)).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollHeight - window.innerHeight)).toBeLessThanOrEqual(
      0,
    );
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
    // The wide layout is today's: the map beside the panel, no menu button, the legend open.
    await expect(page.getByRole('button', { name: 'Menu' }).isVisible()).resolves.toBe(false);
    await expect(page.getByRole('navigation', { name: 'Pages', exact: true }).isVisible()).resolves.toBe(true);
    const map = (await page.locator('canvas.maplibregl-canvas').boundingBox())!;
    const side = (await panel.boundingBox())!;
    expect(side.x).toBeGreaterThanOrEqual(map.x + map.width - 1);
    await expect(
      page.getByRole('figure', { name: 'Map legend' }).getByText('Insufficient data').isVisible(),
    ).resolves.toBe(true);
    await page.screenshot({ path: `${ARTIFACTS}/responsive-desktop-map-page.png` });
    await page.close();
  });
});
