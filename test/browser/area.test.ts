import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ARTIFACTS } from '../helpers/browser.ts';
import { useBrowserAndServer } from '../helpers/browser-server.ts';
import { createUser } from '../helpers/auth.ts';
import { signInOnPage } from '../helpers/browser.ts';
import { mapIdle, tableCodes } from './area-driver.ts';
import { pointOf } from './map-driver.ts';

const vigil = useBrowserAndServer();

async function clickAt(page: Page, lngLat: [number, number]) {
  const p = await pointOf(page, lngLat);
  await page.mouse.click(p.x, p.y);
}

describe('the area of interest in headless Chromium', () => {
  it('picks regions, draws a polygon, saves it with the account and opens its two-page brief', async () => {
    const who = await createUser(vigil.server, 'viewer');
    const context = await vigil.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await signInOnPage(page, vigil.server.url, who);
    await page.goto(`${vigil.server.url}/area?from=2016-01&to=2016-12`);
    await mapIdle(page);
    await page.evaluate(() =>
      (window as unknown as { __vigilMap: { jumpTo(o: object): void } }).__vigilMap.jumpTo({
        center: [43.4, 36.2],
        zoom: 5.5,
      }),
    );
    await mapIdle(page);

    // Two regions picked by clicking them: Nineveh (west of Mosul) and Erbil.
    await clickAt(page, [42.4, 36.0]);
    await expect.poll(() => new URL(page.url()).searchParams.get('regions')).toBe('IQ-NI');
    await clickAt(page, [44.4, 36.4]);
    await expect.poll(() => new URL(page.url()).searchParams.get('regions')).toBe('IQ-NI,IQ-AR');
    await expect.poll(() => tableCodes(page)).toEqual(['IQ-NI', 'IQ-AR']);
    await page.screenshot({ path: `${ARTIFACTS}/area-regions.png` });

    // A drawn polygon around Mosul replaces them: mostly Nineveh, with parts of its neighbours.
    await page.getByRole('button', { name: 'Draw a polygon' }).click();
    for (const corner of [
      [42.6, 35.9],
      [43.6, 35.9],
      [43.6, 37.0],
      [42.6, 37.0],
    ] as [number, number][])
      await clickAt(page, corner);
    await page.getByRole('button', { name: 'Finish polygon (4 points)' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('poly')?.split(';').length).toBe(4);
    await expect.poll(() => tableCodes(page)).toContain('IQ-DA');
    const codes = await tableCodes(page);
    expect(codes[0]).toBe('IQ-NI');
    expect(codes).not.toContain('IQ-BA');
    await expect(page.getByTestId('area-gaps').locator('li').count()).resolves.toBeGreaterThan(0);

    await page.getByLabel('Name of the area').fill('Mosul corridor');
    await page.getByRole('button', { name: 'Save with my account' }).click();
    await page
      .getByRole('region', { name: 'My saved areas' })
      .getByRole('button', { name: 'Mosul corridor', exact: true })
      .waitFor();
    await page.screenshot({ path: `${ARTIFACTS}/area-page.png`, fullPage: true });

    await page.getByRole('link', { name: 'Open the area brief' }).click();
    const brief = page.getByTestId('area-brief');
    await brief.waitFor();
    await expect(brief.locator('h1').textContent()).resolves.toBe('Mosul corridor');
    await expect(brief.locator('.brief-page').count()).resolves.toBe(2);
    await expect(
      brief.locator('.brief-page').nth(1).getByText('Monitoring gaps to close at deployment').count(),
    ).resolves.toBe(1);
    await page.emulateMedia({ media: 'print' });
    await page.screenshot({ path: `${ARTIFACTS}/area-brief.png`, fullPage: true });
    const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true });
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    expect(pages).toBe(2);
    await context.close();
  });
});
