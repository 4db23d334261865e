import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, goInApp, networkQuiet } from '../helpers/browser.ts';
import { pixelAt } from '../helpers/png.ts';
import { useBrowserAndServer } from '../helpers/browser-server.ts';
import { seriousViolations } from './axe.ts';

const vigil = useBrowserAndServer({ db: 'first-start' });

/** What has the keyboard focus: tag, text (first 60 characters) and id. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return { tag: el?.tagName.toLowerCase(), text: el?.textContent?.trim().slice(0, 60) ?? '', id: el?.id ?? '' };
  });

async function openMap(page: Page, query = '') {
  await page.goto(`${vigil.server.url}/${query}`);
  await page.waitForSelector('.maplibregl-map[data-drawn-key]');
}

const DESKTOP = { width: 1400, height: 860 };

describe('keyboard and focus', () => {
  // The map at desktop width is opened once: the tests below take it in turn, each from where the
  // last left it (nothing they check depends on what came before, apart from the first Tab stop,
  // which the first test reads on the freshly loaded page).
  let desktop: Promise<Page> | undefined;
  const desktopMap = () =>
    (desktop ??= vigil.browser.newPage({ viewport: DESKTOP }).then(async (page) => {
      await openMap(page);
      return page;
    }));
  afterAll(async () => {
    await (await desktop?.catch(() => undefined))?.close();
  });

  it('"Skip to content" is the first Tab stop and jumps past the menu to the page', async () => {
    const page = await desktopMap();
    await page.keyboard.press('Tab');
    expect(await focused(page)).toMatchObject({ tag: 'a', text: 'Skip to content' });
    const skip = (await page.getByRole('link', { name: 'Skip to content' }).boundingBox())!;
    expect(skip.y).toBeGreaterThanOrEqual(0);
    await page.screenshot({
      path: `${ARTIFACTS}/keyboard-skip-link.png`,
      clip: { x: 0, y: 0, width: 700, height: 120 },
    });
    await page.keyboard.press('Enter');
    expect((await focused(page)).id).toBe('content');
    // The next Tab is the page's first control, not a menu link.
    await page.keyboard.press('Tab');
    await expect(
      page.evaluate(() => document.activeElement === document.querySelector('input[role=combobox]')),
    ).resolves.toBe(true);
    expect(new URL(page.url()).hash).toBe('');
  });

  it('the map shows a focus ring when reached from the keyboard', async () => {
    const page = await desktopMap();
    const canvas = page.locator('canvas.maplibregl-canvas');
    const before = await canvas.screenshot();
    // Keyboard modality first (a Tab), then the map takes the focus as a Tab would give it.
    await page.keyboard.press('Tab');
    await canvas.focus();
    expect(await canvas.evaluate((c) => c.matches(':focus-visible'))).toBe(true);
    const after = await canvas.screenshot({ path: `${ARTIFACTS}/keyboard-map-focus.png` });
    // The ring is drawn inside the canvas edge (the map clips anything outside): blue there now, not before.
    const box = (await canvas.boundingBox())!;
    const y = Math.round(box.height / 2);
    const [r, g, b] = pixelAt(after, 1, y);
    expect(b).toBeGreaterThan(200);
    expect(r).toBeLessThan(80);
    expect(g).toBeLessThan(130);
    expect(pixelAt(before, 1, y)).not.toEqual([r, g, b]);
  });

  it('choosing a hotspot or a search result moves the focus to the panel heading; the suggestions stay in the window', async () => {
    for (const viewport of [DESKTOP, { width: 390, height: 844 }]) {
      const page = viewport === DESKTOP ? await desktopMap() : await vigil.browser.newPage({ viewport });
      if (viewport !== DESKTOP) await openMap(page);
      // A hotspot chosen from the keyboard: the focus lands on the region's name in the panel.
      const first = page.locator('.hotspots button.hotspot').first();
      const name = (await first.locator('strong').innerText()).trim();
      await page.keyboard.press('Tab');
      await first.focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => focused(page)).toMatchObject({ tag: 'h2', text: name });
      const panel = page.getByRole('complementary', { name: 'Selected region' });
      await expect(
        panel.getByRole('heading', { name, level: 2 }).evaluate((h) => h === document.activeElement),
      ).resolves.toBe(true);
      // Back to the list: the focus goes to the list's heading.
      await page.getByRole('button', { name: '← Hotspots' }).focus();
      await page.keyboard.press('Enter');
      await expect.poll(async () => (await focused(page)).text).toMatch(/^Hotspots · /);

      // A search: the suggestions open inside the window, and Enter moves the focus to the chosen region.
      const search = page.getByRole('combobox', { name: 'Find a region' });
      await search.focus();
      await page.keyboard.type('Ninev');
      const list = page.getByRole('listbox', { name: 'Matching regions' });
      await list.waitFor();
      const box = (await list.boundingBox())!;
      expect(box.x, 'suggestions start inside the window').toBeGreaterThanOrEqual(0);
      expect(box.x + box.width, 'suggestions end inside the window').toBeLessThanOrEqual(viewport.width);
      await page.screenshot({ path: `${ARTIFACTS}/keyboard-search-${viewport.width}.png` });
      await page.keyboard.press('Enter');
      await expect.poll(() => focused(page)).toMatchObject({ tag: 'h2', text: 'Nineveh' });
      await page.screenshot({ path: `${ARTIFACTS}/keyboard-search-picked-${viewport.width}.png` });
      if (viewport !== DESKTOP) await page.close();
    }
  });

  it('the API page links back to the dashboard', async () => {
    const page = await vigil.browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${vigil.server.url}/api/docs`);
    await page.getByRole('link', { name: '← Back to the Vigil dashboard' }).click();
    await page.waitForSelector('[data-testid="risk-map"]');
    expect(new URL(page.url()).pathname).toBe('/');
    await page.close();
  });
});

/**
 * The main pages, each with something that says it has loaded. The first is loaded from the server;
 * the others are reached inside the app, as its menu links do (one bundle parsed, the data already
 * fetched kept): the pages are the same, their first loads are other files' tests.
 */
