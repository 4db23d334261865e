import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ARTIFACTS, downloadBody } from '../helpers/browser.ts';
import { useBrowserAndServer } from '../helpers/browser-server.ts';

const vigil = useBrowserAndServer({ db: 'first-start' });

/** The visible table's rows: region code, class and the score cell's text. */
const tableRows = (page: Page) =>
  page.$$eval('table.ranking tbody tr', (trs) =>
    trs.map((tr) => ({
      region: (tr as HTMLElement).dataset.region!,
      cls: (tr as HTMLElement).dataset.class!,
      score: tr.querySelectorAll('td.num')[0]!.textContent!,
      cells: [...tr.children].map((c) => c.textContent!.trim()),
    })),
  );

const sortOf = (page: Page, column: string) =>
  page.getByRole('columnheader', { name: column }).getAttribute('aria-sort');

/** Waits until the table shows rows whose first one satisfies `ready` (after a sort or filter). */
async function settle(page: Page, ready: (rows: Awaited<ReturnType<typeof tableRows>>) => boolean) {
  await expect.poll(async () => ready(await tableRows(page))).toBe(true);
}

describe('ranking table (/table) in headless Chromium', () => {
  it('ranks every region, sorts from the keyboard, filters, keeps its view in the URL and downloads the CSV', async () => {
    const page = await vigil.browser.newPage({ viewport: { width: 1280, height: 900 } });
    const all = (await (await fetch(`${vigil.server.url}/api/scores?lens=tip&level=1`)).json()) as {
      region: string;
      score: number | null;
      basis: string;
    }[];
    const scored = all.filter((r) => r.score !== null).sort((a, b) => b.score! - a.score!);
    expect(scored.length).toBeGreaterThan(2);

    await page.goto(`${vigil.server.url}/table?lens=tip&level=1`);
    await page.waitForSelector('table.ranking tbody tr');
    await expect(
      page
        .getByRole('status')
        .filter({ hasText: /of \d+/ })
        .innerText(),
    ).resolves.toContain(`of ${all.length.toLocaleString('en')} first-level regions`);
    // Highest score first; rows without a score of their own come after every scored row, shown as missing.
    let rows = await tableRows(page);
    expect(rows[0]!.region).toBe(scored[0]!.region);
    expect(await sortOf(page, 'Score')).toBe('descending');
    expect(await sortOf(page, 'Region')).toBeNull();
    const firstMissing = rows.findIndex((r) => r.score.startsWith('—'));
    if (firstMissing >= 0) expect(rows.slice(firstMissing).every((r) => r.score.startsWith('—'))).toBe(true);
    await page.screenshot({ path: `${ARTIFACTS}/ranking-table.png` });

    // Sort from the keyboard: the header's button takes Enter, the header says its order, the URL keeps it.
    await page.getByRole('button', { name: /^Score/ }).focus();
    await page.keyboard.press('Enter');
    await settle(page, (rs) => rs[0]!.score.trim() !== '' && !rs[0]!.score.startsWith(scored[0]!.score!.toFixed(1)));
    expect(await sortOf(page, 'Score')).toBe('ascending');
    rows = await tableRows(page);
    const ascending = rows.filter((r) => !r.score.startsWith('—')).map((r) => Number.parseFloat(r.score));
    expect(ascending).toEqual([...ascending].sort((a, b) => a - b));
    expect(page.url()).toContain('dir=asc');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect.poll(() => sortOf(page, 'Class')).toBe('descending');
    expect(page.url()).toContain('sort=class');

    // Filters: class, own evidence only, country.
    await page.getByLabel('Class').selectOption('insufficient-data');
    await settle(page, (rs) => rs.every((r) => r.cls === 'insufficient-data'));
    expect(page.url()).toContain('class=insufficient-data');
    await page.getByLabel('Own evidence only').check();
    const own = all.filter((r) => r.basis === 'own' && r.score !== null);
    await settle(page, (rs) => rs.length > 0 && rs.every((r) => !r.score.startsWith('—')));
    expect((await tableRows(page)).length).toBeLessThanOrEqual(own.length);
    await page.getByLabel('Own evidence only').uncheck();
    await page.getByLabel('Class').selectOption('');
    await page.getByLabel('Country').selectOption({ label: 'Iraq' });
    await settle(page, (rs) => rs.length > 0 && rs.every((r) => r.region.startsWith('IQ-')));
    expect(page.url()).toContain('country=IRQ');

    // The whole view comes back from the URL.
    const url = page.url();
    const before = await tableRows(page);
    const again = await vigil.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await again.goto(url);
    await again.waitForSelector('table.ranking tbody tr');
    expect((await tableRows(again)).map((r) => r.region)).toEqual(before.map((r) => r.region));
    expect(await sortOf(again, 'Class')).toBe('descending');
    await expect(again.getByLabel('Country').inputValue()).resolves.toBe('IRQ');
    await again.close();

    // The CSV download: the export route's file for this month, lens and level.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: /Download CSV/ }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^vigil-scores-tip-\d{4}-\d{2}-admin1\.csv$/);
    const csv = (await downloadBody(download)).toString('utf8').trim().split('\n');
    expect(csv[0]).toContain('region,name,country');
    expect(csv.length - 1).toBe(all.length);
    await page.close();
  });
});
