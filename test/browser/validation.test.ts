import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MODEL_CONFIG } from '../../indicators/model/config.ts';
import type { ValidationResponse } from '../../web/queries/validation.ts';
import { ARTIFACTS } from '../helpers/browser.ts';
import { validatedDbCopy } from '../helpers/seeded-db.ts';
import { serveInProcess, testBrowser } from '../helpers/browser-server.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await testBrowser();
});
afterAll(() => browser?.close());

describe('the validation page', () => {
  // On a database whose validation is stored (computing it, and the page's wait for it, are the API
  // tests' subject: test/api/validation.test.ts), so that the page has its figures at once.
  it('shows the backtest, the sensitivity variants and the class changes the API computed', async () => {
    const server = await serveInProcess(validatedDbCopy());
    try {
      const res = await fetch(`${server.url}/api/validation?wait=false`);
      expect(res.status).toBe(200);
      const api = (await res.json()) as ValidationResponse;
      expect(api.status).toBe('current');
      if (api.status === 'computing') throw new Error('the stored validation was not served');

      const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
      // The methodology page describes the default method (v2) with the model's own constants, and
      // leads to the validation.
      await page.goto(`${server.url}/methodology`);
      const method = page.locator('section#aggregation');
      await expect(method.getByRole('heading').first().innerText()).resolves.toContain('method v2, the default');
      await expect(method.innerText()).resolves.toContain(`tanh(its sum ÷ ${MODEL_CONFIG.evidence.sourceCap})`);
      await expect(page.locator('section#signs').innerText()).resolves.toContain(
        `the score stops at ${MODEL_CONFIG.evidence.conditionsCeiling}`,
      );
      await expect(page.locator('section#evidence').innerText()).resolves.toContain(
        `${MODEL_CONFIG.evidence.minSources} independent sources`,
      );
      await page.screenshot({ path: `${ARTIFACTS}/methodology.png`, fullPage: true });
      await page.getByRole('link', { name: 'validation page' }).first().click();
      await page.waitForURL(/\/validation$/);
      await page.locator('table.validation-sensitivity tbody tr').first().waitFor();

      const nineveh = page.locator('tr[data-onset][data-region="IQ-NI"]', { hasText: '2014-08' });
      await expect(nineveh.count()).resolves.toBe(1);
      const row = api.backtest.rows.find((r) => r.onset.region === 'IQ-NI' && r.onset.month === '2014-08');
      expect(row).toBeDefined();
      for (const m of ['v2', 'v1'] as const) {
        const at = row!.byMethod[m].at;
        expect(at.rank).not.toBeNull();
        await expect(nineveh.locator(`[data-cell="${m}-at"]`).innerText()).resolves.toContain(`${at.rank} of ${at.of}`);
      }

      const variants = await page
        .locator('table.validation-sensitivity tbody tr[data-variant]')
        .evaluateAll((trs) => trs.map((tr) => (tr as HTMLElement).dataset['variant']));
      expect(variants).toEqual([...api.sensitivity.variants.map((v) => v.id), 'overall']);
      expect(api.sensitivity.variants.length).toBeGreaterThan(0);

      const tip = api.classChanges.find((c) => c.lens === 'tip')!;
      await expect(page.locator('li[data-lens="tip"] .class-change-count').innerText()).resolves.toBe(
        `${tip.changed.toLocaleString('en')} of ${tip.regionMonths.toLocaleString('en')} region-months change class`,
      );
      await expect(page.locator('.validation-meta').innerText()).resolves.toContain(api.modelVersion);

      await page.screenshot({ path: `${ARTIFACTS}/validation.png`, fullPage: true });
      await page.close();
    } finally {
      await server.stop();
    }
  });
});
