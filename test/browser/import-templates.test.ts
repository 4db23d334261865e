import { beforeAll, describe, expect, it } from 'vitest';
import { createUserAndLogin, type Credentials } from '../helpers/auth.ts';
import { ARTIFACTS, signInOnPage } from '../helpers/browser.ts';
import { useBrowserAndServer } from '../helpers/browser-server.ts';

const vigil = useBrowserAndServer();
let ana: Credentials;

beforeAll(async () => {
  ana = await createUserAndLogin(vigil.server, 'analyst');
});

describe('monitoring-data templates on the Data page', () => {
  it('links each template, and a filled MRM template is checked and imported from the import box', async () => {
    const page = await vigil.browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await signInOnPage(page, vigil.server.url, ana);
    await page.goto(`${vigil.server.url}/data`);

    const links = page.getByTestId('import-templates').getByRole('link');
    await links.first().waitFor();
    const hrefs = await links.evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(hrefs).toEqual([
      '/api/import-profiles/mrm/template',
      '/api/import-profiles/mara/template',
      '/api/import-profiles/referral/template',
    ]);
    // The link downloads the template with the page's own session.
    const res = await page.request.get(`${vigil.server.url}${hrefs[0]}`);
    expect(res.status()).toBe(200);
    const template = await res.text();
    expect(template.split('\n')[1]).toBe(
      '#country+code,#adm1+code,#adm1+name,#date+month,#event+type+mrm,#value+verified,#value+reported',
    );

    const filled = `${template}NGA,,Borno,2017-06,Recruitment and use,12,0\nNGA,,Yobe,2017-06,Abduction,0,4\n`;
    await page
      .getByRole('region', { name: 'Import a file' })
      .locator('input[type=file]')
      .setInputFiles({ name: 'mrm-june.csv', mimeType: 'text/csv', buffer: Buffer.from(filled) });
    await page.getByRole('button', { name: 'Check file' }).click();
    const importButton = page.getByRole('button', { name: 'Import 2 observations' });
    await importButton.waitFor();
    await page.getByTestId('import-templates').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${ARTIFACTS}/import-templates.png` });
    await importButton.click();
    await page.getByText(/Imported as batch \d+/).waitFor();

    const obs = await fetch(`${vigil.server.url}/api/observations?region=NG-YO&indicator=tip.child-abduction`, {
      headers: ana.bearer,
    });
    expect(
      ((await obs.json()) as { value: number; confidence: string; period: string }[]).map((o) => [
        o.period,
        o.value,
        o.confidence,
      ]),
    ).toEqual([['2017-06', 2, 'low']]);
    await page.close();
  });
});

describe('a region name the import could not place', () => {
  it('comes with suggestions in the report; choosing one teaches the name and the file checks clean', async () => {
    const page = await vigil.browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await signInOnPage(page, vigil.server.url, ana);
    await page.goto(`${vigil.server.url}/data`);
    const csv =
      'region,country,indicator,period,value,confidence,source\n' +
      'Ninewa Governorate,Iraq,afac.rf1,2016-05,2,medium,Partner situation report May 2016\n';
    const box = page.getByRole('region', { name: 'Import a file' });
    await box
      .locator('input[type=file]')
      .setInputFiles({ name: 'partner-may.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByRole('button', { name: 'Check file' }).click();
    const suggestion = page.getByRole('button', { name: 'Nineveh (IQ-NI)' });
    await suggestion.waitFor();
    await expect(page.getByRole('region', { name: 'Import report' }).innerText()).resolves.toMatch(/1 rejected/);
    await page.screenshot({ path: `${ARTIFACTS}/import-suggestions.png` });
    await suggestion.click();
    // The file is checked again by itself: the name now matches, so it can be imported.
    await page.getByRole('button', { name: 'Import 1 observation' }).waitFor();
    await expect(page.getByRole('region', { name: 'Import report' }).innerText()).resolves.toMatch(/0 rejected/);
    await page.close();
  });
});

describe('the kind of file (import profile) on the Data page', () => {
  it('is recognised from the header and named in the report; choosing one shows its columns, licence and template', async () => {
    const page = await vigil.browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await signInOnPage(page, vigil.server.url, ana);
    await page.goto(`${vigil.server.url}/data`);
    const box = page.getByRole('region', { name: 'Import a file' });
    const kind = box.getByLabel('Kind of file');
    // Every profile the API lists is offered, after "recognise from the header".
    const listed = (await (await fetch(`${vigil.server.url}/api/import-profiles`, { headers: ana.bearer })).json()) as {
      name: string;
      title: string;
    }[];
    await expect
      .poll(() => kind.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value)))
      .toEqual(['', ...listed.map((p) => p.name)]);

    // A made-up file in ACLED's export layout (Vigil ships no ACLED data): recognised without choosing.
    const acled =
      'event_id_cnty,event_date,year,event_type,sub_event_type,actor1,civilian_targeting,iso,country,admin1,latitude,longitude,geo_precision,source,fatalities\n' +
      'SYN1,2017-03-15,2017,Violence against civilians,Sexual violence,Synthetic actor,Civilian targeting,566,Nigeria,Borno,11.85,13.16,1,Synthetic,0\n';
    await box
      .locator('input[type=file]')
      .setInputFiles({ name: 'acled-synthetic.csv', mimeType: 'text/csv', buffer: Buffer.from(acled) });
    await box.getByRole('button', { name: 'Check file' }).click();
    const readAs = page.getByTestId('import-read-as');
    await readAs.waitFor();
    await expect(readAs.innerText()).resolves.toMatch(
      /acled-synthetic\.csv read as ACLED events .*recognised from the header/,
    );
    // The column mapping belongs to Vigil's own table only: it is there before a profile is chosen.
    await expect(box.getByLabel('Column mapping (plain headers only, optional)').count()).resolves.toBe(1);

    // Choosing a profile explains it and clears the stale report.
    await kind.selectOption('acled');
    await expect(readAs.count()).resolves.toBe(0);
    const about = page.getByTestId('profile-about');
    await expect(about.innerText()).resolves.toMatch(/Licence and credit: .*ACLED/);
    await expect(about.locator('strong').allInnerTexts()).resolves.toContain('event_date');
    await expect(box.getByLabel('Column mapping (plain headers only, optional)').count()).resolves.toBe(0);
    await box.getByRole('button', { name: 'Check file' }).click();
    await readAs.waitFor();
    await expect(readAs.innerText()).resolves.toMatch(/read as ACLED events \(csv\)/);

    // A template's profile carries the template and how to fill it.
    await kind.selectOption('mara');
    const link = about.getByRole('link', { name: /Download the template/ });
    await expect(link.getAttribute('href')).resolves.toBe('/api/import-profiles/mara/template');
    await expect(about.locator('p.hint').count()).resolves.toBeGreaterThan(2);
    await about.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${ARTIFACTS}/import-profile-picker.png` });
    await page.close();
  });
});
