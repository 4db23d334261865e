import { describe, expect, it } from 'vitest';
import { ARTIFACTS } from '../helpers/browser.ts';
import { useBrowserAndServer } from '../helpers/browser-server.ts';
import { pointOf, riskPixels } from './map-driver.ts';

// The database a real first start leaves (the first start itself is foundation's and ucdp-seed's).
const vigil = useBrowserAndServer({ db: 'first-start' });

describe('dashboard in headless Chromium', () => {
  it('draws a coloured world map with its legend, and shows a region on hover and click', async () => {
    const page = await vigil.browser.newPage({ viewport: { width: 1400, height: 860 } });
    const external: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith(vigil.server.url) && !r.url().startsWith('data:') && !r.url().startsWith('blob:'))
        external.push(r.url());
    });
    const t0 = Date.now();
    await page.goto(vigil.server.url);
    // No timeouts of their own: the pages' 120 s ceiling (a first load took over 30 s under load).
    await page.waitForSelector('[data-testid="risk-map"][data-ready="true"]');
    await page.waitForFunction(
      () => Number(document.querySelector<HTMLElement>('.maplibregl-map')?.dataset.appliedScores) > 0,
    );
    await page.evaluate(
      () =>
        new Promise<void>((r) => {
          const m = (
            window as unknown as { __vigilMap: { once(e: string, f: () => void): void; triggerRepaint(): void } }
          ).__vigilMap;
          m.once('idle', () => r());
          m.triggerRepaint();
        }),
    );
    console.log(`map ready with scores after ${Date.now() - t0} ms`);

    await expect(page.getByRole('figure', { name: 'Map legend' }).isVisible()).resolves.toBe(true);
    const legend = await page.getByRole('figure', { name: 'Map legend' }).innerText();
    for (const label of ['Very high', 'Low', 'Insufficient data', 'No data']) expect(legend).toContain(label);

    const png = await page.locator('canvas.maplibregl-canvas').screenshot({ path: `${ARTIFACTS}/dashboard-map.png` });
    await page.screenshot({ path: `${ARTIFACTS}/dashboard.png` });
    // The canvas shows risk colours (the OrRd reds), not only the background and greys.
    const colours = riskPixels(png);
    expect(colours.reddish).toBeGreaterThan(50);

    // Hover and click on Iraq, a documented hotspot: tooltip, then the side panel.
    const iraq = await pointOf(page, [43.5, 33.5]);
    await page.mouse.move(iraq.x, iraq.y);
    await expect(page.getByRole('tooltip').innerText()).resolves.toContain('Iraq');
    await page.mouse.click(iraq.x, iraq.y);
    // The side panel shows the region's profile; its score arrives with the region's series.
    await expect.poll(() => page.getByTestId('region-summary').innerText()).toMatch(/Iraq[\s\S]*\d+\.\d \/ 10/);
    await page.screenshot({ path: `${ARTIFACTS}/dashboard-selected.png` });
    expect(external).toEqual([]);
  });
});
