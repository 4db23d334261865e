import { writeFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, goInApp, downloadBody } from '../helpers/browser.ts';
import { useBrowserAndServer } from '../helpers/browser-server.ts';
import { decodePng, eachPixel } from '../helpers/png.ts';

const vigil = useBrowserAndServer({ db: 'first-start' });

/** Width and height from a PNG's IHDR chunk. */
function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/** Opens the dashboard at `path` and waits until the map shows scores. */
async function openMap(path: string): Promise<{ page: Page; warnings: string[] }> {
  const page = await vigil.browser.newPage({ viewport: { width: 1400, height: 860 } });
  const warnings: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'warning' || m.type() === 'error') warnings.push(m.text());
  });
  await page.goto(`${vigil.server.url}${path}`);
  await page.waitForSelector('[data-testid="risk-map"][data-ready="true"]');
  await page.waitForFunction(
    () => Number(document.querySelector<HTMLElement>('.maplibregl-map')?.dataset.appliedScores) > 0,
    null,
  );
  return { page, warnings };
}

/** Clicks an export button and returns the file it downloads. */
async function exportFile(
  page: Page,
  format: 'png' | 'png-print' | 'svg',
): Promise<{ name: string; body: Buffer; ms: number }> {
  if ((await page.locator('.export-menu').getAttribute('open')) === null) await page.click('.export-menu > summary');
  const t0 = Date.now();
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 150_000 }),
    page.click(`[data-export="${format}"]`),
  ]);
  const body = await downloadBody(download);
  const ms = Date.now() - t0;
  await page.waitForFunction(() => !document.querySelector('[data-export="png"]')?.hasAttribute('disabled'));
  return { name: download.suggestedFilename(), body, ms };
}

/** Colour statistics of a region of a PNG: distinct colours (to 4 bits), and shares of risk reds and of white. */
function pixelStats(png: Buffer, box: { x: number; y: number; width: number; height: number }) {
  const colours = new Set<number>();
  let red = 0;
  let white = 0;
  eachPixel(
    decodePng(png),
    (r, g, b) => {
      colours.add(((r >> 4) << 8) | ((g >> 4) << 4) | (b >> 4));
      if (r > 170 && g < 110 && b < 100) red++;
      if (r > 250 && g > 250 && b > 250) white++;
    },
    box,
  );
  const n = box.width * box.height;
  return { colours: colours.size, red: red / n, white: white / n };
}

