import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createUserAndLogin, type Credentials } from '../helpers/auth.ts';
import { ARTIFACTS, signInOnPage } from '../helpers/browser.ts';
import { useBrowserAndServer } from '../helpers/browser-server.ts';

const vigil = useBrowserAndServer();
let ana: Credentials;
let admin: Credentials;

beforeAll(async () => {
  ana = await createUserAndLogin(vigil.server, 'analyst');
  admin = await createUserAndLogin(vigil.server, 'admin');
});

const newPage = () => vigil.browser.newPage({ viewport: { width: 1400, height: 1000 } });
const api = (path: string, who: Credentials, init: RequestInit = {}) =>
  fetch(`${vigil.server.url}${path}`, {
    ...init,
    headers: { ...who.bearer, 'Content-Type': 'application/json', ...(init.headers as Record<string, string>) },
  });
const entry = (period: string, over: Record<string, unknown> = {}) => ({
  region: 'IQ-NI',
  indicator: 'afac.rf1',
  period,
  value: 2,
  confidence: 'low',
  source: { citation: `Paging test report ${period}` },
  ...over,
});

/** Height of an element in CSS pixels. */
const heightOf = (page: Page, selector: string) =>
  page
    .locator(selector)
    .first()
    .evaluate((el) => Math.round(el.getBoundingClientRect().height));

describe('monitoring page', () => {
  it('names an entry that stands for one country-level record by the country, not one of its provinces', async () => {
    const page = await newPage();
    await page.goto(`${vigil.server.url}/monitor?period=2017-05&lens=overall`);
    const fallers = page.getByRole('region', { name: 'Fallers since last month' }).locator('table.moves');
    await fallers.waitFor();
    const folded = fallers.locator('tr', { hasText: 'alike in' });
    await expect(folded.count()).resolves.toBeGreaterThan(0);
    const rows = await folded.evaluateAll((trs) =>
      trs.map((tr) => ({ region: tr.getAttribute('data-region'), name: tr.querySelector('a')?.textContent })),
    );
    expect(rows).toContainEqual({ region: 'COD', name: 'Democratic Republic of the Congo, country-level record' });
    for (const r of rows) {
      expect(r.region, JSON.stringify(r)).toMatch(/^[A-Z]{3}$/);
      expect(r.name).toMatch(/, country-level record$/);
    }
    expect(await page.locator('main').innerText()).not.toMatch(/North Kivu/);
    await page
      .getByRole('region', { name: 'Fallers since last month' })
      .screenshot({ path: `${ARTIFACTS}/monitor-country-record.png` });
    await page.close();
  });

  it('the alerts under a region’s trend chart follow the month chosen', async () => {
    const page = await newPage();
    await page.goto(`${vigil.server.url}/region?region=NG-BO&period=2016-04&lens=overall&from=2014-01&to=2017-12`);
    const list = page.getByTestId('trend-alerts');
    await list.locator('li').first().waitFor();
    const months = async () => (await list.locator('li strong').allInnerTexts()).map((t) => t.trim());
    expect(await list.getAttribute('aria-label')).toBe('Alerts up to Apr 2016');
    expect(await months()).toEqual(['Apr 2016', 'Dec 2015', 'Dec 2014']);
    await expect(list.locator('li').first().innerText()).resolves.toMatch(/\(this month\)/);
    // One month on: nothing new, still nothing from later months; then the month with three alerts.
    await page
      .getByRole('button', { name: /Next month with data/ })
      .first()
      .click();
    await expect.poll(() => list.getAttribute('aria-label')).toBe('Alerts up to May 2016');
    expect(await months()).toEqual(['Apr 2016', 'Dec 2015', 'Dec 2014']);
    await page.goto(`${vigil.server.url}/region?region=NG-BO&period=2016-07&lens=overall&from=2014-01&to=2017-12`);
    await expect.poll(() => list.getAttribute('aria-label')).toBe('Alerts up to Jul 2016');
    expect(await months()).toEqual(['Jul 2016', 'Jul 2016', 'Jul 2016', 'Apr 2016']);
    await page.close();
  });
});

describe('signing in', () => {
  it('from the top bar comes back to the page the person was on', async () => {
    const page = await newPage();
    await page.goto(`${vigil.server.url}/monitor?period=2016-07&lens=tip`);
    await page.getByTestId('account-control').getByRole('link', { name: 'Sign in' }).click();
    const form = page.getByRole('form', { name: 'Sign in' });
    await form.getByLabel('Email').fill(ana.email);
    await form.getByLabel('Password').fill(ana.password);
    await form.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((u) => u.pathname === '/monitor');
    const url = new URL(page.url());
    expect(url.searchParams.get('period')).toBe('2016-07');
    expect(url.searchParams.get('lens')).toBe('tip');
    await expect(page.getByTestId('account-control').innerText()).resolves.toContain(ana.email);
    await page.close();
  });
});

