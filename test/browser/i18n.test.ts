import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import fr from '../../web/locales/fr.json';
import ar from '../../web/locales/ar.json';
import { ARTIFACTS, goInApp } from '../helpers/browser.ts';
import { useBrowserAndServer } from '../helpers/browser-server.ts';
import {
  englishLeft,
  horizontalEdges,
  openInLanguage,
  untranslated,
  visibleTexts,
  type Catalogue,
} from '../helpers/i18n-pages.ts';

/**
 * The main views in French and in Arabic, as a reader in the field opens them: `<html lang dir>`,
 * the side panel on the other side right to left, the month slider running right to left, no English
 * left in headings, buttons, labels and table heads, and nothing wider than the screen. Screenshots go
 * to test/artifacts/i18n-<lang>-<view>.png, to be looked at.
 */
const vigil = useBrowserAndServer();

const VIEWS = [
  { name: 'map', path: '/?lens=tip', ready: '.maplibregl-map[data-drawn-key]' },
  { name: 'region', path: '/region?region=NG-BO&lens=tip', ready: '.drivers li' },
  { name: 'monitor', path: '/monitor?lens=tip', ready: '.monitor-grid table' },
  { name: 'brief', path: '/brief?region=NG-BO&lens=tip', ready: '[data-testid="brief"][data-ready="true"]' },
] as const;

/** The page's chrome: what the dashboard itself writes, not data (region names, sources, API texts). */
const CHROME = [
  '.topbar nav a',
  '.app-body h2:not(.profile-header h2)',
  '.app-body h3',
  '.app-body label',
  '.app-body th',
  '.app-body button:not(.hotspot):not(.link)',
  '.app-body summary',
  '.legend figcaption',
].join(', ');

const chromeTexts = (page: Page) => visibleTexts(page, CHROME);

describe.each([
  { lang: 'fr', dir: 'ltr', catalogue: fr as Catalogue },
  { lang: 'ar', dir: 'rtl', catalogue: ar as Catalogue },
])('the main views in $lang', ({ lang, dir, catalogue }) => {
  const english = englishLeft(catalogue);
  const openView = async (path: string, ready: string) => {
    const page = await vigil.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await openInLanguage(page, vigil.server.url, path, lang, ready);
    return page;
  };
  // The map is opened once: its chrome and the sides its parts sit on are read from the same page.
  let mapPage: Promise<Page> | undefined;
  const mapView = () => (mapPage ??= openView(VIEWS[0].path, VIEWS[0].ready));
  // The other views share a second page: the first is opened from a link in the language, the others
  // are reached inside the app with their links (one bundle parsed, one renderer).
  let viewPage: Page | undefined;
  const otherView = async (path: string, ready: string) => {
    if (!viewPage) viewPage = await openView(path, ready);
    else await goInApp(viewPage, `${path}&lang=${lang}`, ready);
    return viewPage;
  };
  afterAll(async () => {
    await (await mapPage?.catch(() => undefined))?.close();
    await viewPage?.close();
  });

  it.each(VIEWS)(
    '$name: html lang and dir, no English in the chrome, nothing wider than the screen',
    async ({ name, path, ready }) => {
      const page = name === 'map' ? await mapView() : await otherView(path, ready);
      const html = await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir]);
      expect(html).toEqual([lang, dir]);

      const texts = await chromeTexts(page);
      expect(texts.length).toBeGreaterThan(8);
      // No English message the language words otherwise; in Arabic, every piece of chrome with words
      // in it has Arabic words (numbers, months' digits, symbols and format names aside).
      expect(untranslated(texts, lang, english)).toEqual([]);

      const width = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
      expect(width[0]).toBeLessThanOrEqual(width[1]!);
      await page.screenshot({ path: `${ARTIFACTS}/i18n-${lang}-${name}.png` });
    },
    120_000,
  );

  it('map: the side panel, legend and month slider sit on the side the language reads from', async () => {
    const page = await mapView();
    const [panel, map, legend] = await Promise.all([
      horizontalEdges(page, '.panel'),
      horizontalEdges(page, '.map-area'),
      horizontalEdges(page, '.legend'),
    ]);
    const years = await page
      .getByTestId('year-ticks')
      .first()
      .locator('.year-full')
      .evaluateAll((els) => els.map((el) => el.getBoundingClientRect().left));
    expect(years.length).toBeGreaterThan(2);
    if (dir === 'rtl') {
      // Mirrored: panel left of the map, legend against the map's right edge, the first year at the right.
      expect(panel.right).toBeLessThanOrEqual(map.left + 1);
      expect(map.right - legend.right).toBeLessThan(40);
      expect(years[0]!).toBeGreaterThan(years.at(-1)!);
    } else {
      expect(panel.left).toBeGreaterThanOrEqual(map.right - 1);
      expect(legend.left - map.left).toBeLessThan(40);
      expect(years[0]!).toBeLessThan(years.at(-1)!);
    }
  }, 120_000);
});
