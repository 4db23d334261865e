import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { fmtPeriod } from '../../web/lib/format.ts';
import { ARTIFACTS } from '../helpers/browser.ts';
import { useBrowserAndServer } from '../helpers/browser-server.ts';
import { chooseMonth, sliderMonth, waitForDrawn } from './map-driver.ts';

const vigil = useBrowserAndServer({ db: 'first-start' });
let periods: string[];

beforeAll(async () => {
  periods = (await (await fetch(`${vigil.server.url}/api/periods`)).json()) as string[];
});

/** The month labels under a trend chart's axis, left to right. */
const monthTicks = (page: Page) =>
  page.locator('.trend-chart').first().locator('.axis text[text-anchor="middle"]').allTextContents();

const range = (page: Page) => {
  const u = new URL(page.url()).searchParams;
  return [u.get('from'), u.get('to')];
};

describe('the month range in headless Chromium', () => {
  it('limits the region profile trend and its alerts, keeps the range in the URL and hands it to the brief', async () => {
    const context = await vigil.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const alertAsks: string[] = [];
    page.on('request', (r) => {
      if (/\/api\/regions\/IQ-NI\/alerts\?/.test(r.url())) alertAsks.push(r.url());
    });
    await page.goto(`${vigil.server.url}/region?region=IQ-NI&lens=tip`);
    await page.locator('.trend-chart').first().waitFor();
    // By default the last 24 months with data, not written to the URL.
    const last = periods.at(-1)!;
    const start = periods.at(-24)!;
    await expect.poll(() => sliderMonth(page, 'From')).toBe(start);
    await expect(sliderMonth(page, 'To')).resolves.toBe(last);
    expect(range(page)).toEqual([null, null]);

    await chooseMonth(page, 'From', '2016-01');
    await chooseMonth(page, 'To', '2016-12');
    await expect.poll(() => range(page)).toEqual(['2016-01', '2016-12']);
    await expect.poll(() => monthTicks(page)).toEqual(['Jan 2016', 'Apr 2016', 'Jul 2016', 'Oct 2016']);
    await expect(page.locator('.trend-chart').first().getAttribute('aria-label')).resolves.toContain(
      'from Jan 2016 to Dec 2016',
    );
    // The alerts are asked for over the range only.
    await expect.poll(() => alertAsks.some((u) => u.includes('from=2016-01') && u.includes('to=2016-12'))).toBe(true);
    await expect(page.getByText(/trend and alerts over Jan 2016 – Dec 2016/).count()).resolves.toBe(1);

    // Moving "To" before "From" brings "From" along: the range never runs backwards.
    await page.getByRole('button', { name: 'From: next month with data' }).click();
    await expect.poll(() => range(page)).toEqual(['2016-02', '2016-12']);
    await chooseMonth(page, 'To', '2015-11');
    await expect.poll(() => range(page)).toEqual(['2015-11', '2015-11']);
    await chooseMonth(page, 'To', '2016-12');
    await chooseMonth(page, 'From', '2016-01');
    await expect.poll(() => range(page)).toEqual(['2016-01', '2016-12']);

    // A reload restores the range and the chart.
    await page.reload();
    await expect.poll(() => monthTicks(page)).toEqual(['Jan 2016', 'Apr 2016', 'Jul 2016', 'Oct 2016']);
    await expect(sliderMonth(page, 'From')).resolves.toBe('2016-01');
    await expect(sliderMonth(page, 'To')).resolves.toBe('2016-12');
    await page.screenshot({ path: `${ARTIFACTS}/month-range-region.png` });

    // The brief opened from the profile prints the range in its header and its trend covers it.
    const [brief] = await Promise.all([
      context.waitForEvent('page'),
      page.getByRole('link', { name: 'Print brief' }).click(),
    ]);
    await brief.waitForSelector('[data-testid="brief"][data-ready="true"]');
    expect(new URL(brief.url()).searchParams.get('from')).toBe('2016-01');
    expect(new URL(brief.url()).searchParams.get('to')).toBe('2016-12');
    const text = await brief.getByTestId('brief').innerText();
    expect(text).toContain('Trend: Jan 2016 – Dec 2016');
    expect(text).toContain('Score by month, Jan 2016 – Dec 2016');
    expect(text).toContain('Nov 2017, the month of this brief, is outside the months shown.');
    await expect(monthTicks(brief)).resolves.toEqual(['Jan 2016', 'Apr 2016', 'Jul 2016', 'Oct 2016']);
    await brief.reload();
    await brief.waitForSelector('[data-testid="brief"][data-ready="true"]');
    await expect(brief.getByTestId('brief').innerText()).resolves.toContain('Trend: Jan 2016 – Dec 2016');
    await expect(sliderMonth(brief, 'From')).resolves.toBe('2016-01');
    await brief.screenshot({ path: `${ARTIFACTS}/month-range-brief.png` });

    // The brief's own range control changes the trend.
    await chooseMonth(brief, 'From', '2015-01');
    await expect.poll(() => brief.getByTestId('brief').innerText()).toContain('Trend: Jan 2015 – Dec 2016');
    await context.close();
  });

  it('clamps a range to the months with data, puts a backwards one in order, and says so', async () => {
    const page = await vigil.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${vigil.server.url}/region?region=IQ-NI&lens=tip&from=2010-01&to=2016-06`);
    const note = page.getByTestId('month-range').locator('.range-note');
    await expect
      .poll(() => note.innerText())
      .toBe(`No data in Jan 2010: the range starts at ${fmtPeriod(periods[0])}, the first month with data.`);
    await expect(sliderMonth(page, 'From')).resolves.toBe(periods[0]);
    await expect(sliderMonth(page, 'To')).resolves.toBe('2016-06');
    await page.locator('.trend-chart').first().waitFor();
    await page.screenshot({ path: `${ARTIFACTS}/month-range-clamped.png` });
    // Choosing a month writes a valid range and the note goes.
    await page.getByRole('button', { name: 'From: next month with data' }).click();
    await expect.poll(() => range(page)).toEqual([periods[1], '2016-06']);
    await expect.poll(() => page.getByTestId('month-range').locator('.range-note').count()).toBe(0);

    await page.goto(`${vigil.server.url}/brief?region=IQ-NI&lens=tip&from=2017-03&to=2016-03`);
    await page.waitForSelector('[data-testid="brief"][data-ready="true"]');
    await expect(page.getByTestId('brief').innerText()).resolves.toContain('Trend: Mar 2016 – Mar 2017');
    await expect(page.getByTestId('month-range').locator('.range-note').innerText()).resolves.toBe(
      'The range ran backwards (Mar 2017 after Mar 2016): its ends are swapped.',
    );
    await page.close();
  });

  it('compares the two ends of the range on the compare page, old links included', async () => {
    const page = await vigil.browser.newPage({ viewport: { width: 1280, height: 900 } });
    // A link from before the range: two months, in order. It opens as it did.
    await page.goto(`${vigil.server.url}/compare?from=2016-12&to=2017-11&lens=tip`);
    const legend = page.getByRole('figure', { name: 'Map legend' });
    await expect.poll(() => legend.innerText()).toContain('Change in score, Dec 2016 to Nov 2017');
    await expect(sliderMonth(page, 'From')).resolves.toBe('2016-12');
    await expect(sliderMonth(page, 'To')).resolves.toBe('2017-11');
    await page.getByRole('button', { name: 'To: previous month with data' }).click();
    await expect.poll(() => range(page)).toEqual(['2016-12', '2017-10']);
    await expect.poll(() => legend.innerText()).toContain('Change in score, Dec 2016 to Oct 2017');
    // A backwards link is put in order and says so.
    await page.goto(`${vigil.server.url}/compare?from=2016-12&to=2015-12&lens=tip`);
    await expect.poll(() => legend.innerText()).toContain('Change in score, Dec 2015 to Dec 2016');
    await expect(page.getByTestId('month-range').locator('.range-note').innerText()).resolves.toContain('swapped');
    await waitForDrawn(page, 'periods|2015-12|2016-12|tip|0');
    await page.screenshot({ path: `${ARTIFACTS}/month-range-compare.png` });
    await page.close();
  });
});