describe('map export from the dashboard', () => {
  // The PNG and SVG tests export the same view: it is opened once, and exporting does not change it;
  // the comparison test goes on from it.
  let july: ReturnType<typeof openMap> | undefined;
  const julyMap = () => (july ??= openMap('/?lens=tip&period=2017-07&level=0'));
  afterAll(async () => {
    await (await july?.catch(() => undefined))?.page.close();
  });

  it('saves a slide-sized PNG and a print PNG three times as large, both drawn from the map with title, legend and sources', async () => {
    const { page, warnings } = await julyMap();
    const png = await exportFile(page, 'png');
    console.log(`PNG 1×: ${png.name}, ${png.body.length} bytes, ${png.ms} ms`);
    expect(png.name).toBe('vigil-map-tip-2017-07-admin0.png');
    expect(pngSize(png.body)).toEqual({ width: 1600, height: 900 });
    writeFileSync(`${ARTIFACTS}/export-map.png`, png.body);
    // The map frame (left two thirds, below the title): many colours, risk reds, hardly any blank white.
    const map = pixelStats(png.body, { x: 60, y: 120, width: 1100, height: 600 });
    expect(map.colours).toBeGreaterThan(40);
    expect(map.red).toBeGreaterThan(0.002);
    expect(map.white).toBeLessThan(0.05);
    // The legend column and the footer carry text (dark pixels on white), the title too.
    const header = pixelStats(png.body, { x: 20, y: 15, width: 700, height: 60 });
    expect(header.white).toBeLessThan(0.97);
    expect(header.colours).toBeGreaterThan(5);
    expect(warnings.filter((w) => w.includes('fell back'))).toEqual([]);

    const print = await exportFile(page, 'png-print');
    console.log(`PNG print: ${print.name}, ${print.body.length} bytes, ${print.ms} ms`);
    expect(print.name).toBe('vigil-map-tip-2017-07-admin0-print.png');
    expect(pngSize(print.body)).toEqual({ width: 4800, height: 2700 });
    writeFileSync(`${ARTIFACTS}/export-map-print.png`, print.body);
    const printMap = pixelStats(print.body, { x: 180, y: 360, width: 3300, height: 1800 });
    expect(printMap.colours).toBeGreaterThan(40);
    expect(printMap.red).toBeGreaterThan(0.002);
    expect(warnings.filter((w) => w.includes('fell back'))).toEqual([]);
  }, 300_000);

  it('saves the same view as a vector SVG that a browser parses, with one path per region and every legend entry', async () => {
    const { page } = await julyMap();
    const svg = await exportFile(page, 'svg');
    console.log(`SVG: ${svg.name}, ${svg.body.length} bytes, ${svg.ms} ms`);
    expect(svg.name).toBe('vigil-map-tip-2017-07-admin0.svg');
    writeFileSync(`${ARTIFACTS}/export-map.svg`, svg.body);
    const text = svg.body.toString('utf8');
    const parsed = await page.evaluate((s) => {
      const doc = new DOMParser().parseFromString(s, 'image/svg+xml');
      return {
        error: doc.querySelector('parsererror')?.textContent ?? null,
        regions: doc.querySelectorAll('path.region').length,
        codes: new Set([...doc.querySelectorAll('path.region')].map((p) => p.getAttribute('data-code'))).size,
        legend: [...doc.querySelectorAll('.legend-label')].map((t) => t.textContent),
        title: doc.querySelector('title')?.textContent,
        textures: [...doc.querySelectorAll('path.texture')]
          .map((p) => `${p.getAttribute('data-code')}:${p.getAttribute('data-pattern')}`)
          .sort(),
      };
    }, text);
    expect(parsed.error).toBeNull();
    // Conditions-only regions are hatched and country-level-only ones dotted, exactly as the scores say.
    const rows = (await (await fetch(`${vigil.server.url}/api/scores?period=2017-07&lens=tip&level=0`)).json()) as {
      region: string;
      basis?: string;
      conditionsOnly?: boolean;
    }[];
    const marked = rows
      .flatMap((r) =>
        r.basis === 'country' ? [`${r.region}:country`] : r.conditionsOnly ? [`${r.region}:conditions`] : [],
      )
      .sort();
    expect(marked.length).toBeGreaterThan(0);
    expect(parsed.textures).toEqual(marked);
    expect(parsed.legend).toEqual(expect.arrayContaining(['Conditions only', 'Country-level records only']));
    expect(parsed.regions).toBeGreaterThan(200);
    expect(parsed.codes).toBe(parsed.regions);
    expect(parsed.legend).toEqual(expect.arrayContaining(['Very high', 'Low', 'Insufficient data', 'No data']));
    expect(parsed.title).toBe('Risk of trafficking in persons in conflict · July 2017');
    for (const words of [
      'Made with Natural Earth',
      'Boundaries and names shown do not imply official endorsement or acceptance.',
      'Indicator catalogue',
      'Generated ',
    ])
      expect(text).toContain(words);
  }, 120_000);

  it('exports a two-period comparison on the diverging scale', async () => {
    // From the July map to the comparison inside the app, as from its Compare link: a page load less.
    const { page } = await julyMap();
    await goInApp(
      page,
      '/compare?lens=tip&from=2016-07&to=2017-07&level=0',
      '[data-testid="risk-map"][data-ready="true"]',
    );
    await page.waitForFunction(
      () => Number(document.querySelector<HTMLElement>('.maplibregl-map')?.dataset.appliedScores) > 0,
      null,
    );
    const svg = await exportFile(page, 'svg');
    expect(svg.name).toBe('vigil-change-tip-2016-07-to-2017-07-admin0.svg');
    const text = svg.body.toString('utf8');
    expect(text).toContain('Change in risk score, July 2016 to July 2017');
    expect(text).toContain('Rose 3 or more');
    expect(text).toContain('No score in one or both');
    expect(text).toMatch(/data-category="(rise|fall)-\d"/);
    writeFileSync(`${ARTIFACTS}/export-change.svg`, svg.body);
    const png = await exportFile(page, 'png');
    expect(pngSize(png.body)).toEqual({ width: 1600, height: 900 });
    writeFileSync(`${ARTIFACTS}/export-change.png`, png.body);
  }, 300_000);
});

describe('region brief', () => {
  for (const [region, period, lens] of [
    ['IQ-NI', '2017-07', 'tip'],
    ['NGA', '2016-07', 'overall'],
    ['SY-RA', '2016-07', 'overall'],
  ] as const) {
    it(`prints ${region} (${lens}, ${period}) on at most two A4 pages`, async () => {
      const page = await vigil.browser.newPage({ viewport: { width: 1200, height: 1000 } });
      await page.goto(`${vigil.server.url}/brief?region=${region}&period=${period}&lens=${lens}`);
      await page.waitForSelector('[data-testid="brief"][data-ready="true"]');
      const text = await page.getByTestId('brief').innerText();
      for (const words of [
        'What drives the score',
        'Likely forms of exploitation',
        'Coverage and data gaps',
        'Sources',
        'Boundaries and names shown do not imply official endorsement or acceptance.',
        'Made with Natural Earth',
      ])
        expect(text).toContain(words);
      expect(await page.locator('.brief .trend-chart path').count()).toBeGreaterThan(0);
      expect(await page.locator('.brief-locator path').count()).toBeGreaterThan(0);
      expect(text).not.toMatch(/\b[1-4] observations?\b/);
      const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
      const pages = pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g)?.length ?? 0;
      console.log(`brief ${region}: ${pdf.length} bytes, ${pages} pages`);
      expect(pages).toBeGreaterThanOrEqual(1);
      expect(pages).toBeLessThanOrEqual(2);
      writeFileSync(`${ARTIFACTS}/brief-${region}.pdf`, pdf);
      await page.screenshot({ path: `${ARTIFACTS}/brief-${region}.png`, fullPage: true });
      await page.close();
    });
  }
});
