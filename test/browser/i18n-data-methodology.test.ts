import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import en from '../../web/locales/en.json';
import fr from '../../web/locales/fr.json';
import ar from '../../web/locales/ar.json';
import { createUserAndLogin, type Credentials } from '../helpers/auth.ts';
import { ARTIFACTS, goInApp, signInOnPage } from '../helpers/browser.ts';
import { useBrowserAndServer } from '../helpers/browser-server.ts';

/**
 * The Data page (entry form, its preview, a region's history, an import checked with a name it could
 * not place) and the methodology page in French and in Arabic (issue 20): `<html lang dir>`, no English
 * left in what the dashboard itself writes there (headings, labels, column heads, buttons, the preview's
 * lines, the import report's sentences, the methodology's prose), nothing wider than the screen. Data
 * stays as it comes: region names, citations, the API's reasons for a rejected row. Screenshots go to
 * test/artifacts/i18n-<lang>-<view>.png, to be looked at.
 */
const vigil = useBrowserAndServer();
let ana: Credentials;

beforeAll(async () => {
  ana = await createUserAndLogin(vigil.server, 'analyst');
});

/**
 * What the dashboard writes on the Data page, without the data in its tables and lists (region names
 * in the preview, the regions an unplaced name may be).
 */
const DATA_CHROME = [
  '.topbar nav a',
  '.app-body h2',
  '.app-body h3',
  '.app-body label',
  '.app-body thead th',
  '.app-body caption',
  '.app-body .actions button',
  '.entry-preview p:not(.preview-name)',
  '.entry-preview li',
  '.import-report > p:not(.hint)',
  '.suggestions > p',
].join(', ');

/**
 * What the methodology page writes: its headings, prose and tables. The sensitivity table's cells are
 * left out (country names are data), as are `<code>` ids.
 */
const METHODOLOGY_CHROME = [
  '.topbar nav a',
  '.methodology h1',
  '.methodology h2',
  '.methodology h3',
  '.methodology .toc a',
  '.methodology p',
  '.methodology li',
  '.methodology label',
  '.methodology th',
  '.methodology section:not(#sensitivity) td',
].join(', ');

type Catalogue = Record<string, unknown>;
const messages = (c: Catalogue) =>
  Object.entries(c).filter((e): e is [string, string] => !e[0].startsWith('_') && typeof e[1] === 'string');

/** English a translated page must not show: each English message the language words otherwise (whole, or its opening words). */
function englishLeft(target: Catalogue): { whole: Set<string>; starts: string[] } {
  const whole = new Set<string>();
  const starts: string[] = [];
  for (const [key, text] of messages(en)) {
    if (target[key] === text) continue;
    const head = text.split(/[{<]/)[0]!.trim();
    if (!/[{<]/.test(text)) whole.add(text);
    else if (/\p{L}{3,}/u.test(head) && head.length >= 8) starts.push(head);
  }
  return { whole, starts };
}

const texts = (page: Page, selector: string) =>
  page.locator(selector).evaluateAll((els) =>
    els
      .filter((el) => (el as HTMLElement).offsetParent !== null)
      .map((el) => ((el as HTMLElement).innerText || '').replace(/\s+/g, ' ').trim())
      .filter((s) => s.length > 0),
  );

/** Words that read the same in every language: the product, formats, the catalogue's framework codes. */
const SAME_IN_EVERY_LANGUAGE = new Set(['Vigil', 'INFORM', 'PNG', 'SVG', 'CSV', 'https://…']);

/** The checks every translated page passes: lang and dir, no English message left, Arabic words in Arabic, no sideways scroll. */
async function expectTranslated(page: Page, selector: string, lang: string, dir: string, catalogue: Catalogue) {
  const html = await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir]);
  expect(html).toEqual([lang, dir]);
  const english = englishLeft(catalogue);
  const shown = await texts(page, selector);
  expect(shown.length).toBeGreaterThan(12);
  const left = shown.filter((s) => english.whole.has(s) || english.starts.some((h) => s.startsWith(h)));
  expect(left).toEqual([]);
  if (lang === 'ar') {
    const latinOnly = shown.filter((s) => /\p{Script=Latin}{2,}/u.test(s) && !/\p{Script=Arabic}/u.test(s));
    expect(latinOnly.filter((s) => !SAME_IN_EVERY_LANGUAGE.has(s))).toEqual([]);
  }
  const width = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
  expect(width[0]).toBeLessThanOrEqual(width[1]!);
}

