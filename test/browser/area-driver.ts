import type { Page } from 'playwright-core';

/** Waits until the Area page's map has its layers and every tile in view is loaded and drawn. */
export async function mapIdle(page: Page) {
  await page.locator('.area-map[data-ready="true"]').waitFor();
  await page.waitForFunction(
    () => {
      const m = (window as unknown as { __vigilMap: { loaded(): boolean; areTilesLoaded(): boolean } }).__vigilMap;
      return m.loaded() && m.areTilesLoaded();
    },
    undefined,
    { polling: 100 },
  );
}

/** Region codes of the area profile's table, in order (largest share first). */
export const tableCodes = (page: Page) =>
  page
    .getByTestId('area-regions')
    .locator('tbody tr')
    .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-code')));