describe('data and admin pages', () => {
  it('the region history pages instead of growing, and the audit log never says "undefined"', async () => {
    // Nineveh has 19 versions in the bundled data; six more make two pages.
    const ids: number[] = [];
    for (const p of ['2013-01', '2013-02', '2013-03', '2013-04', '2013-05', '2013-06']) {
      const res = await api('/api/observations', ana, { method: 'POST', body: JSON.stringify(entry(p)) });
      expect(res.status).toBe(201);
      ids.push(((await res.json()) as { id: number }).id);
    }
    // An admin retracts an analyst's observation: the audit entry gains fields the record did not have.
    const retract = await api(`/api/observations/${ids[0]}/retract`, admin, {
      method: 'POST',
      body: JSON.stringify({ reason: 'Entered for the wrong month' }),
    });
    expect(retract.status).toBe(200);

    const page = await newPage();
    await signInOnPage(page, vigil.server.url, admin);
    await page.goto(`${vigil.server.url}/data?region=IQ-NI`);
    const history = page.locator('table.history');
    await history.waitFor();
    await expect(history.locator('tbody tr').count()).resolves.toBe(10);
    const pager = page.getByRole('navigation', { name: 'History pages' });
    await expect(pager.innerText()).resolves.toMatch(/Rows 1–10 of 25 · page 1 of 3/);
    const height = await heightOf(page, 'table.history');
    console.log(`region history table: ${height} px for 10 of 25 versions`);
    expect(height).toBeLessThan(2500);
    await pager.getByRole('button', { name: /Next/ }).click();
    await pager.getByRole('button', { name: /Next/ }).click();
    await expect(history.locator('tbody tr').count()).resolves.toBe(5);
    await expect(pager.innerText()).resolves.toMatch(/Rows 21–25 of 25 · page 3 of 3/);
    await page.screenshot({ path: `${ARTIFACTS}/region-history-pages.png` });

    await page.goto(`${vigil.server.url}/admin`);
    const audit = page.locator('table', { has: page.locator('th', { hasText: 'Change' }) });
    await audit.locator('tbody tr').first().waitFor();
    const text = await audit.innerText();
    expect(text).toMatch(/retract/);
    expect(text).toMatch(/owner: none → /);
    expect(text).not.toMatch(/undefined/);
    await page.close();
  });

  it('rolling back an import takes its stale "Imported" message away and says batch, rows and regions', async () => {
    const page = await newPage();
    await signInOnPage(page, vigil.server.url, ana);
    await page.goto(`${vigil.server.url}/data`);
    const box = page.getByRole('region', { name: 'Import a file' });
    const csv = 'region,indicator,period,value,confidence,source\nNO-03,afac.rf1,2002-01,2,low,Stale message test\n';
    await box
      .locator('input[type=file]')
      .setInputFiles({ name: 'stale.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await box.getByRole('button', { name: 'Check file' }).click();
    await box.getByRole('button', { name: 'Import 1 observation' }).click();
    const done = box.getByText(/Imported as batch (\d+)/);
    await done.waitFor();
    const batch = Number((await done.innerText()).match(/batch (\d+)/)![1]);
    await box
      .getByRole('row')
      .filter({ hasText: `#${batch}` })
      .getByRole('button', { name: 'Roll back' })
      .click();
    const confirm = page.getByRole('form', { name: `Roll back import ${batch}` });
    await expect(confirm.getByTestId('rollback-summary').innerText()).resolves.toMatch(
      new RegExp(
        `^Roll back import #${batch}, stale\\.csv .*: 1 observation will be retracted, in 1 region \\(NO-03\\)`,
      ),
    );
    await expect(box.getByText(/Imported as batch/).count()).resolves.toBe(0);
    await confirm.getByRole('button', { name: `Roll back import #${batch}` }).click();
    await expect
      .poll(() =>
        box
          .getByRole('row')
          .filter({ hasText: `#${batch}` })
          .innerText(),
      )
      .toMatch(/rolled back/);
    await expect(box.getByText(/Imported as batch/).count()).resolves.toBe(0);
    await page.close();
  });
});