describe.each([
  { lang: 'fr', dir: 'ltr', catalogue: fr as Catalogue },
  { lang: 'ar', dir: 'rtl', catalogue: ar as Catalogue },
])('the Data and methodology pages in $lang', ({ lang, dir, catalogue }) => {
  it('data: the form with its preview, the history and a checked import say nothing in English', async () => {
    const page = await vigil.browser.newPage({ viewport: { width: 1280, height: 900 } });
    try {
      await signInOnPage(page, vigil.server.url, ana);
      // From the account page to the data page inside the app, with the link in the language.
      await goInApp(page, `/data?region=NG-BO&lang=${lang}`, 'form.data-form');
      const label = (key: string) => catalogue[key] as string;
      const form = page.locator('form.data-form');
      const indicator = form.getByLabel(label('entry.indicator'));
      await indicator.locator('option[value="afac.rf1"]').waitFor({ state: 'attached' });
      await indicator.selectOption('afac.rf1');
      await form.getByLabel(label('entry.month')).fill('2016-05');
      await form.getByLabel(label('entry.citation')).fill('Partner report, May 2016');
      await form.getByLabel(label('entry.value')).selectOption('1');
      await page.locator('.preview-region[data-region="NG-BO"] li[data-lens="overall"]').waitFor();
      await page.locator('.data-history table, .data-history .hint').first().waitFor();

      const csv =
        'region,country,indicator,period,value,confidence,source\n' +
        'Ninewa Governorate,Iraq,afac.rf1,2016-05,2,medium,Partner situation report May 2016\n';
      await page
        .locator('input[type=file]')
        .setInputFiles({ name: 'partner-may.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
      await page.getByRole('button', { name: label('import.check') }).click();
      await page.locator('.import-report .suggestions').waitFor();

      await expectTranslated(page, DATA_CHROME, lang, dir, catalogue);
      // The preview's line and the report's sentence are the language's own, not English with numbers in it.
      const preview = await page.locator('.preview-region[data-region="NG-BO"] li[data-lens="overall"]').innerText();
      expect(preview).not.toMatch(/Now:|after saving/);
      const readAs = await page.getByTestId('import-read-as').innerText();
      expect(readAs).toContain('partner-may.csv');
      expect(readAs).not.toMatch(/read as|rows read|rejected/);
      await page.screenshot({ path: `${ARTIFACTS}/i18n-${lang}-data.png`, fullPage: true });
      await form.screenshot({ path: `${ARTIFACTS}/i18n-${lang}-data-form.png` });
      await page
        .locator('section.data-form')
        .last()
        .screenshot({ path: `${ARTIFACTS}/i18n-${lang}-data-import.png` });
    } finally {
      await page.close();
    }
  }, 180_000);

  it('methodology: headings, prose and tables are in the language, with the model’s own figures', async () => {
    const page = await vigil.browser.newPage({ viewport: { width: 1280, height: 900 } });
    try {
      await page.goto(`${vigil.server.url}/methodology?lang=${lang}`);
      await page.locator('section#aggregation tfoot td').first().waitFor();
      await expectTranslated(page, METHODOLOGY_CHROME, lang, dir, catalogue);
      // The formula stays left to right inside right-to-left prose.
      await expect(page.locator('section#aggregation bdi[dir="ltr"]').count()).resolves.toBeGreaterThan(2);
      await page.screenshot({ path: `${ARTIFACTS}/i18n-${lang}-methodology.png`, fullPage: true });
      for (const id of ['lenses', 'aggregation', 'scenarios'])
        await page.locator(`section#${id}`).screenshot({ path: `${ARTIFACTS}/i18n-${lang}-methodology-${id}.png` });
    } finally {
      await page.close();
    }
  }, 120_000);
});
