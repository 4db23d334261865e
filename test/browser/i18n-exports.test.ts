import { writeFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import fr from '../../web/locales/fr.json';
import ar from '../../web/locales/ar.json';
import { createUser } from '../helpers/auth.ts';
import { ARTIFACTS, downloadBody } from '../helpers/browser.ts';
import { useBrowserAndServer } from '../helpers/browser-server.ts';
import { englishLeft, untranslated, visibleTexts, type Catalogue } from '../helpers/i18n-pages.ts';

/**
 * Exports and the printed brief in French and in Arabic (issue 20, items 2 and 4), as a reader in the
 * field makes them from the dashboard: a PNG and an SVG of the map page, the region brief printed to
 * PDF. Checks `<html lang dir>`, no English left in what the dashboard writes on them, the legend and
 * list in the language, the SVG's fonts inside it and, right to left, its direction; and that the
 * header's page links stay on one line and the import form's and region search's fields show their
 * words. Screenshots and files go to test/artifacts/i18n-<lang>-*.{png,svg,pdf}, to be looked at.
 */
const vigil = useBrowserAndServer({ db: 'first-start' });

async function openMap(page: Page, lang: string) {
  await page.goto(`${vigil.server.url}/?lens=tip&period=2017-07&level=0&lang=${lang}`);
  await page.waitForSelector('[data-testid="risk-map"][data-ready="true"]', { timeout: 240_000 });
  await page.waitForFunction(
    () => Number(document.querySelector<HTMLElement>('.maplibregl-map')?.dataset.appliedScores) > 0,
    null,
    { timeout: 240_000 },
  );
}

async function exportFile(page: Page, format: 'png' | 'svg'): Promise<{ name: string; body: Buffer }> {
  if ((await page.locator('.export-menu').getAttribute('open')) === null) await page.click('.export-menu > summary');
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 240_000 }),
    page.click(`[data-export="${format}"]`),
  ]);
  const body = await downloadBody(download);
  await page.waitForFunction(() => !document.querySelector('[data-export="png"]')?.hasAttribute('disabled'));
  return { name: download.suggestedFilename(), body };
}

/** The texts of an SVG export by role (`class` of each `<text>`), as the browser parses it. */
async function svgTexts(page: Page, svg: string): Promise<{ role: string; text: string }[]> {
  return page.evaluate((s) => {
    const doc = new DOMParser().parseFromString(s, 'image/svg+xml');
    return [...doc.querySelectorAll('text')].map((t) => ({
      role: t.getAttribute('class') ?? '',
      text: (t.textContent ?? '').replace(/[\u2066-\u2069]/g, '').trim(),
    }));
  }, svg);
}

/** What the dashboard itself writes on an export: the legend, the list's title, the generation line. */
const OWN_ROLES = new Set(['legend-title', 'legend-label', 'legend-detail', 'list-title', 'generated']);

/** The brief's own words (headings, labels, captions), not data (region names, indicator labels, sources). */
const BRIEF_CHROME = [
  '.brief h2',
  '.brief h3',
  '.brief dt',
  '.brief th',
  '.brief figcaption',
  '.brief-masthead',
  '.brief-actions button',
].join(', ');

