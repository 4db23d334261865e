import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, launchBrowser } from '../helpers/browser.ts';
import { createUserAndLogin } from '../helpers/auth.ts';
import { seededDbCopy } from '../helpers/seeded-db.ts';
import { startServer, type RunningServer } from '../helpers/server.ts';

let server: RunningServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({ dbPath: seededDbCopy() }), launchBrowser()]);
  const analyst = await createUserAndLogin(server, 'analyst');
  const [name, value] = analyst.cookie.split('=') as [string, string];
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  await context.addCookies([{ name, value, url: server.url }]);
  page = await context.newPage();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const csvFile = (name: string, text: string) => {
  const p = join(mkdtempSync(join(tmpdir(), 'vigil-ui-')), name);
  writeFileSync(p, text);
  return p;
};

/** The end-to-end path of the Data page in the built dashboard (run `npx vite build` first). */
describe('Data page in headless Chromium', () => {
  it('adds an observation, names a bad field, and shows the region history with who entered it', async () => {
    await page.goto(`${server.url}/data`);
    await page.getByRole('combobox', { name: 'Region' }).fill('Borno');
    await page.getByRole('option', { name: /Borno/ }).first().click();
    await expect(page.getByText('NG-BO', { exact: true }).first().isVisible()).resolves.toBe(true);
    const form = page.getByRole('form', { name: 'Add an observation' });
    await form.getByLabel('Indicator').selectOption('afac.rf1');
    await form.getByLabel('Month').fill('2016-11');
    await form.getByLabel('Value').selectOption('3');
    await form.getByRole('button', { name: 'Add observation' }).click();
    await expect(form.getByRole('alert').first().innerText()).resolves.toMatch(/citation/);
    await form.getByLabel('Source citation').fill('Test situation report, section 4');
    await form.getByRole('button', { name: 'Add observation' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /Saved as observation \d+/ })
      .waitFor();
    const history = page.getByRole('table').filter({ hasText: 'Observations of NG-BO' });
    await history.getByText('Test situation report, section 4').waitFor();
    await expect(history.innerText()).resolves.toMatch(/local-operator|@/);
    await page.screenshot({ path: `${ARTIFACTS}/data-entry.png`, fullPage: true });
  });

  it('checks a file, shows the rejected rows, then imports a good one after confirmation', async () => {
    await page.goto(`${server.url}/data`);
    const box = page.getByRole('region', { name: 'Import a file' });
    await box
      .getByLabel('File', { exact: true })
      .setInputFiles(
        csvFile(
          'bad.csv',
          'region,indicator,period,value,source\nIQ-NI,afac.rf1,2016-11,3,Partner\nAtlantis,afac.rf1,2016-11,2,Partner\n',
        ),
      );
    await box.getByRole('button', { name: 'Check file' }).click();
    const report = box.getByRole('region', { name: 'Import report' });
    await report.getByText(/1 rejected/).waitFor();
    await expect(report.innerText()).resolves.toMatch(/3\s+region\s+no region matches 'Atlantis'/);
    await expect(box.getByRole('button', { name: 'Fix the rejected rows to import' }).isDisabled()).resolves.toBe(true);
    await page.screenshot({ path: `${ARTIFACTS}/data-import-rejected.png`, fullPage: true });

    await box
      .getByLabel('File', { exact: true })
      .setInputFiles(
        csvFile(
          'good.csv',
          '#adm1+code,#indicator+code,#date,#value,#meta+source\nIQ-NI,afac.rf1,2016-11,3,Partner\nIQ-AN,afac.rf1,2016-11,2,Partner\n',
        ),
      );
    await box.getByRole('button', { name: 'Check file' }).click();
    await report.getByText(/would create 2/).waitFor();
    await box.getByRole('button', { name: 'Import 2 observations' }).click();
    await box
      .getByRole('status')
      .filter({ hasText: /Imported as batch \d+/ })
      .waitFor();
    await box.getByRole('table').filter({ hasText: 'Recent imports' }).getByText('good.csv').waitFor();
    const periods = (await (await fetch(`${server.url}/api/periods`)).json()) as string[];
    expect(periods).toContain('2016-11');
    await page.screenshot({ path: `${ARTIFACTS}/data-import-applied.png`, fullPage: true });
  });
});