const PAGES = [
  { path: '/?region=IQ-NI', ready: '[data-testid="region-summary"]' },
  { path: '/', ready: '.maplibregl-map[data-drawn-key]' },
  { path: '/table', ready: 'table.ranking tbody tr' },
  { path: '/region?region=IQ-NI', ready: '[data-testid="region-summary"]' },
  { path: '/monitor', ready: '.monitor-page h2' },
  { path: '/compare', ready: '.maplibregl-map[data-drawn-key]' },
  { path: '/brief?region=IQ-NI', ready: '.brief' },
  { path: '/methodology', ready: 'main h2' },
  { path: '/data', ready: 'form' },
  { path: '/catalogue', ready: '[role=tablist]' },
  { path: '/account', ready: 'main form' },
];

describe('axe-core finds no serious or critical violation', () => {
  for (const viewport of [
    { name: 'desktop', width: 1400, height: 860 },
    { name: 'phone', width: 390, height: 844 },
  ])
    it(`on each main page (${viewport.name}, ${viewport.width} px)`, { timeout: 600_000 }, async () => {
      const page = await vigil.browser.newPage({ viewport });
      const found: Record<string, unknown> = {};
      const quiet = networkQuiet(page);
      await page.goto(`${vigil.server.url}${PAGES[0]!.path}`);
      for (const p of PAGES) {
        if (p !== PAGES[0]) await goInApp(page, p.path, p.ready);
        await page.waitForSelector(p.ready);
        await quiet();
        // Two frames, so that what the page does after its last change (sizes, focusable boxes) is done.
        await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
        const v = await seriousViolations(page);
        if (v.length) found[p.path] = v;
        if (p.path !== '/') continue;
        // The map page in use, on the same load: the menu (phone), the legend and export menu opened,
        // the search suggestions shown.
        if (viewport.width < 900) {
          await page.getByRole('button', { name: 'Menu' }).click();
          await page.getByRole('figure', { name: 'Map legend' }).getByRole('button', { name: 'Legend' }).click();
        }
        await page.getByText('Export', { exact: true }).click();
        await page.getByRole('combobox', { name: 'Find a region' }).fill('Bor');
        await page.getByRole('listbox', { name: 'Matching regions' }).waitFor();
        const inUse = await seriousViolations(page);
        if (inUse.length) found['/ (menus open)'] = inUse;
        await page.screenshot({ path: `${ARTIFACTS}/axe-map-in-use-${viewport.name}.png` });
      }
      expect(found, JSON.stringify(found, null, 1)).toEqual({});
      await page.close();
    });
});
