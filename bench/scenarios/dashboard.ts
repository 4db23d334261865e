import { existsSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../../test/helpers/browser.ts';
import { firstStartDbCopy } from '../../test/helpers/seeded-db.ts';
import { colourKey, drawnAfter, placementCost, setSlider, waitForDrawn } from '../../test/browser/map-driver.ts';
import { figure, median, scenario, type BenchContext, type ScenarioResult } from '../lib/figures.ts';
import { startVigil } from '../lib/processes.ts';
import type { Scale } from '../scales.ts';

interface PageTimes {
  /** Navigation start to the map drawn with the month's colours (the dashboard's own performance mark). */
  mapDrawnMs: number;
  firstContentfulPaintMs: number;
  boundaries0Ms: number;
}

/**
 * Opens the map in a fresh browser context (empty cache), on countries or (a deep link) on first-level
 * regions at world zoom, and times it until the month's colours are drawn.
 */
async function openMap(
  browser: Browser,
  url: string,
  period: string,
  viewport: Scale['dashboard']['viewport'],
  level: 0 | 1 = 0,
): Promise<{ page: Page; times: PageTimes; close: () => Promise<void> }> {
  // A user's default motion, not the tests' reduced motion: the figures time what users see, as before.
  const context = await browser.newContext({ viewport, reducedMotion: 'no-preference' });
  const page = await context.newPage();
  await page.goto(`${url}/?lens=overall&period=${period}${level === 1 ? '&level=1' : ''}`);
  const key = colourKey(period, 'overall', level);
  await waitForDrawn(page, key, 0, 120_000);
  await page.waitForFunction(() => (window.__vigilMap as unknown as { loaded(): boolean }).loaded(), null, {
    timeout: 120_000,
  });
  // A string, not a function: tsx would wrap a function's inner helpers in a `__name` the page lacks.
  const times = (await page.evaluate(`(() => {
    const at = (name) => performance.getEntriesByName(name)[0]?.startTime ?? NaN;
    return { mapDrawnMs: at('vigil:map-drawn:${key}'), firstContentfulPaintMs: at('first-contentful-paint'), boundaries0Ms: at('vigil:boundaries-0:converted') - at('vigil:boundaries-0:start') };
  })()`)) as PageTimes;
  return { page, times, close: () => context.close() };
}

/**
 * Month changes with the slider, each timed until the new colours are drawn: back from the latest
 * on the world map, forward again on first-level regions. With `pauseMs`, each step waits that long
 * first, as a user reading the map does (time for the dashboard to fetch the neighbouring months).
 */
async function periodChanges(
  page: Page,
  periods: readonly string[],
  level: 0 | 1,
  steps: number,
  opts: { from?: number; pauseMs?: number } = {},
): Promise<number[]> {
  const out: number[] = [];
  const last = periods.length - 1;
  const from = opts.from ?? (level === 0 ? last : last - 5);
  for (let i = 1; i <= steps; i++) {
    const p = periods[level === 0 ? from - i : from + i]!;
    if (opts.pauseMs) await page.waitForTimeout(opts.pauseMs);
    const t0 = await setSlider(page, periods.indexOf(p));
    out.push(await drawnAfter(page, colourKey(p, 'overall', level), t0));
  }
  return out;
}

/**
 * Everything timed on one server: first paints in fresh contexts, then month changes on both levels;
 * with `deep`, also the pages opened on first-level regions from a link and their switch to countries
 * (figures of the synthetic data alone, so the baseline server leaves them out).
 */
async function measure(
  browser: Browser,
  url: string,
  { loads, steps, moves, warmUp, viewport }: Scale['dashboard'],
  deep: boolean,
  log: (s: string) => void = () => {},
) {
  const periods = (await (await fetch(`${url}/api/periods`)).json()) as string[];
  const period = periods.at(-1)!;
  let cold: PageTimes | null = null;
  if (warmUp) {
    const m = await openMap(browser, url, period, viewport);
    cold = m.times;
    log(`    cold load: map drawn at ${cold.mapDrawnMs.toFixed(0)} ms`);
    await m.close();
  }
  const warm: PageTimes[] = [];
  for (let i = 0; i < loads; i++) {
    const m = await openMap(browser, url, period, viewport);
    warm.push(m.times);
    if (i < loads - 1) await m.close();
    else {
      const { page } = m;
      const level0 = await periodChanges(page, periods, 0, steps);
      log(`    world map month changes: ${level0.map((x) => x.toFixed(0)).join(', ')} ms`);
      const paused = await periodChanges(page, periods, 0, steps, { from: periods.length - 1 - 5, pauseMs: 1000 });
      log(`    world map month changes after a 1 s pause: ${paused.map((x) => x.toFixed(0)).join(', ')} ms`);
      // Place names are placed again on every move: their cost per move at world zoom, and the same
      // page's placement with names turned off (hotspot labels only) as its baseline.
      const names = await placementCost(page, moves);
      const toggle = page.getByRole('button', { name: 'Place names' });
      await toggle.click();
      const noNames = await placementCost(page, moves);
      await toggle.click();
      log(`    label placement per move: ${names.ms.toFixed(2)} ms with names, ${noNames.ms.toFixed(2)} ms without`);
      // Back to the fifth month from the end, where the first-level map opens.
      const back = periods[periods.length - 1 - 5]!;
      const tb = await setSlider(page, periods.indexOf(back));
      await drawnAfter(page, colourKey(back, 'overall', 0), tb);
      const t0 = await page.evaluate(() => performance.now());
      await page.getByRole('combobox', { name: 'Regions' }).selectOption('1');
      // The slider now shows the fifth month back: the first-level map opens on it.
      const shown = periods[periods.length - 1 - 5]!;
      const levelSwitchMs = await drawnAfter(page, colourKey(shown, 'overall', 1), t0);
      log(`    first-level regions drawn ${levelSwitchMs.toFixed(0)} ms after the switch`);
      const level1 = await periodChanges(page, periods, 1, steps);
      await m.close();
      // First-level regions opened from a link, in fresh contexts; then, in the last of those pages, the
      // first switch to countries at world zoom: the admin-0 figure the switch to regions is compared with.
      const linked: PageTimes[] = [];
      let switchTo0Ms = NaN;
      for (let j = 0; deep && j < loads; j++) {
        const d = await openMap(browser, url, period, viewport, 1);
        linked.push(d.times);
        if (j === loads - 1) {
          const ta = await d.page.evaluate(() => performance.now());
          await d.page.getByRole('combobox', { name: 'Regions' }).selectOption('0');
          switchTo0Ms = await drawnAfter(d.page, colourKey(period, 'overall', 0), ta);
        }
        await d.close();
      }
      if (deep)
        log(
          `    first-level link: drawn at ${linked.map((d) => d.mapDrawnMs.toFixed(0)).join(', ')} ms; then countries drawn ${switchTo0Ms.toFixed(0)} ms after the switch`,
        );
      return {
        cold,
        warm,
        level0,
        paused,
        level1,
        levelSwitchMs,
        switchTo0Ms,
        deep: linked,
        period,
        names,
        noNames,
      };
    }
  }
  throw new Error('no page load');
}

/**
 * The dashboard in headless Chromium on the synthetic data: first paint (navigation to the map drawn
 * with the month's colours, in a fresh browser context, median of the scale's loads after one warm-up
 * load where the scale asks for it) and
 * month changes with the slider on the world map and on first-level regions (median of its steps), against
 * the same dashboard on the bundled dataset in the same run.
 */
export function benchDashboard(ctx: BenchContext): Promise<ScenarioResult> {
  return scenario('dashboard', ctx.log, async () => {
    if (!existsSync('dist/web/index.html')) throw new Error('build the dashboard first: npx vite build');
    // The bundled dataset as a first start leaves it (built once per version of the code, then copied):
    // what is timed is the dashboard, not the server's first start.
    const bundledDb = await firstStartDbCopy();
    const browser = await launchBrowser();
    try {
      const small = await startVigil(bundledDb);
      const base = await measure(browser, small.url, ctx.scale.dashboard, false, ctx.log).finally(() => small.stop());
      const big = await startVigil(ctx.workDb);
      const synthetic = await measure(browser, big.url, ctx.scale.dashboard, true, ctx.log).finally(() => big.stop());
      const paint = median(synthetic.warm.map((w) => w.mapDrawnMs));
      const basePaint = median(base.warm.map((w) => w.mapDrawnMs));
      ctx.log(
        `  first paint (map drawn) ${paint.toFixed(0)} ms (bundled data ${basePaint.toFixed(0)} ms); month change world ${synthetic.level0.map((x) => x.toFixed(0)).join(', ')} ms, first-level ${synthetic.level1.map((x) => x.toFixed(0)).join(', ')} ms`,
      );
      return {
        figures: [
          figure(
            {
              id: 'dashboard.first-paint',
              what: `dashboard opened in a fresh browser context until the map is drawn with the month's colours (median of ${ctx.scale.dashboard.loads})`,
              value: paint,
              unit: 'ms',
              baseline: { what: 'the same on the bundled dataset', value: basePaint, unit: 'ms' },
              goal: '< 1.5 s',
            },
            (f) => f.value < 1500,
          ),
          figure(
            {
              id: 'dashboard.first-paint-admin1',
              what: `the same opened on first-level regions (a link with level=1) until they are drawn with the month's colours (median of ${ctx.scale.dashboard.loads})`,
              value: median(synthetic.deep.map((d) => d.mapDrawnMs)),
              unit: 'ms',
              baseline: { what: 'the dashboard opened on countries, same data (above)', value: paint, unit: 'ms' },
              goal: '< 2 s',
            },
            (f) => f.value < 2000,
          ),
          figure(
            {
              id: 'dashboard.level-switch',
              what: 'first switch to first-level regions at world zoom until they are drawn with the colours (vector tiles and compact scores)',
              value: synthetic.levelSwitchMs,
              unit: 'ms',
              baseline: {
                what: 'first switch to countries at world zoom in a page opened on first-level regions',
                value: synthetic.switchTo0Ms,
                unit: 'ms',
              },
              goal: '< 1 s and ≤ 1.3× admin-0',
            },
            (f) => f.value < 1000 && f.ratio <= 1.3,
          ),
          figure(
            {
              id: 'dashboard.period-change',
              what: `month change on the world map until the new colours are drawn (median of ${ctx.scale.dashboard.steps})`,
              value: median(synthetic.level0),
              unit: 'ms',
              baseline: { what: 'the same on the bundled dataset', value: median(base.level0), unit: 'ms' },
              goal: '< 100 ms',
            },
            (f) => f.value < 100,
          ),
          figure(
            {
              id: 'dashboard.period-change-paused',
              what: `the same after resting 1 s on each month, as a reader does (the dashboard fetches the months either side meanwhile) (median of ${ctx.scale.dashboard.steps})`,
              value: median(synthetic.paused),
              unit: 'ms',
              baseline: { what: 'the same on the bundled dataset', value: median(base.paused), unit: 'ms' },
              goal: '< 100 ms',
            },
            (f) => f.value < 100,
          ),
          figure(
            {
              id: 'dashboard.period-change-admin1',
              what: `month change with all first-level regions shown (median of ${ctx.scale.dashboard.steps})`,
              value: median(synthetic.level1),
              unit: 'ms',
              baseline: { what: 'the same on the bundled dataset', value: median(base.level1), unit: 'ms' },
              goal: '< 100 ms',
            },
            (f) => f.value < 100,
          ),
          figure(
            {
              id: 'dashboard.label-placement',
              what: `placing the place names and hotspot labels on a map move at world zoom (mean of ${ctx.scale.dashboard.moves} moves)`,
              value: synthetic.names.ms,
              unit: 'ms',
              baseline: { what: 'the same page with place names turned off', value: synthetic.noNames.ms, unit: 'ms' },
              goal: '< 16 ms (within one frame)',
            },
            (f) => f.value < 16,
          ),
        ],
        details: { synthetic, bundled: base },
      };
    } finally {
      await browser.close();
      rmSync(dirname(bundledDb), { recursive: true, force: true });
    }
  });
}
