import { writeFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CodAdmin2Props } from '../../bench/generate-boundaries.ts';
import { createUserAndLogin } from '../helpers/auth.ts';
import { uploadGeneratedDistricts } from '../helpers/districts.ts';
import { ARTIFACTS } from '../helpers/browser.ts';
import { useBrowserAndServer } from '../helpers/browser-server.ts';
import { mapIdle, tableCodes } from './area-driver.ts';
import { pointOf } from './map-driver.ts';

const vigil = useBrowserAndServer({ db: 'seeded' });

/** A district of Nineveh and a point inside it. */
let district: CodAdmin2Props;
let inside: [number, number];

beforeAll(async () => {
  const admin = await createUserAndLogin({ url: vigil.server.url, dbPath: vigil.server.dbPath }, 'admin');
  const { set } = await uploadGeneratedDistricts(vigil.server, admin, 5);
  const f = set.collection.features.find((x) => x.properties.ADM1_PCODE === 'IQ-NI' && x.geometry.type === 'Polygon')!;
  district = f.properties;
  const ring = (f.geometry.coordinates as number[][][])[0]!;
  inside = [ring.reduce((s, p) => s + p[0]!, 0) / ring.length, ring.reduce((s, p) => s + p[1]!, 0) / ring.length];
});

describe('the area page at admin-2', () => {
  it(
    'picks a district, takes an uploaded MultiPolygon cut into districts, and prints its brief',
    { timeout: 300_000 },
    async () => {
      const page = await vigil.browser.newPage({ viewport: { width: 1280, height: 900 } });
      await page.goto(`${vigil.server.url}/area?from=2014-01&to=2014-12`);
      await page.getByRole('button', { name: 'Districts' }).click();
      await expect.poll(() => new URL(page.url()).searchParams.get('unit')).toBe('districts');
      await mapIdle(page);
      await page.evaluate(
        (c) =>
          (window as unknown as { __vigilMap: { jumpTo(o: object): void } }).__vigilMap.jumpTo({ center: c, zoom: 7 }),
        inside,
      );
      await mapIdle(page);
      const p = await pointOf(page, inside);
      await page.mouse.click(p.x, p.y);
      await expect.poll(() => new URL(page.url()).searchParams.get('regions')).toBe(district.ADM2_PCODE);
      await expect.poll(() => tableCodes(page)).toEqual([district.ADM2_PCODE]);

      // A file of two squares, one across Mosul and one in Borno, as one MultiPolygon.
      const square = (x: number, y: number, r: number) => [
        [
          [x - r, y - r],
          [x + r, y - r],
          [x + r, y + r],
          [x - r, y + r],
          [x - r, y - r],
        ],
      ];
      const file = `${ARTIFACTS}/area-upload.geojson`;
      writeFileSync(
        file,
        JSON.stringify({
          type: 'Feature',
          properties: {},
          geometry: { type: 'MultiPolygon', coordinates: [square(43.1, 36.3, 0.4), square(13.1, 11.8, 0.4)] },
        }),
      );
      await page.getByLabel('Upload a polygon file (GeoJSON, TopoJSON or zipped Shapefile)').setInputFiles(file);
      await expect.poll(() => new URL(page.url()).searchParams.get('shape')).toBe('upload');
      await expect.poll(() => page.locator('.area-status').innerText()).toContain('2 polygons');
      await expect.poll(async () => (await tableCodes(page)).some((c) => c?.startsWith('NG-BO'))).toBe(true);
      const codes = (await tableCodes(page)) as string[];
      // Districts of both countries, none a first-level region (those have no digits).
      expect(
        codes.some((c) => c.startsWith('IQ-NI')),
        codes.join(),
      ).toBe(true);
      for (const c of codes) expect(c, c).toMatch(/\d{3}$/);
      await mapIdle(page);
      await page.screenshot({ path: `${ARTIFACTS}/area-districts.png`, fullPage: true });

      // The brief reads the uploaded area in the same tab.
      await page.getByRole('link', { name: 'Open the area brief' }).click();
      const brief = page.getByTestId('area-brief');
      await brief.waitFor();
      await expect(brief.locator('h1').textContent()).resolves.toBe('area-upload');
      await expect(brief.locator('.brief-page').count()).resolves.toBe(2);
      await page.screenshot({ path: `${ARTIFACTS}/area-districts-brief.png`, fullPage: true });
      await page.close();
    },
  );

  it('refuses a file with no polygon, saying so', { timeout: 120_000 }, async () => {
    const page = await vigil.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${vigil.server.url}/area`);
    const file = `${ARTIFACTS}/area-points.geojson`;
    writeFileSync(file, JSON.stringify({ type: 'Point', coordinates: [43, 36] }));
    await page.getByLabel('Upload a polygon file (GeoJSON, TopoJSON or zipped Shapefile)').setInputFiles(file);
    await expect(page.getByRole('alert').innerText()).resolves.toBe('The file holds no polygon.');
    expect(new URL(page.url()).searchParams.get('shape')).toBeNull();
    await page.close();
  });
});
