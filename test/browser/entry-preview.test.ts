import { beforeAll, describe, expect, it } from 'vitest';
import { createUserAndLogin, type Credentials } from '../helpers/auth.ts';
import { ARTIFACTS, signInOnPage } from '../helpers/browser.ts';
import { useBrowserAndServer } from '../helpers/browser-server.ts';

const vigil = useBrowserAndServer();
let ana: Credentials;

beforeAll(async () => {
  ana = await createUserAndLogin(vigil.server, 'analyst');
});

const LABELS: Record<string, string> = { 'very-low': 'very low', 'very-high': 'very high' };

/** A served score as the preview line words it (one decimal and the class; no number without a class). */
async function servedText(region: string, lens: string, period: string): Promise<string> {
  const rows = (await (
    await fetch(`${vigil.server.url}/api/regions/${region}/scores?lens=${lens}&from=${period}&to=${period}`)
  ).json()) as { score: number | null; class: string; conditionsOnly: boolean }[];
  const r = rows[0]!;
  if (r.class === 'no-data' || r.score === null) return 'no data';
  if (r.class === 'insufficient-data') return 'insufficient data';
  return `${r.score.toFixed(1)} (${LABELS[r.class] ?? r.class}${r.conditionsOnly ? ', conditions only' : ''})`;
}

describe('the observation form says what saving does', () => {
  it('shows the region’s and its country’s score now and after, updates as the value changes, and saving gives that score', async () => {
    const page = await vigil.browser.newPage({ viewport: { width: 1400, height: 1100 } });
    await signInOnPage(page, vigil.server.url, ana);
    await page.goto(`${vigil.server.url}/data?region=NG-BO`);
    const form = page.getByRole('form', { name: 'Add an observation' });
    const preview = form.getByTestId('entry-preview');
    await expect(preview.innerText()).resolves.toMatch(/Choose a region, an indicator, a month and a value/);

    await form.getByLabel('Indicator').selectOption('afac.rf1');
    await form.getByLabel('Month').fill('2016-05');
    await form.getByLabel('Confidence').selectOption('high');
    await form.getByLabel('Source citation').fill('Browser test partner report, May 2016');
    await form.getByLabel('Value').selectOption('1');
    const overall = preview.locator('.preview-region[data-region="NG-BO"] li[data-lens="overall"]');
    await overall.waitFor();
    const nowOverall = await servedText('NG-BO', 'overall', '2016-05');
    const nowTip = await servedText('NG-BO', 'tip', '2016-05');
    expect(nowOverall).toBe('4.4 (medium)');
    await expect(overall.innerText()).resolves.toContain(`Now: ${nowOverall} → after saving:`);
    const afterLow = await overall.innerText();

    // A higher value: the line follows (debounced) and names the class change.
    await form.getByLabel('Value').selectOption('4');
    await page.waitForFunction(
      (before) =>
        document.querySelector('.preview-region[data-region="NG-BO"] li[data-lens="overall"]')?.textContent !==
          before && document.querySelector('[data-testid="entry-preview"]')?.getAttribute('aria-busy') === 'false',
      afterLow.replace(/\s+/g, ' '),
    );
    const line = (await overall.innerText()).replace(/\s+/g, ' ');
    expect(line).toMatch(/^Overall ?Now: 4\.4 \(medium\) → after saving: \d\.\d \(high\) class changes$/);
    const tipLine = (
      await preview.locator('.preview-region[data-region="NG-BO"] li[data-lens="tip"]').innerText()
    ).replace(/\s+/g, ' ');
    expect(tipLine).toContain(`Now: ${nowTip} → after saving:`);
    const country = preview.locator('.preview-region[data-region="NGA"]');
    await expect(country.innerText()).resolves.toMatch(/^Nigeria \(its country/);
    await form.scrollIntoViewIfNeeded();
    await preview.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${ARTIFACTS}/entry-preview.png` });

    const shownAfter = line.match(/after saving: (.*?) class changes$/)![1]!;
    const shownTipAfter = tipLine.match(/after saving: (.*?)( class changes| \(no change\))?$/)![1]!;
    await form.getByRole('button', { name: 'Add observation' }).click();
    await form.getByText(/Saved as observation \d+/).waitFor();
    expect(await servedText('NG-BO', 'overall', '2016-05')).toBe(shownAfter);
    expect(await servedText('NG-BO', 'tip', '2016-05')).toBe(shownTipAfter);
    // After saving, the form keeps the month and source but not the value: nothing to preview.
    await expect(preview.innerText()).resolves.toMatch(/Choose a region, an indicator, a month and a value/);
    await page.close();
  });

  it('words a region without data as "no data" and an unclassed result as "insufficient data", never 0', async () => {
    const page = await vigil.browser.newPage({ viewport: { width: 1400, height: 1100 } });
    await signInOnPage(page, vigil.server.url, ana);
    await page.goto(`${vigil.server.url}/data?region=NO-03`);
    const form = page.getByRole('form', { name: 'Add an observation' });
    await form.getByLabel('Indicator').selectOption('afac.rf1');
    await form.getByLabel('Month').fill('2016-07');
    await form.getByLabel('Source citation').fill('Browser test partner report, July 2016');
    await form.getByLabel('Value').selectOption('3');
    const overall = form.getByTestId('entry-preview').locator('.preview-region[data-region="NO-03"] li').first();
    await overall.waitFor();
    const text = (await overall.innerText()).replace(/\s+/g, ' ');
    expect(text).toBe('Overall Now: no data → after saving: insufficient data class changes');
    expect(text).not.toMatch(/\b0\.0\b/);
    await page.close();
  });
});
