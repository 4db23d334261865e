import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CodAdmin2Props, GeneratedBoundarySet } from '../../bench/generate-boundaries.ts';
import { createUserAndLogin } from '../helpers/auth.ts';
import { uploadGeneratedDistricts } from '../helpers/districts.ts';
import { ARTIFACTS, downloadBody } from '../helpers/browser.ts';
import { useBrowserAndServer } from '../helpers/browser-server.ts';
import { setSlider } from './map-driver.ts';

const vigil = useBrowserAndServer({ db: 'seeded' });

/** What this test reads of the MapLibre map the page exposes. */
interface DrillMap {
  getFeatureState(f: { source: string; sourceLayer?: string; id: string }): Record<string, unknown>;
  loaded(): boolean;
  once(event: string, f: () => void): void;
  queryRenderedFeatures(o: { layers: string[] }): { properties: Record<string, unknown> }[];
  areTilesLoaded(): boolean;
  getSource(id: string): { tiles?: string[] } | undefined;
}
declare const window: { __vigilMap: DrillMap };

/** The district given observations of its own, its first-level region, and a point inside it. */
let district: CodAdmin2Props;
let centre: [number, number];
/** The generated set as uploaded (version 1, valid from 2014), and its id. */
let set: GeneratedBoundarySet;
let setId: string;

beforeAll(async () => {
  const target = { url: vigil.server.url, dbPath: vigil.server.dbPath };
  const admin = await createUserAndLogin(target, 'admin');
  ({ set, setId } = await uploadGeneratedDistricts(target, admin, 5));
  const f = set.collection.features.find((x) => x.properties.ADM1_PCODE === 'NG-BO')!;
  district = f.properties;
  const ring = (f.geometry.type === 'Polygon' ? f.geometry.coordinates : f.geometry.coordinates[0]!)[0]!;
  centre = [ring.reduce((s, p) => s + p[0]!, 0) / ring.length, ring.reduce((s, p) => s + p[1]!, 0) / ring.length];
  const csv = [
    '#adm1+pcode,#indicator+code,#date,#value,#meta+source',
    `${district.ADM2_PCODE},tip.slave-markets,2016-06,4,Partner report A`,
    `${district.ADM2_PCODE},tip.child-recruitment,2016-06,4,Partner report B`,
  ].join('\n');
  const imported = await fetch(`${vigil.server.url}/api/imports`, {
    method: 'POST',
    headers: { ...admin.bearer, 'Content-Type': 'text/csv' },
    body: `${csv}\n`,
  });
  expect(imported.status, await imported.clone().text()).toBe(201);
});

