import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { addMonths, longPeriod } from '../../indicators/index.ts';
import { ARTIFACTS } from '../helpers/browser.ts';
import { useBrowserAndServer } from '../helpers/browser-server.ts';
import { sliderMonth } from './map-driver.ts';

const vigil = useBrowserAndServer({ db: 'first-start' });
let periods: string[];

beforeAll(async () => {
  periods = (await (await fetch(`${vigil.server.url}/api/periods`)).json()) as string[];
});

const urlPeriod = (page: Page) => new URL(page.url()).searchParams.get('period');

/** The years written under a slider's track and the x of each mark's centre, left to right. */
const yearMarks = (page: Page, nth = 0) =>
  page
    .getByTestId('year-ticks')
    .nth(nth)
    .locator('.year-tick')
    .evaluateAll((spans) =>
      spans.map((s) => {
        const r = s.getBoundingClientRect();
        return {
          year: (s as HTMLElement).innerText,
          x: r.left + r.width / 2,
          left: r.left,
          right: r.right,
          bottom: r.bottom,
        };
      }),
    );

describe('the month control in headless Chromium', () => {
  it('steps with its buttons and keys, keeps the month in the URL and marks the years under the track', async () => {
    expect(periods.length).toBeGreaterThan(24);
    const last = periods.at(-1)!;
    const page = await vigil.browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${vigil.server.url}/table?lens=tip`);
    const slider = page.getByRole('slider', { name: 'Month' });
    const prev = page.getByRole('button', { name: 'Previous month with data' });
    const next = page.getByRole('button', { name: 'Next month with data' });
    await expect.poll(() => slider.getAttribute('aria-valuetext')).toBe(longPeriod(last));
    // At the last month, "next" is disabled and "previous" is not.
    expect(await next.isDisabled()).toBe(true);
    expect(await prev.isDisabled()).toBe(false);

    await prev.click();
    await expect.poll(() => urlPeriod(page)).toBe(periods.at(-2));
    expect(await slider.getAttribute('aria-valuetext')).toBe(longPeriod(periods.at(-2)!));
    expect(await next.isDisabled()).toBe(false);
    await next.click();
    await expect.poll(() => urlPeriod(page)).toBe(last);

    // Keyboard: arrows a month, PageDown/PageUp a year, Home/End the ends.
    await slider.focus();
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => urlPeriod(page)).toBe(periods.at(-2));
    await page.keyboard.press('PageDown');
    await expect.poll(() => urlPeriod(page)).toBe(addMonths(periods.at(-2)!, -12));
    await page.keyboard.press('PageUp');
    await expect.poll(() => urlPeriod(page)).toBe(periods.at(-2));
    await page.keyboard.press('Home');
    await expect.poll(() => urlPeriod(page)).toBe(periods[0]);
    expect(await prev.isDisabled()).toBe(true);
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => urlPeriod(page)).toBe(periods[1]);
    await page.keyboard.press('End');
    await expect.poll(() => urlPeriod(page)).toBe(last);
    await expect(sliderMonth(page, 'Month')).resolves.toBe(last);

    // One mark per year with data, labelled, left to right under the track.
    const years = [...new Set(periods.map((p) => p.slice(0, 4)))];
    const marks = await yearMarks(page);
    expect(marks.map((m) => m.year)).toEqual(years);
    for (let i = 1; i < marks.length; i++) expect(marks[i]!.x).toBeGreaterThan(marks[i - 1]!.x + 20);
    const box = (await slider.boundingBox())!;
    for (const m of marks) expect(m.bottom).toBeGreaterThan(box.y + box.height);
    // A mark sits where its year begins: clicking the track at the second year's mark picks that year's first month.
    const second = marks[1]!;
    await page.mouse.click(second.x, box.y + box.height / 2);
    await expect.poll(() => urlPeriod(page)).toBe(periods.find((p) => p.startsWith(second.year)));

    // A reload restores the month from the URL.
    await page.keyboard.press('PageUp');
    const chosen = urlPeriod(page)!;
    await page.reload();
    await expect.poll(() => slider.getAttribute('aria-valuetext')).toBe(longPeriod(chosen));
    await page
      .getByRole('region', { name: 'Table controls' })
      .screenshot({ path: `${ARTIFACTS}/month-control-table.png` });
    await page.close();
  });

  it('is the same control on every page that has a month', async () => {
    const page = await vigil.browser.newPage({ viewport: { width: 1280, height: 800 } });
    const years = new Set(periods.map((p) => p.slice(0, 4))).size;
    for (const [path, names] of [
      ['/?lens=tip', ['Month']],
      ['/table', ['Month']],
      ['/monitor', ['Month']],
      ['/region?region=IQ-NI', ['Month', 'From', 'To']],
      ['/compare', ['From', 'To']],
      ['/brief?region=IQ-NI', ['Month', 'From', 'To']],
    ] as const) {
      await page.goto(`${vigil.server.url}${path}`);
      for (const [i, name] of names.entries()) {
        const slider = page.getByRole('slider', { name, exact: true });
        await expect.poll(() => slider.getAttribute('aria-valuetext')).toMatch(/^[A-Z][a-z]+ \d{4}$/);
        expect((await yearMarks(page, i)).length, `${path} ${name}`).toBe(years);
      }
      expect(await page.getByRole('button', { name: /month with data$/ }).count(), path).toBe(2 * names.length);
      if (path.startsWith('/?')) await page.getByRole('button', { name: 'Play the months' }).waitFor();
    }
    await page.goto(`${vigil.server.url}/region?region=IQ-NI&period=2016-06`);
    await expect
      .poll(() => page.getByRole('slider', { name: 'Month' }).getAttribute('aria-valuetext'))
      .toBe('June 2016');
    await page
      .getByRole('region', { name: 'Profile controls' })
      .screenshot({ path: `${ARTIFACTS}/month-control-region.png` });
    await page.close();
  });

  it('writes the years short on a phone, where the track is narrow, without the labels running together', async () => {
    const page = await vigil.browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(`${vigil.server.url}/?lens=tip`);
    await expect
      .poll(() => page.getByRole('slider', { name: 'Month' }).getAttribute('aria-valuetext'))
      .toBe(longPeriod(periods.at(-1)!));
    const marks = await yearMarks(page);
    expect(marks.map((m) => m.year)).toEqual([...new Set(periods.map((p) => `’${p.slice(2, 4)}`))]);
    for (let i = 1; i < marks.length; i++) expect(marks[i]!.left).toBeGreaterThan(marks[i - 1]!.right);
    await page.getByTestId('month-control').screenshot({ path: `${ARTIFACTS}/month-control-phone.png` });
    await page.close();
  });
});