describe.each([
  { lang: 'fr', dir: 'ltr', catalogue: fr as Catalogue },
  { lang: 'ar', dir: 'rtl', catalogue: ar as Catalogue },
])('exports and brief in $lang', ({ lang, dir, catalogue }) => {
  const english = englishLeft(catalogue);
  const own = (key: string) => (catalogue as Record<string, string>)[key]!;

  it('exports the map as PNG and SVG with the legend, list and date in the language and the fonts inside the SVG', async () => {
    const page = await vigil.browser.newPage({ viewport: { width: 1400, height: 860 } });
    try {
      await openMap(page, lang);
      const html = await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir]);
      expect(html).toEqual([lang, dir]);

      const png = await exportFile(page, 'png');
      expect(png.body.subarray(1, 4).toString('latin1')).toBe('PNG');
      expect([png.body.readUInt32BE(16), png.body.readUInt32BE(20)]).toEqual([1600, 900]);
      writeFileSync(`${ARTIFACTS}/i18n-${lang}-export-map.png`, png.body);

      const svg = await exportFile(page, 'svg');
      const text = svg.body.toString('utf8');
      writeFileSync(`${ARTIFACTS}/i18n-${lang}-export-map.svg`, svg.body);
      if (dir === 'rtl') expect(text).toMatch(/^<svg [^>]*direction="rtl"/);
      else expect(text).not.toMatch(/^<svg [^>]*direction=/);
      // The fonts travel inside the file: Arimo always, Noto Sans Arabic right to left.
      expect(text).toMatch(
        /@font-face\{font-family:'Arimo';font-style:normal;font-weight:400;src:url\(data:font\/woff2;base64,/,
      );
      expect(text.includes("@font-face{font-family:'Noto Sans Arabic'")).toBe(dir === 'rtl');

      const texts = await svgTexts(page, text);
      const mine = texts.filter((t) => OWN_ROLES.has(t.role)).map((t) => t.text);
      expect(mine.length).toBeGreaterThan(10);
      expect(untranslated(mine, lang, english)).toEqual([]);
      const legendTitle = texts.find((t) => t.role === 'legend-title')!.text;
      expect(legendTitle.startsWith(own('export.legend.classTitle').split('{')[0]!)).toBe(true);
      const listTitle = texts.find((t) => t.role === 'list-title')?.text;
      expect([own('export.highest'), own('export.highestInView')]).toContain(listTitle);
      if (dir === 'rtl')
        for (const t of mine.filter((m) => !/^[\d.–\s]+$/.test(m))) expect(t, t).toMatch(/\p{Script=Arabic}/u);
      await page.screenshot({ path: `${ARTIFACTS}/i18n-${lang}-export-page.png` });

      // The score download links ask for the page's language: the CSV's header row is in it, its rows as in English.
      const href = (await page.locator('.export-links a').first().getAttribute('href'))!;
      expect(new URLSearchParams(href.split('?')[1]).get('lang')).toBe(lang);
      const [localCsv, englishCsv] = await page.evaluate(
        ([h, l]) => Promise.all([h, h.replace(`lang=${l}`, 'lang=en')].map(async (u) => (await fetch(u)).text())),
        [href, lang] as const,
      );
      const [localHead, ...localRows] = localCsv!.trim().split(/\r?\n/);
      const [englishHead, ...englishRows] = englishCsv!.trim().split(/\r?\n/);
      expect(localHead).not.toBe(englishHead);
      expect(localRows.length).toBeGreaterThan(0);
      expect(localRows.length).toBe(englishRows.length);
    } finally {
      await page.close();
    }
  }, 600_000);

  it('opens the region brief in the language, mirrored right to left, and prints it on at most two A4 pages', async () => {
    const page = await vigil.browser.newPage({ viewport: { width: 1200, height: 1000 } });
    try {
      await page.goto(`${vigil.server.url}/brief?region=IQ-NI&period=2017-07&lens=tip&lang=${lang}`);
      await page.waitForSelector('[data-testid="brief"][data-ready="true"]', { timeout: 240_000 });
      const html = await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir]);
      expect(html).toEqual([lang, dir]);
      const texts = await visibleTexts(page, BRIEF_CHROME);
      expect(texts.length).toBeGreaterThan(5);
      expect(untranslated(texts, lang, english)).toEqual([]);
      // The trend's time axis runs the way the language reads: its first month on the right in Arabic.
      const ticks = await page
        .locator('.brief .trend-chart .axis text[text-anchor="middle"]')
        .evaluateAll((els) => els.map((el) => el.getBoundingClientRect().left));
      expect(ticks.length).toBeGreaterThan(1);
      if (dir === 'rtl') expect(ticks[0]!).toBeGreaterThan(ticks.at(-1)!);
      else expect(ticks[0]!).toBeLessThan(ticks.at(-1)!);
      await page.screenshot({ path: `${ARTIFACTS}/i18n-${lang}-brief-IQ-NI.png`, fullPage: true });
      const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
      const pages = pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g)?.length ?? 0;
      expect(pages).toBeGreaterThanOrEqual(1);
      expect(pages).toBeLessThanOrEqual(2);
      writeFileSync(`${ARTIFACTS}/i18n-${lang}-brief-IQ-NI.pdf`, pdf);
    } finally {
      await page.close();
    }
  }, 300_000);

  it("keeps the header's page links on one line, for an admin too, and the import form's and search's words in view", async () => {
    const page = await vigil.browser.newPage({ viewport: { width: 1280, height: 900 } });
    /** The distinct tops of the header's page links: one value when they sit on one line. */
    const navLines = () =>
      page
        .locator('.topbar nav a')
        .evaluateAll((els) => new Set(els.map((el) => Math.round(el.getBoundingClientRect().top))).size);
    /** Whether a field shows all of its text (a select its chosen option, an input its placeholder). */
    const fits = (selector: string) =>
      page
        .locator(selector)
        .first()
        .evaluate((el) => {
          const field = el as HTMLInputElement | HTMLSelectElement;
          const text =
            field instanceof HTMLSelectElement ? (field.selectedOptions[0]?.textContent ?? '') : field.placeholder;
          const style = getComputedStyle(field);
          const ctx = document.createElement('canvas').getContext('2d')!;
          ctx.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
          const inner =
            field.clientWidth -
            parseFloat(style.paddingInlineStart) -
            parseFloat(style.paddingInlineEnd) -
            (field instanceof HTMLSelectElement ? 20 : 0);
          return { text, need: Math.ceil(ctx.measureText(text).width), room: Math.floor(inner) };
        });
    try {
      await openMap(page, lang);
      expect(await navLines()).toBe(1);
      const search = await fits('.region-search input');
      expect(search.need, search.text).toBeLessThanOrEqual(search.room);

      const admin = await createUser({ url: vigil.server.url, dbPath: vigil.server.dbPath }, 'admin');
      await page.goto(`${vigil.server.url}/account?lang=${lang}`);
      await page.locator('input[name="email"]').fill(admin.email);
      await page.locator('input[name="password"]').fill(admin.password);
      await page.locator('.account-form button[type="submit"]').click();
      await page.waitForSelector('[data-testid="account-summary"]', { timeout: 240_000 });
      expect(await page.locator('.topbar nav a').count()).toBeGreaterThanOrEqual(11);
      expect(await navLines()).toBe(1);
      await page.screenshot({
        path: `${ARTIFACTS}/i18n-${lang}-header-admin.png`,
        clip: { x: 0, y: 0, width: 1280, height: 120 },
      });

      await page.goto(`${vigil.server.url}/data?lang=${lang}`);
      const kind = page.locator('.import-options select').first();
      await kind.waitFor({ timeout: 240_000 });
      const select = await fits('.import-options select');
      expect(select.need, select.text).toBeLessThanOrEqual(select.room);
      await page.screenshot({ path: `${ARTIFACTS}/i18n-${lang}-data.png`, fullPage: true });
    } finally {
      await page.close();
    }
  }, 600_000);
});
