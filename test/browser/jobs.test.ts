import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { ARTIFACTS } from '../helpers/browser.ts';
import { useBrowserAndServer } from '../helpers/browser-server.ts';
import { createUserAndLogin } from '../helpers/auth.ts';
import { changeBin } from '../../web/charts/change-colors.ts';
import { ALERT_REGION, FALLER_REGION, GAP_REGION, dashboardDbCopy, TEST_MONTH } from './dashboard-data.ts';
import { chooseMonth, colourKey, fills, pageNow, pointOf, sliderMonth, waitForDrawn } from './map-driver.ts';

const vigil = useBrowserAndServer({ db: dashboardDbCopy });

const api = async <T>(path: string): Promise<T> => (await (await fetch(`${vigil.server.url}/api${path}`)).json()) as T;
const newPage = () => vigil.browser.newPage({ viewport: { width: 1400, height: 900 } });

/**
 * The monitoring view of the test month, opened once: the monitoring test reads it, and the
 * watchlist job starts from it (nothing watched yet) instead of loading it again.
 */
let monitorPage: Promise<Page> | undefined;
const monitor = () =>
  (monitorPage ??= newPage().then(async (page) => {
    await page.goto(`${vigil.server.url}/monitor?period=${TEST_MONTH}&lens=tip`);
    return page;
  }));
afterAll(async () => {
  await (await monitorPage?.catch(() => undefined))?.close();
});

/** Types a region into a search box and picks the first match with the keyboard. */
async function searchAndPick(page: Page, label: string, text: string, expected: string) {
  const box = page.getByRole('combobox', { name: label });
  await box.fill(text);
  await expect
    .poll(() => page.getByRole('listbox', { name: 'Matching regions' }).getByRole('option').first().innerText())
    .toContain(expected);
  await box.press('Enter');
}

/** The score shown in the profile header, once loaded. */
async function profileScore(page: Page): Promise<string> {
  await page.getByTestId('profile-score').waitFor();
  return page.getByTestId('profile-score').innerText();
}

