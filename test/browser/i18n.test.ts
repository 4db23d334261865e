import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import en from '../../web/locales/en.json';
import fr from '../../web/locales/fr.json';
import ar from '../../web/locales/ar.json';
import { ARTIFACTS } from '../helpers/browser.ts';
import { useBrowserAndServer } from '../helpers/browser-server.ts';

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

type Catalogue = Record<string, unknown>;
const messages = (c: Catalogue) =>
  Object.entries(c).filter((e): e is [string, string] => !e[0].startsWith('_') && typeof e[1] === 'string');

/**
 * English a translated page must not show: every English message that the language writes otherwise,
 * whole when it has no arguments, else the words before its first argument (when there are some).
 */
function englishLeft(target: Catalogue): { whole: Set<string>; starts: string[] } {
  const whole = new Set<string>();
  const starts: string[] = [];
  for (const [key, text] of messages(en)) {
    if (target[key] === text) continue;
    const head = text.split('{')[0]!.trim();
    if (!text.includes('{')) whole.add(text);
    else if (/\p{L}{3,}/u.test(head) && head.length >= 8) starts.push(head);
  }
  return { whole, starts };
}

async function open(page: Page, path: string, lang: string, ready: string) {
  await page.goto(`${vigil.server.url}${path}${path.includes('?') ? '&' : '?'}lang=${lang}`);
  await page.waitForSelector(ready, { timeout: 60_000 });
}

/** The visible text of the page's chrome, one entry per element. */
const chromeTexts = (page: Page) =>
  page.locator(CHROME).evaluateAll((els) =>
    els
      .filter((el) => (el as HTMLElement).offsetParent !== null || el.closest('summary'))
      .map((el) => ((el as HTMLElement).innerText || '').replace(/\s+/g, ' ').trim())
      .filter((s) => s.length > 0),
  );

const box = (page: Page, selector: string) =>
  page
    .locator(selector)
    .first()
    .evaluate((el) => {
      const r = el.getBoundingClientRect();
      return { left: r.left, right: r.right };
    });

describe.each([
  { lang: 'fr', dir: 'ltr', catalogue: fr as Catalogue },
  { lang: 'ar', dir: 'rtl', catalogue: ar as Catalogue },
])('the main views in $lang', ({ lang, dir, catalogue }) => {
  const english = englishLeft(catalogue);

  it.each(VIEWS)(
    '$name: html lang and dir, no English in the chrome, nothing wider than the screen',
    async ({ name, path, ready }) => {
      const page = await vigil.browser.newPage({ viewport: { width: 1280, height: 900 } });
      try {
        await open(page, path, lang, ready);
        const html = await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir]);
        expect(html).toEqual([lang, dir]);

        const texts = await chromeTexts(page);
        expect(texts.length).toBeGreaterThan(8);
        const left = texts.filter((s) => english.whole.has(s) || english.starts.some((h) => s.startsWith(h)));
        expect(left).toEqual([]);
        if (lang === 'ar') {
          // Every piece of chrome with words in it has Arabic words (numbers, months' digits and symbols aside).
          const latinOnly = texts.filter((s) => /\p{Script=Latin}{2,}/u.test(s) && !/\p{Script=Arabic}/u.test(s));
          expect(latinOnly.filter((s) => !['Vigil', 'PNG', 'SVG'].includes(s))).toEqual([]);
        }

        const width = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
        expect(width[0]).toBeLessThanOrEqual(width[1]!);
        await page.screenshot({ path: `${ARTIFACTS}/i18n-${lang}-${name}.png` });
      } finally {
        await page.close();
      }
    },
    120_000,
  );

  it('map: the side panel, legend and month slider sit on the side the language reads from', async () => {
    const page = await vigil.browser.newPage({ viewport: { width: 1280, height: 900 } });
    try {
      await open(page, '/?lens=tip', lang, '.maplibregl-map[data-drawn-key]');
      const [panel, map, legend] = await Promise.all([
        box(page, '.panel'),
        box(page, '.map-area'),
        box(page, '.legend'),
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
    } finally {
      await page.close();
    }
  }, 120_000);
});
