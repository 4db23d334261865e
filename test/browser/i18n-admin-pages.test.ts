import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import fr from '../../web/locales/fr.json';
import ar from '../../web/locales/ar.json';
import { createUser } from '../helpers/auth.ts';
import { ARTIFACTS, goInApp } from '../helpers/browser.ts';
import { useBrowserAndServer } from '../helpers/browser-server.ts';
import { englishLeft, untranslated, visibleTexts, type Catalogue } from '../helpers/i18n-pages.ts';
import { validatedDbCopy } from '../helpers/seeded-db.ts';

/**
 * The pages behind the sign-in (account, admin) and the validation page in French and in Arabic, as an
 * admin opens them: `<html lang dir>`, no English left in the headings, labels, column heads and
 * buttons the dashboard writes, nothing wider than the screen. The database has its validation stored,
 * so the page shows its tables at once. Screenshots go to test/artifacts/i18n-<lang>-<view>.png.
 */
const vigil = useBrowserAndServer({ db: validatedDbCopy });

const CHROME = [
  '.topbar nav a',
  '.app-body h1',
  '.app-body h2',
  '.app-body h3',
  '.app-body label',
  '.app-body legend',
  '.app-body thead th',
  '.app-body button',
  '.app-body dt',
  '.app-body .hint',
].join(', ');

const VIEWS = [
  { name: 'account-signed-in', path: '/account', ready: '[data-testid="account-summary"]' },
  { name: 'admin', path: '/admin', ready: '[data-testid="audit-table"]' },
  { name: 'validation', path: '/validation', ready: 'table.validation-sensitivity tbody tr' },
] as const;

/** Signs in as a new admin from the account page (its fields found by name, whatever the language). */
async function signIn(page: Page, lang: string) {
  const admin = await createUser({ url: vigil.server.url, dbPath: vigil.server.dbPath }, 'admin');
  await page.goto(`${vigil.server.url}/account?lang=${lang}`);
  await page.locator('input[name="email"]').fill(admin.email);
  await page.locator('input[name="password"]').fill(admin.password);
  await page.locator('.account-form button[type="submit"]').click();
  await page.waitForSelector('[data-testid="account-summary"]', { timeout: 240_000 });
}

describe.each([
  { lang: 'fr', dir: 'ltr', catalogue: fr as Catalogue },
  { lang: 'ar', dir: 'rtl', catalogue: ar as Catalogue },
])('account, admin and validation pages in $lang', ({ lang, dir, catalogue }) => {
  const english = englishLeft(catalogue);

  it('html lang and dir, no English in the chrome, nothing wider than the screen', async () => {
    const page = await vigil.browser.newPage({ viewport: { width: 1280, height: 900 } });
    try {
      await signIn(page, lang);
      // Signed in on the account page; the views are reached from there inside the app, with their links.
      for (const { name, path, ready } of VIEWS) {
        await goInApp(page, `${path}?lang=${lang}`, ready);
        const html = await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir]);
        expect(html, name).toEqual([lang, dir]);

        const texts = await visibleTexts(page, CHROME);
        expect(texts.length, name).toBeGreaterThan(8);
        expect(untranslated(texts, lang, english), name).toEqual([]);

        const width = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
        expect(width[0], name).toBeLessThanOrEqual(width[1]!);
        await page.screenshot({ path: `${ARTIFACTS}/i18n-${lang}-${name}.png`, fullPage: true });
      }
    } finally {
      await page.close();
    }
  }, 900_000);
});
