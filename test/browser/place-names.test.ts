import { writeFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ARTIFACTS, downloadBody } from '../helpers/browser.ts';
import { useBrowserAndServer } from '../helpers/browser-server.ts';
import { placementCost } from './map-driver.ts';

const vigil = useBrowserAndServer({ db: 'first-start' });

interface Drawn {
  text: string;
  kind: string;
  code: string;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** Every label drawn over the map (place names and hotspot labels) with its box on the page, and the map's box. */
async function drawnLabels(
  page: Page,
): Promise<{ labels: Drawn[]; map: { x0: number; y0: number; x1: number; y1: number } }> {
  return page.evaluate(() => {
    const m = document.querySelector('canvas.maplibregl-canvas')!.getBoundingClientRect();
    const labels = [...document.querySelectorAll<HTMLElement>('.map-labels > div')].map((el) => {
      const r = el.getBoundingClientRect();
      return {
        text: (el.querySelector('.name') ?? el).textContent ?? '',
        kind: el.className,
        code: el.dataset.code ?? '',
        x0: r.left,
        y0: r.top,
        x1: r.right,
        y1: r.bottom,
      };
    });
    return { labels, map: { x0: m.left, y0: m.top, x1: m.right, y1: m.bottom } };
  });
}

/** Pairs of labels whose boxes overlap by more than half a pixel each way. */
function overlapping(labels: readonly Drawn[]): string[] {
  const out: string[] = [];
  labels.forEach((a, i) =>
    labels.slice(i + 1).forEach((b) => {
      if (Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0) > 0.5 && Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0) > 0.5)
        out.push(`${a.text} × ${b.text}`);
    }),
  );
  return out;
}

/** Labels that stick out of the map's box. */
const outside = (d: Awaited<ReturnType<typeof drawnLabels>>) =>
  d.labels
    .filter((l) => l.kind.includes('map-name'))
    .filter((l) => l.x0 < d.map.x0 - 0.5 || l.y0 < d.map.y0 - 0.5 || l.x1 > d.map.x1 + 0.5 || l.y1 > d.map.y1 + 0.5)
    .map((l) => l.text);

describe('place names on the map', () => {
  it('names countries on the world map, first-level regions when zoomed in, never overlapping, placed again on every move', async () => {
    const page = await vigil.browser.newPage({ viewport: { width: 1400, height: 860 } });
    await page.goto(`${vigil.server.url}/?lens=tip`);
    await page.waitForSelector('.maplibregl-map[data-drawn-key]');
    await page.waitForFunction(() => document.querySelectorAll('.map-name-0').length > 20, null);

    const world = await drawnLabels(page);
    const names = world.labels.filter((l) => l.kind.includes('map-name-0')).map((l) => l.text);
    const hotspots = world.labels.filter((l) => l.kind.includes('map-label-hotspot'));
    console.log(`world: ${names.length} country names, ${hotspots.length} hotspot labels`);
    // Countries with data are named, as a place name or as a hotspot label; large countries too.
    const all = world.labels.map((l) => l.text);
    expect(all).toEqual(expect.arrayContaining(['Iraq', 'Nigeria', 'Libya', 'China', 'Australia']));
    // Nothing is named under the legend or the map's buttons.
    const covers = await page.$$eval('.map-area .legend, .maplibregl-ctrl-top-right, .map-names-toggle', (els) =>
      els.map((e) => e.getBoundingClientRect()).map((r) => ({ x0: r.left, y0: r.top, x1: r.right, y1: r.bottom })),
    );
    expect(covers.length).toBe(3);
    const under = world.labels.filter(
      (l) =>
        l.kind.includes('map-name') && covers.some((c) => l.x0 < c.x1 && l.x1 > c.x0 && l.y0 < c.y1 && l.y1 > c.y0),
    );
    expect(under.map((l) => l.text)).toEqual([]);
    await page.screenshot({ path: `${ARTIFACTS}/place-names-world.png` });
    // Every hotspot the list shows first keeps its label (names never push one out).
    const listed = Math.min(5, await page.locator('section.hotspots ol > li').count());
    expect(listed).toBeGreaterThan(0);
    expect(hotspots.length).toBe(listed);
    expect(overlapping(world.labels)).toEqual([]);
    expect(outside(world)).toEqual([]);

    // Names are placed again on every move (what that costs, with and without names, is the bench's
    // dashboard.label-placement figure), and turning them off keeps the hotspot labels.
    const moved = await placementCost(page, 12);
    expect(moved.runs).toBeGreaterThanOrEqual(4);
    expect(moved.ms).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Place names' }).click();
    await expect.poll(() => page.locator('.map-name').count()).toBe(0);
    expect(await page.locator('.map-label-hotspot').count()).toBe(listed);
    await page.getByRole('button', { name: 'Place names' }).click();
    await page.waitForFunction(() => document.querySelectorAll('.map-name-0').length > 20);

    // Zoomed in on Iraq, the map shows first-level regions and names them.
    await page.evaluate(() => window.__vigilMap.jumpTo({ center: [43.7, 33.2], zoom: 5.2 }));
    await page.waitForSelector('.maplibregl-map[data-drawn-key*="|1|"]');
    await page.waitForFunction(() => document.querySelectorAll('.map-name-1').length > 5, null);
    await page.screenshot({ path: `${ARTIFACTS}/place-names-iraq.png` });
    const near = await drawnLabels(page);
    const regions = near.labels.filter((l) => l.kind.includes('map-name-1'));
    console.log(
      `zoomed in: ${regions.length} region names, e.g. ${regions
        .slice(0, 6)
        .map((r) => r.text)
        .join(', ')}`,
    );
    // First-level region codes carry their country's two-letter prefix (IQ-NI); countries have three letters.
    expect(regions.filter((r) => /^[A-Z]{3}$/.test(r.code))).toEqual([]);
    expect(regions.filter((r) => r.code.startsWith('IQ-')).length).toBeGreaterThan(3);
    expect(overlapping(near.labels)).toEqual([]);
    expect(outside(near)).toEqual([]);
    await page.close();
  }, 400_000);

  it('an exported SVG names the places in its frame and lists only the hotspots inside it, numbered without gaps', async () => {
    const page = await vigil.browser.newPage({ viewport: { width: 1400, height: 860 } });
    const exportSvg = async (path: string, name: string) => {
      await page.goto(`${vigil.server.url}${path}`);
      await page.waitForSelector('.maplibregl-map[data-drawn-key]');
      await page.click('.export-menu > summary');
      const [download] = await Promise.all([
        page.waitForEvent('download', { timeout: 150_000 }),
        page.click('[data-export="svg"]'),
      ]);
      const text = (await downloadBody(download)).toString('utf8');
      writeFileSync(`${ARTIFACTS}/${name}.svg`, text);
      return readSvg(page, text);
    };

    // The whole world, countries: country names, hotspots numbered from 1.
    const world = await exportSvg('/?lens=tip&period=2017-07&level=0', 'place-names-export-world');
    expect(world.error).toBeNull();
    console.log(`world export: ${world.names.length} names; listed ${world.listed.join(', ')}`);
    expect(world.names.filter((n) => n.level === '0').map((n) => n.text)).toEqual(
      expect.arrayContaining(['China', 'Australia', 'Brazil']),
    );
    expect(world.listed.length).toBe(5);
    expect(world.listTitle).toBe('Highest scores');
    expectNumbered(world);

    // Zoomed in on Syria and Iraq, first-level regions: their names, and only the hotspots there,
    // renumbered from 1, although the month's first hotspots (Borno State, North Kivu) are elsewhere.
    const near = await exportSvg('/?lens=tip&period=2017-07&z=5&c=41,34.5', 'place-names-export-near');
    expect(near.error).toBeNull();
    console.log(`zoomed export: ${near.names.length} names; listed ${near.listed.join(', ')}`);
    const panel = await page.locator('section.hotspots ol > li strong').allInnerTexts();
    expect(panel.slice(0, 2)).toEqual(['Borno State', 'North Kivu']);
    expect(near.names.filter((n) => n.level === '1').length).toBeGreaterThan(5);
    expect(near.names.filter((n) => n.level === '0').map((n) => n.text)).toEqual(expect.arrayContaining(['Iraq']));
    expect(near.listed.length).toBeGreaterThan(0);
    expect(near.listed.join(' ')).not.toMatch(/Borno|Kivu/);
    expect(near.listed).toEqual(expect.arrayContaining([expect.stringMatching(/^\d\. Nineveh/)]));
    expect(near.listTitle).toBe('Highest scores in this view');
    expectNumbered(near);

    // The PNG of the same view is drawn from the live map with the same names and labels (saved to look at).
    const [png] = await Promise.all([
      page.waitForEvent('download', { timeout: 150_000 }),
      page.click('[data-export="png"]'),
    ]);
    const body = await downloadBody(png);
    expect(body.readUInt32BE(16)).toBe(1600);
    writeFileSync(`${ARTIFACTS}/place-names-export-near.png`, body);
    await page.close();
  }, 400_000);
});

