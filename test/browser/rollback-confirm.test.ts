import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUserAndLogin, type Credentials } from '../helpers/auth.ts';
import { ARTIFACTS } from '../helpers/browser.ts';
import { seededDbCopy } from '../helpers/seeded-db.ts';
import { serveInProcess, testBrowser } from '../helpers/browser-server.ts';
import type { RunningServer } from '../helpers/server.ts';

let browser: Browser;
let server: RunningServer;
let ana: Credentials;
let ben: Credentials;

beforeAll(async () => {
  browser = await testBrowser();
  server = await serveInProcess(seededDbCopy());
  ana = await createUserAndLogin(server, 'analyst');
  ben = await createUserAndLogin(server, 'analyst');
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function importAs(who: Credentials, name: string, periods: string[]): Promise<number> {
  const rows = periods.map((p, i) => `${i % 2 ? 'NO-11' : 'NO-03'},afac.rf1,${p},2,low,Partner report`);
  const res = await fetch(`${server.url}/api/imports?name=${name}`, {
    method: 'POST',
    headers: { ...who.bearer, 'Content-Type': 'text/csv' },
    body: ['region,indicator,period,value,confidence,source', ...rows].join('\n'),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { batchId: number }).batchId;
}

describe('rolling back an import from the Data page', () => {
  it('confirms with the batch, its owner, the rows and the regions, and asks for a reason when the batch is someone else’s', async () => {
    const anas = await importAs(ana, 'ana-partner.csv', ['2001-01', '2001-02', '2001-03']);
    const bens = await importAs(ben, 'ben-partner.csv', ['2001-04']);
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await page.goto(`${server.url}/account`);
    const form = page.getByRole('form', { name: 'Sign in' });
    await form.getByLabel('Email').fill(ben.email);
    await form.getByLabel('Password').fill(ben.password);
    await form.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('account-summary').waitFor();
    await page.goto(`${server.url}/data`);

    const row = (id: number) => page.getByRole('row').filter({ hasText: `#${id}` });
    await row(anas).getByRole('button', { name: 'Roll back' }).click();
    const confirm = page.getByRole('form', { name: `Roll back import ${anas}` });
    const summary = await confirm.getByTestId('rollback-summary').innerText();
    expect(summary).toBe(
      `Roll back import #${anas}, ana-partner.csv (imported by ${ana.email} on ${new Date().toISOString().slice(0, 10)}): 3 observations will be retracted, in 2 regions (NO-03, NO-11). Scores are recomputed.`,
    );
    const reason = confirm.getByLabel(/This import is .* not yours/);
    await confirm.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${ARTIFACTS}/rollback-confirm.png` });
    await confirm.getByRole('button', { name: `Roll back import #${anas}` }).click();
    // The reason is required: the browser does not send the form without it, and nothing changes.
    await expect(row(anas).getByRole('button', { name: 'Roll back' }).count()).resolves.toBe(1);
    await reason.fill('Ana asked me to, the partner withdrew the file');
    await confirm.getByRole('button', { name: `Roll back import #${anas}` }).click();
    await expect.poll(() => row(anas).innerText()).toMatch(/rolled back/);

    await row(bens).getByRole('button', { name: 'Roll back' }).click();
    const own = page.getByRole('form', { name: `Roll back import ${bens}` });
    await expect(own.getByTestId('rollback-summary').innerText()).resolves.toMatch(
      /1 observation will be retracted, in 1 region \(NO-03\)/,
    );
    await expect(own.getByLabel(/not yours/).count()).resolves.toBe(0);
    await own.getByRole('button', { name: `Roll back import #${bens}` }).click();
    await expect.poll(() => row(bens).innerText()).toMatch(/rolled back/);

    const audit = await fetch(`${server.url}/api/observations?batch=${anas}&history=true`, { headers: ben.bearer });
    expect(((await audit.json()) as { state: string }[]).every((o) => o.state === 'retracted')).toBe(true);
    await page.close();
  });
});