describe('the map drills down to districts', () => {
  it(
    'draws a country’s districts over its regions when zoomed in, coloured by their scores, and finds one by p-code',
    { timeout: 180_000 },
    async () => {
      const page = await vigil.browser.newPage({ viewport: { width: 1300, height: 820 } });
      await page.goto(
        `${vigil.server.url}/?lens=tip&period=2016-06&level=auto&z=6.2&c=${centre[0].toFixed(3)},${centre[1].toFixed(3)}`,
      );
      // The level picker says where districts exist.
      await expect.poll(() => page.getByTestId('districts-note').innerText()).toMatch(/Iraq.*Nigeria|Nigeria.*Iraq/);
      const map = page.getByTestId('risk-map');
      await expect.poll(() => map.getAttribute('data-districts-key')).toBe('2016-06|tip|2|baseline');
      const target = { source: 'admin2', sourceLayer: 'regions', id: district.ADM2_PCODE };
      const fill = await page.evaluate((t) => window.__vigilMap.getFeatureState(t).fill, target);
      const row = (await (
        await fetch(`${vigil.server.url}/api/scores?lens=tip&period=2016-06&level=2&parent=NG-BO`)
      ).json()) as { region: string; class: string }[];
      const cls = row.find((r) => r.region === district.ADM2_PCODE)!.class;
      expect(['moderate', 'high', 'very-high']).toContain(cls);
      expect(String(fill)).toContain(cls);
      // Drawn: the district layer is visible and its tiles are on screen.
      await page.evaluate(
        () =>
          new Promise<void>((done) =>
            window.__vigilMap.loaded() ? done() : window.__vigilMap.once('idle', () => done()),
          ),
      );
      const drawn = await page.evaluate(
        (code) =>
          window.__vigilMap
            .queryRenderedFeatures({ layers: ['admin2-fill'] })
            .map((f) => String(f.properties.code))
            .includes(code),
        district.ADM2_PCODE,
      );
      expect(drawn).toBe(true);
      // The legend's footer says districts are drawn, and where.
      await expect
        .poll(() => page.locator('.legend-note').innerText())
        .toMatch(/^First-level regions, with their districts in (Iraq, Nigeria|Nigeria, Iraq) · /);
      await page.screenshot({ path: `${ARTIFACTS}/district-map.png` });

      // Search finds the district by its p-code and selects it.
      const search = page.getByRole('combobox', { name: 'Find a region' });
      await search.fill(district.ADM2_PCODE);
      await expect(
        page.getByRole('listbox', { name: 'Matching regions' }).getByRole('option').first().innerText(),
      ).resolves.toContain(district.ADM2_EN);
      await page.keyboard.press('Enter');
      await expect.poll(() => new URL(page.url()).searchParams.get('region')).toBe(district.ADM2_PCODE);
      await expect.poll(() => page.getByTestId('region-summary').innerText()).toContain(district.ADM2_EN);
      await page.screenshot({ path: `${ARTIFACTS}/district-selected.png` });
      await page.close();
    },
  );

  it(
    'prints a district brief: the district among its region’s districts, on its own evidence',
    { timeout: 120_000 },
    async () => {
      const page = await vigil.browser.newPage({ viewport: { width: 1000, height: 1400 } });
      await page.goto(`${vigil.server.url}/brief?region=${district.ADM2_PCODE}&period=2016-06&lens=tip`);
      const brief = page.getByTestId('brief');
      await expect.poll(() => brief.getAttribute('data-ready')).toBe('true');
      await expect(page.locator('.brief-title h1').innerText()).resolves.toBe(district.ADM2_EN);
      await expect(page.locator('.brief-sub').innerText()).resolves.toMatch(
        new RegExp(`^District of Borno State \\(${district.ADM2_PCODE}\\) · Jun 2016`),
      );
      // The locator draws the district's region's districts, the district itself in its class's colour.
      const api = (await (
        await fetch(`${vigil.server.url}/api/scores?lens=tip&period=2016-06&level=2&parent=NG-BO`)
      ).json()) as { region: string; score: number }[];
      const paths = page.locator('svg.brief-locator path');
      await expect.poll(() => paths.count()).toBe(api.length);
      await expect(paths.last().getAttribute('stroke-width')).resolves.toBe('1.6');
      // Drawn as the district, not as the globe but the district (a ring wound the other way round).
      const focus = (await paths.last().boundingBox())!;
      const frame = (await page.locator('svg.brief-locator').boundingBox())!;
      expect(focus.width * focus.height).toBeLessThan(0.7 * frame.width * frame.height);
      const own = api.find((r) => r.region === district.ADM2_PCODE)!;
      await expect(brief.innerText()).resolves.toContain(own.score.toFixed(1));
      await page.screenshot({ path: `${ARTIFACTS}/district-brief.png`, fullPage: true });
      await page.close();
    },
  );

  it(
    'draws the districts in force in the month shown: a district retired by a later version is drawn before it, not after; exports follow',
    { timeout: 900_000 },
    async () => {
      const admin = await createUserAndLogin({ url: vigil.server.url, dbPath: vigil.server.dbPath }, 'admin');
      // Version 2 of the set, in force from January 2017, retires another district of the same region.
      const gone = set.collection.features.find(
        (f) => f.properties.ADM1_PCODE === 'NG-BO' && f.properties.ADM2_PCODE !== district.ADM2_PCODE,
      )!.properties.ADM2_PCODE;
      const next = {
        ...set.collection,
        features: set.collection.features.filter((f) => f.properties.ADM2_PCODE !== gone),
      };
      const stored = await fetch(
        `${vigil.server.url}/api/boundary-sets?series=${setId}&licence=Test%20data%2C%20made%20up&validFrom=2017-01-01&source=Generated%20districts%20v2`,
        {
          method: 'POST',
          headers: { ...admin.bearer, 'Content-Type': 'application/json' },
          body: JSON.stringify(next),
        },
      );
      expect(stored.status, await stored.clone().text()).toBe(201);
      const periods = (await (await fetch(`${vigil.server.url}/api/periods`)).json()) as string[];
      const later = periods.find((p) => p >= '2017-01')!;
      expect(later).toBeDefined();

      const page = await vigil.browser.newPage({ viewport: { width: 1300, height: 820 }, acceptDownloads: true });
      await page.goto(
        `${vigil.server.url}/?lens=tip&period=2016-06&level=auto&z=6.2&c=${centre[0].toFixed(3)},${centre[1].toFixed(3)}`,
      );
      const map = page.getByTestId('risk-map');
      await expect.poll(() => map.getAttribute('data-districts-key')).toBe('2016-06|tip|2|baseline');
      // June 2016: the tiles of the version in force then, asked for by the month it took effect (the
      // visitor reads the sets' validity dates, so every month of a version shares its tiles), the
      // district still drawn.
      await expect.poll(() => districtTiles(page)).toContain('month=2014-01');
      await expect.poll(() => drawnDistricts(page)).toContain(gone);
      expect(await drawnDistricts(page)).toContain(district.ADM2_PCODE);
      await page.screenshot({ path: `${ARTIFACTS}/district-month-before.png` });
      // At district level the hotspot list has the districts' own, and the export is of districts.
      await expect
        .poll(() => page.getByRole('region', { name: /^District hotspots/ }).innerText())
        .toContain(district.ADM2_EN);
      await page.locator('.export-menu summary').click();
      const csv = page.locator('.export-links a', { hasText: /^CSV$/ });
      expect(new URL((await csv.getAttribute('href'))!, vigil.server.url).searchParams.get('level')).toBe('2');
      const before = await exportSvg(page);
      expect(before.name).toBe('vigil-map-tip-2016-06-admin2.svg');
      expect(before.body).toContain(`data-code="${gone}"`);
      expect(before.body).toContain(`data-code="${district.ADM2_PCODE}"`);
      // The footer credits the set in force that month (by its source) and Natural Earth around it.
      const footer = before.body.slice(before.body.indexOf('<g class="footer">'));
      expect(footer).toContain('Generated districts.');
      expect(footer).not.toContain('Generated districts v2');
      expect(footer).toContain('Natural Earth');

      // A month after version 2 took effect: its tiles, the retired district gone, the other still there.
      const t0 = await setSlider(page, periods.indexOf(later));
      expect(t0).toBeGreaterThan(0);
      await expect.poll(() => map.getAttribute('data-districts-key')).toBe(`${later}|tip|2|baseline`);
      await expect.poll(() => districtTiles(page)).toContain('month=2017-01');
      await expect.poll(() => drawnDistricts(page)).not.toContain(gone);
      expect(await drawnDistricts(page)).toContain(district.ADM2_PCODE);
      await page.screenshot({ path: `${ARTIFACTS}/district-month-after.png` });
      const after = await exportSvg(page);
      expect(after.body).not.toContain(`data-code="${gone}"`);
      expect(after.body).toContain(`data-code="${district.ADM2_PCODE}"`);
      expect(after.body.slice(after.body.indexOf('<g class="footer">'))).toContain('Generated districts v2');
      // The retired district's profile says why it has no score in that month, instead of a blank.
      await page.goto(`${vigil.server.url}/region?region=${gone}&lens=tip&period=${later}`);
      await expect
        .poll(() => page.getByTestId('profile-retired').textContent())
        .toMatch(/^Retired since Jan 2017: .*missing, not low risk/);
      await page.close();
    },
  );
});