describe('the three jobs, end to end in the browser', () => {
  it(
    'opens a region profile from a map click, with the score the explanation gives',
    { timeout: 120_000 },
    async () => {
      const page = await newPage();
      await page.goto(`${vigil.server.url}/?lens=tip&period=${TEST_MONTH}`);
      await waitForDrawn(page, colourKey(TEST_MONTH, 'tip', 0));
      const nigeria = await pointOf(page, [12.5, 11.2]);
      await page.mouse.move(nigeria.x, nigeria.y);
      await expect.poll(() => page.getByRole('tooltip').innerText()).toContain('Nigeria');
      await page.mouse.click(nigeria.x, nigeria.y);
      await expect.poll(() => new URL(page.url()).searchParams.get('region')).toBe('NGA');
      const explained = await api<{ score: number; name: string }>(
        `/regions/NGA/explain?period=${TEST_MONTH}&lens=tip`,
      );
      expect(await profileScore(page)).toBe(explained.score.toFixed(1));
      await expect(page.getByTestId('region-summary').innerText()).resolves.toContain('Nigeria');
      await page.screenshot({ path: `${ARTIFACTS}/map-profile-country.png` });

      // A first-level region: switch the level, click Nineveh, compare again.
      const t0 = await pageNow(page);
      await page.getByRole('combobox', { name: 'Regions' }).selectOption('1');
      await waitForDrawn(page, colourKey(TEST_MONTH, 'tip', 1), t0);
      const nineveh = await pointOf(page, [42.6, 36.0]);
      await page.mouse.click(nineveh.x, nineveh.y);
      await expect.poll(() => new URL(page.url()).searchParams.get('region')).toBe('IQ-NI');
      const ni = await api<{ score: number }>(`/regions/IQ-NI/explain?period=${TEST_MONTH}&lens=tip`);
      await expect.poll(() => profileScore(page)).toBe(ni.score.toFixed(1));
      expect((await fills(page, 1, ['IQ-NI']))['IQ-NI']).toBe('very-high');
      await page.screenshot({ path: `${ARTIFACTS}/map-profile-region.png` });
      await page.close();
    },
  );

  it('monitoring lists the alert the test data trigger, with its reasons, and the month’s movers and gaps', async () => {
    const page = await monitor();
    const alerts = page.getByRole('list', { name: 'Active alerts' });
    await alerts.waitFor();
    const entry = alerts.locator(`[data-region="${ALERT_REGION.code}"]`);
    await expect(entry.innerText()).resolves.toContain(ALERT_REGION.name);
    const text = await entry.innerText();
    expect(text).toMatch(/Sharp rise|Class crossed|New trafficking sign/);
    const expected = (await api<{ region: string; reason: string }[]>(`/alerts?period=${TEST_MONTH}&lens=tip`)).filter(
      (a) => a.region === ALERT_REGION.code,
    );
    expect(expected.length).toBeGreaterThan(0);
    for (const a of expected) expect(text).toContain(a.reason);

    const risers = page.locator('section', { has: page.getByRole('heading', { name: 'Risers since last month' }) });
    await expect.poll(() => risers.innerText()).toContain(ALERT_REGION.name);
    const fallers = page.locator('section', { has: page.getByRole('heading', { name: 'Fallers since last month' }) });
    await expect.poll(() => fallers.innerText()).toContain(FALLER_REGION.name);
    const gaps = page.locator('section', { has: page.getByRole('heading', { name: 'Coverage gaps' }) });
    await gaps.locator('table, .empty').first().waitFor();
    await page.screenshot({ path: `${ARTIFACTS}/monitor.png`, fullPage: true });
    const all = gaps.getByRole('button', { name: /Show all/ });
    if (await all.count()) await all.click();
    await expect.poll(() => gaps.locator(`[data-region="${GAP_REGION.code}"]`).count()).toBe(1);
  });

  it('job 1, pre-deployment profile: a planner finds a region and reads its risk, drivers, forms, sources and neighbours', async () => {
    // Anyone sees the sources behind a score; the history of each observation needs an account.
    const anonymous = await newPage();
    await anonymous.goto(`${vigil.server.url}/region?region=NG-BO&lens=tip`);
    await anonymous
      .locator('table.evidence tbody tr')
      .first()
      .getByRole('button', { name: /History of/ })
      .click();
    await expect.poll(() => anonymous.locator('tr.history').innerText()).toContain('Sign in to see every version');
    await anonymous.close();

    const viewer = await createUserAndLogin(vigil.server, 'viewer');
    const context = await vigil.browser.newContext({ viewport: { width: 1400, height: 900 } });
    const [name, value] = viewer.cookie.split('=') as [string, string];
    await context.addCookies([{ name, value, url: vigil.server.url }]);
    const page = await context.newPage();
    await page.goto(`${vigil.server.url}/region`);
    await page.getByRole('heading', { name: 'Region profile' }).waitFor();
    await searchAndPick(page, 'Region', 'borno', 'Borno');
    await expect.poll(() => new URL(page.url()).searchParams.get('region')).toBe('NG-BO');
    const latest = (await api<string[]>('/periods')).at(-1)!;
    const explained = await api<{ score: number; contributions: { observed: boolean }[] }>(
      `/regions/NG-BO/explain?period=${latest}&lens=tip`,
    );
    expect(await profileScore(page)).toBe(explained.score.toFixed(1));
    const profile = page.getByRole('article', { name: 'Profile of Borno State' });
    await expect(profile.getByRole('img', { name: /Risk score of Borno State/ }).count()).resolves.toBe(1);
    expect(await profile.locator('.drivers li').count()).toBeGreaterThan(0);
    await expect(profile.locator('.drivers .reason').first().innerText()).resolves.toMatch(/severity|observed|%/);
    expect(
      await page.getByRole('list', { name: 'Likely forms of exploitation' }).locator('li').count(),
    ).toBeGreaterThan(0);
    const evidence = profile.locator('table.evidence tbody tr');
    expect(await evidence.count()).toBe(explained.contributions.filter((c) => c.observed).length);
    await expect(evidence.first().locator('td.source').innerText()).resolves.not.toBe('—');
    await evidence
      .first()
      .getByRole('button', { name: /History of/ })
      .click();
    await expect.poll(() => profile.locator('tr.history').innerText()).toMatch(/entered by .+ on \d{4}-\d{2}-\d{2}/);
    const comparison = page.getByRole('list', { name: 'Comparison with the country and neighbours' });
    await expect.poll(() => comparison.innerText()).toMatch(/Nigeria[\s\S]*country/);
    await expect(comparison.innerText()).resolves.toMatch(/Yobe State|Adamawa State/);
    await page.screenshot({ path: `${ARTIFACTS}/region-profile.png`, fullPage: true });

    // The printable brief of the same region, month and lens opens in a new tab.
    const [brief] = await Promise.all([
      context.waitForEvent('page'),
      profile.getByRole('link', { name: 'Print brief' }).click(),
    ]);
    await brief.waitForSelector('[data-testid="brief"][data-ready="true"]');
    expect(Object.fromEntries(new URL(brief.url()).searchParams)).toEqual({
      region: 'NG-BO',
      period: latest,
      lens: 'tip',
    });
    await expect(brief.getByTestId('brief').innerText()).resolves.toContain('Borno State');
    await brief.close();

    // From the profile to the same region on the map.
    await page.getByRole('link', { name: 'Show on the map' }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/');
    await expect.poll(() => page.getByTestId('region-summary').innerText()).toContain('Borno State');
    await context.close();
  });

  it('job 2, monthly monitoring: a cluster lead keeps a watchlist, follows an alert to the profile and back', async () => {
    const page = await monitor();
    expect(new URL(page.url()).pathname).toBe('/monitor');
    await searchAndPick(page, 'Add a region', 'taizz', ALERT_REGION.name);
    await searchAndPick(page, 'Add a region', 'IQ-NI', 'Nineveh');
    const watch = page.locator('section', { has: page.getByRole('heading', { name: 'Watchlist' }) });
    await expect.poll(() => watch.locator('tbody tr').count()).toBe(2);
    await expect.poll(() => watch.getByRole('img', { name: /Ta'izz: scores of the last \d+ months/ }).count()).toBe(1);
    await expect.poll(() => watch.locator(`tr[data-region="${ALERT_REGION.code}"]`).innerText()).toMatch(/8\.\d/);

    // Follow the alert to the region's profile: its trend chart marks the alert month.
    await page.getByRole('list', { name: 'Active alerts' }).getByRole('link', { name: ALERT_REGION.name }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/region');
    await profileScore(page);
    await expect.poll(() => page.locator('.trend-chart .alert-mark').count()).toBeGreaterThan(0);
    await expect(page.getByRole('button', { name: '★ Watching' }).isVisible()).resolves.toBe(true);
    await page.getByRole('list', { name: 'Comparison with the country and neighbours' }).waitFor();
    await page.locator('table.evidence').waitFor();
    await page.screenshot({ path: `${ARTIFACTS}/region-profile-alert.png`, fullPage: true });

    // Unwatch Nineveh from the monitoring view; the watchlist survives a reload (saved in the vigil.browser).
    await page.getByRole('link', { name: 'Monitoring' }).click();
    await page.getByRole('button', { name: 'Remove Nineveh from the watchlist' }).click();
    await page.reload();
    await expect.poll(() => watch.locator('tbody tr').count()).toBe(1);
    await expect(watch.locator('tbody tr').first().getAttribute('data-region')).resolves.toBe(ALERT_REGION.code);

    // An earlier month has other alerts (or none): the list follows the month picker.
    await page.getByRole('button', { name: 'Previous month with data' }).click();
    await expect(sliderMonth(page, 'Month')).resolves.toBe('2017-11');
    await expect.poll(() => page.getByRole('heading', { name: /Monitoring · Nov 2017/ }).count()).toBe(1);
    await expect
      .poll(() =>
        page.getByRole('list', { name: 'Active alerts' }).locator(`[data-region="${ALERT_REGION.code}"]`).count(),
      )
      .toBe(0);
  });

  it(
    'job 3, a map for a briefing: hotspots with reasons, legend and title, then the change between two months and under a scenario',
    { timeout: 120_000 },
    async () => {
      const page = await newPage();
      await page.goto(`${vigil.server.url}/`);
      await page.getByRole('combobox', { name: 'Lens' }).selectOption('tip');
      await waitForDrawn(page, colourKey(TEST_MONTH, 'tip', 0));
      const legend = await page.getByRole('figure', { name: 'Map legend' }).innerText();
      expect(legend).toContain(`Trafficking lens · Dec 2017`);
      for (const label of ['Very high', 'Insufficient data', 'missing, not low risk']) expect(legend).toContain(label);
      const items = page.locator('.hotspots li');
      expect(await items.count()).toBeGreaterThanOrEqual(5);
      for (const text of await items.allInnerTexts()) expect(text).toMatch(/\d\.\d\n?.+/);
      expect(await page.locator('.map-label-hotspot').count()).toBeGreaterThanOrEqual(3);
      await expect(
        page.getByText('Boundaries: Made with Natural Earth; boundaries do not imply endorsement').isVisible(),
      ).resolves.toBe(true);
      await page.screenshot({ path: `${ARTIFACTS}/briefing-map.png` });

      // Two months compared: the change map and the largest changes.
      await page.getByRole('link', { name: 'Compare', exact: true }).click();
      await chooseMonth(page, 'From', '2016-12');
      await chooseMonth(page, 'To', TEST_MONTH);
      await waitForDrawn(page, `periods|2016-12|${TEST_MONTH}|tip|0`);
      const table = page.getByRole('table', { name: 'Largest changes' });
      expect(await table.locator('tbody tr').count()).toBeGreaterThan(2);
      // The map colours each listed change in the bin of the change the table shows, and leaves a
      // region unscored in both, or not comparable, out of the rise/fall scale.
      const listed = await table.locator('tbody tr').evaluateAll((trs) =>
        trs.map((tr) => ({
          code: tr.getAttribute('data-region')!,
          change: tr.querySelectorAll('td')[3]!.textContent!.trim(),
        })),
      );
      const apart = await page
        .getByRole('table', { name: 'Not comparable' })
        .locator('tbody tr')
        .evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-region')!));
      const changes = await fills(page, 0, ['FRA', ...listed.map((r) => r.code), ...apart]);
      expect(changes.FRA).toBe('missing');
      for (const { code, change } of listed) {
        const delta = Number(change.replace('−', '-'));
        expect(Number.isNaN(delta), `${code}: ${change}`).toBe(false);
        // The table rounds to one decimal: the exact change lies within ±0.05 of what it shows.
        expect([changeBin(delta - 0.05), changeBin(delta + 0.05)], `${code}: ${change}`).toContain(changes[code]);
      }
      expect(listed.some(({ code }) => /^(rise|fall)-/.test(String(changes[code])))).toBe(true);
      for (const code of apart) expect(changes[code], code).toBe('missing');
      await expect(page.getByRole('figure', { name: 'Map legend' }).innerText()).resolves.toMatch(
        /Rose 3 or more[\s\S]*Fell 3 or more[\s\S]*not comparable/,
      );
      await page.screenshot({ path: `${ARTIFACTS}/compare-periods.png` });

      // A weighting scenario against the baseline: which regions move.
      await page.getByRole('radio', { name: 'Weighting scenario' }).check();
      const scenario = await page.getByRole('combobox', { name: 'Scenario' }).inputValue();
      await waitForDrawn(page, `scenario|${TEST_MONTH}|${scenario}|tip|0`);
      const moved = await api<{ moves: { region: string; delta: number | null }[] }>(
        `/scenarios/${scenario}/compare?period=${TEST_MONTH}&lens=tip&level=0`,
      );
      const biggest = moved.moves.find((m) => m.delta !== null && m.delta !== 0);
      if (biggest) await expect(table.locator(`tr[data-region="${biggest.region}"]`).count()).resolves.toBe(1);
      await page.screenshot({ path: `${ARTIFACTS}/compare-scenario.png` });
      await page.close();
    },
  );
});
