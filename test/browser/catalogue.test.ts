import type { BrowserContext, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS } from '../helpers/browser.ts';
import { useBrowserAndServer } from '../helpers/browser-server.ts';
import { createUser } from '../helpers/auth.ts';

const vigil = useBrowserAndServer({ env: { VIGIL_AUTH_ENFORCED: 'true' } });
let context: BrowserContext;
let page: Page;

/** The ids of the indicator cards on screen. */
const cardIds = () =>
  page.locator('.cat-card').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.indicator ?? ''));

beforeAll(async () => {
  context = await vigil.browser.newContext({ viewport: { width: 1400, height: 1000 } });
  page = await context.newPage();
});

describe('catalogue page in headless Chromium', () => {
  it('lists every indicator and narrows the list by framework, relevance and text', async () => {
    await page.goto(`${vigil.server.url}/catalogue`);
    await page.getByRole('heading', { name: 'Indicator catalogue' }).waitFor();
    await page.locator('.cat-count', { hasText: '120 indicators' }).waitFor();
    const all = await cardIds();
    expect(all).toHaveLength(120);
    expect(new Set(all.map((id) => id.split('.')[0]))).toEqual(new Set(['crsv', 'osce', 'afac', 'tip']));
    await page.screenshot({ path: `${ARTIFACTS}/catalogue-list.png` });

    await page.getByLabel('Framework').selectOption('afac');
    await page.locator('.cat-count', { hasText: 'of 120' }).waitFor();
    const afac = await cardIds();
    expect(afac.length).toBe(54);
    expect(afac.every((id) => id.startsWith('afac.'))).toBe(true);
    expect(page.url()).toContain('framework=afac');

    await page.getByLabel('Trafficking relevance').selectOption('direct');
    await page.locator('.cat-count', { hasText: '2 of 120' }).waitFor();
    expect((await cardIds()).sort()).toEqual(['afac.7.12', 'afac.7.9']);
    const card = page.locator('[data-indicator="afac.7.9"]');
    const text = await card.innerText();
    for (const part of [
      'Direct trafficking relevance',
      'Official number',
      'Sexual slavery',
      'Severity 0–4',
      '6 months',
      'risk factor 7, indicator 7.9',
    ])
      expect(text).toContain(part);
    await page.screenshot({ path: `${ARTIFACTS}/catalogue-filtered.png` });

    await page.getByLabel('Search').fill('marked');
    await page.locator('.cat-count', { hasText: '1 of 120' }).waitFor();
    expect(await cardIds()).toEqual(['afac.7.12']);
    await page.getByLabel('Search').fill('no such words anywhere');
    await page.getByText('No indicator matches these filters.').waitFor();
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page.locator('.cat-count', { hasText: '120 indicators' }).waitFor();
  });

  it('opens the matrix with the keyboard and marks direct and indirect forms', async () => {
    await page.getByRole('tab', { name: 'Indicators' }).focus();
    await page.keyboard.press('ArrowRight');
    await page.getByRole('table').first().waitFor();
    expect(await page.getByRole('tab', { name: 'Matrix by exploitation form' }).getAttribute('aria-selected')).toBe(
      'true',
    );
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Matrix by exploitation form');
    const rows = await page.locator('.cat-matrix tbody tr[data-indicator]').count();
    expect(rows).toBe(120);
    const headers = await page.locator('.cat-matrix thead .cat-colhead').allInnerTexts();
    expect(headers).toHaveLength(26);
    expect(headers.at(-1)).toBe('No form named');
    const row = page.locator('.cat-matrix tr[data-indicator="afac.7.9"]');
    expect(await row.locator('td.cat-mark-direct').count()).toBe(5);
    expect(
      await page.locator('.cat-matrix tr[data-indicator="crsv.girls-school-absence"] td.cat-mark-indirect').count(),
    ).toBe(3);
    await page.screenshot({ path: `${ARTIFACTS}/catalogue-matrix.png` });

    await page.getByLabel(/broad families/).check();
    expect(await page.locator('.cat-matrix thead .cat-colhead').count()).toBeLessThan(headers.length);
    const rule = page.locator('.cat-matrix tr[data-indicator="osce.rule-of-law"]');
    expect(await rule.locator('td.cat-mark-direct').count()).toBe(0);
    expect(await rule.locator('td.cat-unnamed.cat-mark-indirect').count()).toBe(1);
    await page.getByLabel('Framework').selectOption('osce');
    await page.locator('.cat-count', { hasText: '7 of 120' }).waitFor();
    expect(await page.locator('.cat-matrix tbody tr[data-indicator]').count()).toBe(7);
    await page.screenshot({ path: `${ARTIFACTS}/catalogue-matrix-families.png` });
  });

  it('shows a rejected file row by row, then imports a modified AFAC list and shows the new version’s diff', async () => {
    const { email, password } = await createUser(vigil.server, 'admin');
    const login = await context.request.post(`${vigil.server.url}/api/auth/login`, { data: { email, password } });
    expect(login.status()).toBe(200);

    await page.getByRole('tab', { name: 'Versions' }).click();
    // The bundled 2026.2 is in force, opened on its diff against 2026.1.
    const bundled = page.locator('.cat-version[data-version="2026.2"]');
    await bundled.locator('.cat-diff').waitFor();
    expect(await bundled.locator('summary').innerText()).toMatch(/in force[\s\S]*14 added · 10 removed · 12 changed/);
    // Before → after values show once both snapshots have arrived.
    await bundled.getByText('relevance: direct → indirect').first().waitFor();
    const bundledDiff = await bundled.locator('.cat-diff').innerText();
    for (const part of ['afac.8.5', 'tip.documents-withheld', 'tip.released-captives', 'osce.rule-of-law'])
      expect(bundledDiff).toContain(part);
    await page.screenshot({ path: `${ARTIFACTS}/catalogue-bundled-diff.png`, fullPage: true });
    expect(bundledDiff).toMatch(/relevance: direct\s*→\s*indirect/);
    await page.locator('.cat-version[data-version="2026.1"]').waitFor();
    await page.getByText('Import a new catalogue version (admins)').click();

    const header = 'id,group,label,description,relevance,forms,weight,citation';
    const bad = `${header}\nafac.7.9,,,,sometimes,,heavy,\n`;
    await page
      .getByLabel('Catalogue file')
      .setInputFiles({ name: 'afac-bad.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
    await page.getByLabel('Framework of this list').selectOption('afac');
    await page.getByRole('button', { name: 'Check file' }).click();
    const errors = page.locator('.cat-errors');
    await errors.waitFor();
    const table = await errors.innerText();
    expect(table).toMatch(/2\s+relevance\s+'sometimes' is not one of direct, indirect, none/);
    expect(table).toMatch(/2\s+weight\s+'heavy' is not a number/);
    await page.screenshot({ path: `${ARTIFACTS}/catalogue-import-rejected.png` });

    const good = [
      header,
      'afac.7.9,,,,,,2.5,',
      'afac.7.13,afac.rf7,Recruitment drives announced in camps,Armed groups announce recruitment in displacement camps,direct,child_use_armed_groups,1,Test list 7.13',
    ].join('\n');
    await page
      .getByLabel('Catalogue file')
      .setInputFiles({ name: 'afac-official.csv', mimeType: 'text/csv', buffer: Buffer.from(good) });
    await page.getByLabel('Framework of this list').selectOption('afac');
    await page.getByLabel(/keep them/).check();
    await page.getByRole('button', { name: 'Check file' }).click();
    await page.getByText('Valid: importing it would create version 2026.3').waitFor();
    await page.getByRole('button', { name: 'Import as version 2026.3' }).click();
    await page.getByText('Imported: version 2026.3 is now in force').waitFor();

    const latest = page.locator('.cat-version[data-version="2026.3"]');
    await latest.waitFor();
    expect(await latest.locator('summary').innerText()).toMatch(/in force[\s\S]*1 added · 0 removed · 1 changed/);
    const details = latest.locator('.cat-diff');
    await details.waitFor();
    const diff = await details.innerText();
    expect(diff).toContain('afac.7.13');
    expect(diff).toContain('Recruitment drives announced in camps');
    expect(diff).toMatch(/weight: 2\s*→\s*2\.5/);
    expect(await page.locator('.cat-version[data-version="2026.2"] summary').innerText()).not.toContain('in force');
    await page.screenshot({ path: `${ARTIFACTS}/catalogue-versions.png`, fullPage: true });

    await page.getByRole('tab', { name: 'Indicators' }).click();
    await page.getByLabel('Framework').selectOption('afac');
    await page.locator('[data-indicator="afac.7.13"]').waitFor();
    expect(await page.locator('[data-indicator="afac.7.9"]').innerText()).toMatch(/Weight\s+2\.5/);
  });

  it('explains the method and what is missing', async () => {
    await page.getByRole('tab', { name: 'About this catalogue' }).click();
    const about = await page.locator('.cat-about').innerText();
    for (const part of [
      'Why these three frameworks',
      '§4.1.3',
      'What “direct” and “indirect” mean',
      'What “status” says',
      'What is missing here',
      'What changed in version 2026.2, and why',
      'Risk factor 8 is numbered 8.5–8.12',
      'Importing a full official list',
      'vigil catalogue import',
    ]) {
      expect(about).toContain(part);
    }
    expect(about).toMatch(/risk factors with no numbered indicator here[^.]*RF1/);
    await page.screenshot({ path: `${ARTIFACTS}/catalogue-about.png`, fullPage: true });
  });
});