interface ReadSvg {
  error: string | null;
  names: { text: string; level: string }[];
  listed: string[];
  listTitle: string | null;
  labels: { text: string; x: number; y: number }[];
  frame: { x: number; y: number; width: number; height: number };
}

/** What an exported SVG shows, parsed by the browser: place names, the listed hotspots, their labels on the map, the frame. */
function readSvg(page: Page, text: string): Promise<ReadSvg> {
  return page.evaluate((s) => {
    const doc = new DOMParser().parseFromString(s, 'image/svg+xml');
    const num = (el: Element | null, a: string) => Number(el?.getAttribute(a));
    const frame = doc.querySelector('rect.frame');
    return {
      error: doc.querySelector('parsererror')?.textContent ?? null,
      names: [...doc.querySelectorAll('text.place-name')].map((t) => ({
        text: t.textContent ?? '',
        level: t.getAttribute('data-level') ?? '',
      })),
      listed: [...doc.querySelectorAll('text.list-label')].map((t) => t.textContent ?? ''),
      listTitle: doc.querySelector('text.list-title')?.textContent ?? null,
      labels: [...doc.querySelectorAll('text.map-label')].map((t) => {
        const span = t.querySelector('tspan');
        return { text: t.textContent ?? '', x: num(span, 'x'), y: num(span, 'y') };
      }),
      frame: { x: num(frame, 'x'), y: num(frame, 'y'), width: num(frame, 'width'), height: num(frame, 'height') },
    };
  }, text);
}

/** The list and the map labels both number the hotspots 1, 2, … n without gaps, and every label lies inside the map frame. */
function expectNumbered(svg: ReadSvg) {
  const numbers = (texts: string[]) => texts.map((t) => Number(/^(\d+)\. /.exec(t)?.[1]));
  const n = svg.listed.length;
  expect(numbers(svg.listed)).toEqual(Array.from({ length: n }, (_, i) => i + 1));
  expect(numbers(svg.labels.map((l) => l.text)).sort((a, b) => a - b)).toEqual(numbers(svg.listed));
  const f = svg.frame;
  for (const l of svg.labels) {
    expect(l.x).toBeGreaterThanOrEqual(f.x);
    expect(l.x).toBeLessThanOrEqual(f.x + f.width);
    expect(l.y).toBeGreaterThanOrEqual(f.y);
    expect(l.y).toBeLessThanOrEqual(f.y + f.height);
  }
}
