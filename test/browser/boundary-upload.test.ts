import { describe, expect, it } from 'vitest';
import { ARTIFACTS, signInOnPage } from '../helpers/browser.ts';
import { useBrowserAndServer } from '../helpers/browser-server.ts';
import { createUser } from '../helpers/auth.ts';

const vigil = useBrowserAndServer();

/** One made-up district inside Nineveh, with COD-AB field names (test data, not an official set). */
const DISTRICT = {
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      properties: { ADM2_PCODE: 'IQ9902', ADM2_EN: 'Browser district', ADM1_PCODE: 'IQ99', ADM0_PCODE: 'IQ' },
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [43.0, 36.2],
            [43.3, 36.2],
            [43.3, 36.45],
            [43.0, 36.45],
            [43.0, 36.2],
          ],
        ],
      },
    },
  ],
};

describe('the admin page’s boundary set upload in headless Chromium', () => {
  it('checks a file with a dry run, shows the report, then stores it', async () => {
    const admin = await createUser(vigil.server, 'admin');
    const context = await vigil.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await signInOnPage(page, vigil.server.url, admin);
    await page.goto(`${vigil.server.url}/admin`);
    const form = page.getByRole('form', { name: 'Upload a boundary set' });
    await form.getByLabel('File').setInputFiles({
      name: 'districts.geojson',
      mimeType: 'application/geo+json',
      buffer: Buffer.from(JSON.stringify(DISTRICT)),
    });
    const store = form.getByRole('button', { name: 'Store the set' });
    await form.getByRole('button', { name: 'Check (dry run)' }).click();
    const report = page.getByTestId('boundary-report');
    await expect.poll(() => report.getAttribute('data-status')).toBe('dry-run');
    await expect(report.textContent()).resolves.toContain('1 feature at level 2, codes from ADM2_PCODE');
    // Nothing can be stored without a licence and a validity date.
    await expect(store.isDisabled()).resolves.toBe(true);
    await form.getByLabel('Licence and attribution').fill('Test data, made up');
    await form.getByLabel('Valid from').fill('2016-01-01');
    // Changing an option asks for a new check first.
    await expect(store.isDisabled()).resolves.toBe(true);
    await form.getByRole('button', { name: 'Check (dry run)' }).click();
    await expect.poll(() => store.isDisabled()).toBe(false);
    await store.click();
    await expect.poll(() => report.getAttribute('data-status')).toBe('stored');
    await page.screenshot({ path: `${ARTIFACTS}/boundary-upload.png`, fullPage: true });
    const regions = (await (await fetch(`${vigil.server.url}/api/regions?level=2`)).json()) as { code: string }[];
    expect(regions.map((r) => r.code)).toContain('IQ9902');
    await context.close();
  });
});
