import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import fr from '../../web/locales/fr.json';
import ar from '../../web/locales/ar.json';
import { ARTIFACTS, goInApp } from '../helpers/browser.ts';
import { useBrowserAndServer } from '../helpers/browser-server.ts';
import { englishLeft, openInLanguage, untranslated, visibleTexts, type Catalogue } from '../helpers/i18n-pages.ts';

/**
 * The ranking table, the comparison, the indicator catalogue and the sign-in page in French and in Arabic (issue 20):
 * `<html lang dir>`, no English left in what the dashboard itself writes on them (headings, labels,
 * column heads, buttons, tabs, badges, summary lines), nothing wider than the screen. Data stays as it
 * comes (region names, citations, indicator ids). Screenshots go to test/artifacts/i18n-<lang>-<view>.png,
 * to be looked at.
 */
const vigil = useBrowserAndServer();

const VIEWS = [
  { name: 'table', path: '/table?lens=tip&level=1', ready: 'table.ranking tbody tr' },
  { name: 'compare', path: '/compare?lens=tip&from=2016-01&to=2017-01', ready: 'table.changes tbody tr' },
  { name: 'catalogue', path: '/catalogue', ready: '.cat-card' },
  { name: 'catalogue-matrix', path: '/catalogue?view=matrix&framework=afac', ready: 'table.cat-matrix tbody tr' },
  { name: 'catalogue-versions', path: '/catalogue?view=versions', ready: '.cat-version .cat-diff' },
  { name: 'catalogue-about', path: '/catalogue?view=about', ready: '.cat-about h3' },
  { name: 'account', path: '/account', ready: '.account-form' },
] as const;

/**
 * What the dashboard writes on these pages, and the framework headings. Row heads (region names,
 * indicator labels), group headings and indicator texts come from data or the API and are left out.
 */
const CHROME = [
  '.topbar nav a',
  '.app-body h1',
  '.app-body h2',
  '.app-body label',
  '.app-body legend',
  '.app-body thead th',
  '.app-body tfoot th',
  '.app-body button:not(.hotspot):not(.link)',
  '.app-body [role="tab"]',
  '.app-body summary',
  '.app-body dt',
  '.app-body h5 .cat-diff-add, .app-body h5 .cat-diff-del, .app-body h5 .cat-diff-chg',
  '.cat-badge',
  // Served translated by the API (a framework's short title), so Arabic shows no English heading.
  '.cat-framework-head',
  '.cat-count',
  '.cat-legend > span',
  '.table-summary',
  '.not-comparable h3',
  '.cat-about h3',
  '.cat-about caption',
  '.legend figcaption',
].join(', ');

describe.each([
  { lang: 'fr', dir: 'ltr', catalogue: fr as Catalogue },
  { lang: 'ar', dir: 'rtl', catalogue: ar as Catalogue },
])('the table, compare, catalogue and account pages in $lang', ({ lang, dir, catalogue }) => {
  const english = englishLeft(catalogue);
  // One page per language: the first view is loaded in the language as a shared link opens it, the
  // others are reached inside the app with the same link (one bundle parsed, one renderer).
  let shared: Page | undefined;
  afterAll(async () => {
    await shared?.close();
  });

  it.each(VIEWS)(
    '$name: html lang and dir, no English in the chrome, nothing wider than the screen',
    async ({ name, path, ready }) => {
      if (!shared) {
        shared = await vigil.browser.newPage({ viewport: { width: 1280, height: 900 } });
        await openInLanguage(shared, vigil.server.url, path, lang, ready);
      } else await goInApp(shared, `${path}${path.includes('?') ? '&' : '?'}lang=${lang}`, ready);
      const page = shared;
      const html = await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir]);
      expect(html).toEqual([lang, dir]);

      const texts = await visibleTexts(page, CHROME);
      expect(texts.length).toBeGreaterThan(8);
      expect(untranslated(texts, lang, english)).toEqual([]);

      const width = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
      expect(width[0]).toBeLessThanOrEqual(width[1]!);
      await page.screenshot({ path: `${ARTIFACTS}/i18n-${lang}-${name}.png`, fullPage: false });
    },
    300_000,
  );
});