/** The district source's tile URL (it names the month whose sets it draws). */
const districtTiles = (page: Page) => page.evaluate(() => window.__vigilMap.getSource('admin2')?.tiles?.[0] ?? '');

/** Codes of the districts drawn on screen, once every tile in view is loaded and drawn. */
async function drawnDistricts(page: Page): Promise<string[]> {
  await page.waitForFunction(() => window.__vigilMap.loaded() && window.__vigilMap.areTilesLoaded(), undefined, {
    polling: 100,
  });
  return page.evaluate(() =>
    window.__vigilMap.queryRenderedFeatures({ layers: ['admin2-fill'] }).map((f) => String(f.properties.code)),
  );
}

/** Exports the map as SVG from the export menu and returns the file (or fails with what the menu says). */
async function exportSvg(page: Page): Promise<{ name: string; body: string }> {
  if ((await page.locator('.export-menu').getAttribute('open')) === null)
    await page.locator('.export-menu summary').click();
  const saved = page.waitForEvent('download', { timeout: 300_000 });
  await page.click('[data-export="svg"]');
  const failed = page
    .locator('.export-status', { hasText: /fail/i })
    .waitFor({ timeout: 300_000 })
    .then(async () => {
      throw new Error(`the export failed: ${await page.locator('.export-status').innerText()}`);
    });
  const download = await Promise.race([saved, failed]);
  failed.catch(() => {});
  const body = (await downloadBody(download)).toString('utf8');
  await page.waitForFunction(() => !document.querySelector('[data-export="svg"]')?.hasAttribute('disabled'));
  return { name: download.suggestedFilename(), body };
}
