import { existsSync, mkdirSync } from 'node:fs';
import { chromium, type Browser, type BrowserServer, type Download, type Page } from 'playwright-core';

/** Where browser tests save screenshots for people to look at (git-ignored). */
export const ARTIFACTS = 'test/artifacts';

const CANDIDATES = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(
  (p): p is string => Boolean(p),
);

/**
 * How long a page's waits last when a test gives none: a ceiling for a loaded machine, not a speed
 * check (Playwright's own 30 s failed a file's first map load on two loaded cores).
 */
const WAIT_CEILING_MS = 120_000;

/**
 * Launches Debian's headless Chromium (never a downloaded browser) with software WebGL for MapLibre;
 * its pages wait up to {@link WAIT_CEILING_MS} unless told otherwise, and ask for reduced motion
 * unless told otherwise (the map then jumps instead of flying, as MapLibre does for such users:
 * no animation frames to draw in software).
 */
export async function launchBrowser(): Promise<Browser> {
  return withTestDefaults(await chromium.launch(launchOptions()));
}

/**
 * The same Chromium as {@link launchBrowser}, as a server that test files connect to
 * ({@link connectBrowser}): the suite starts one per worker (test/global-browser.ts) instead of one per file.
 */
export function launchBrowserServer(): Promise<BrowserServer> {
  return chromium.launchServer(launchOptions());
}

/**
 * A connection to a {@link launchBrowserServer} Chromium, with {@link launchBrowser}'s page defaults.
 * Its `close()` closes the contexts and pages opened through it and disconnects; the browser stays.
 */
export async function connectBrowser(wsEndpoint: string): Promise<Browser> {
  return withTestDefaults(await chromium.connect(wsEndpoint));
}

function launchOptions() {
  const executablePath = CANDIDATES.find((p) => existsSync(p));
  if (!executablePath)
    throw new Error(`Chromium not found (tried ${CANDIDATES.join(', ')}); install Debian's chromium package`);
  mkdirSync(ARTIFACTS, { recursive: true });
  return {
    executablePath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-quic',
      '--no-first-run',
      // The dashboard opens in the browser's language on a first visit: tests read English unless they ask.
      '--lang=en-US',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--use-angle=swiftshader',
      '--enable-unsafe-swiftshader',
      '--ignore-gpu-blocklist',
      // The page is composited in software; only the map's WebGL goes through SwiftShader. Measured on
      // four map loads: half the GPU process's CPU (9 s to 4.7 s), a tenth of the browser's in all.
      '--disable-gpu-compositing',
    ],
  };
}

/** Pages wait up to {@link WAIT_CEILING_MS} and ask for reduced motion, unless told otherwise. */
function withTestDefaults(browser: Browser): Browser {
  // browser.newPage() opens its own context through newContext(), so both get the ceiling.
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (options) => {
    const context = await newContext({ reducedMotion: 'reduce', ...options });
    context.setDefaultTimeout(WAIT_CEILING_MS);
    return context;
  };
  return browser;
}

/**
 * The bytes of a finished download, read through Playwright: with the worker's shared Chromium
 * (test/global-browser.ts) the browser is connected remotely and `download.path()` is not available.
 */
export async function downloadBody(download: Download): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Signs `who` in through the account page's form, as a person would, and waits for the account summary. */
export async function signInOnPage(
  page: Page,
  baseUrl: string,
  who: { email: string; password: string },
): Promise<void> {
  await page.goto(`${baseUrl}/account`);
  const form = page.getByRole('form', { name: 'Sign in' });
  await form.getByLabel('Email').fill(who.email);
  await form.getByLabel('Password').fill(who.password);
  await form.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('account-summary').waitFor();
}

/**
 * Goes to `path` (with its query) as the dashboard's own links do, without loading a page: the History
 * API, then the `popstate` its router listens to. Waits for `ready` on the new page; on a change of page,
 * elements that matched `ready` before are marked first, so that a match left from the previous page
 * does not count.
 */
export async function goInApp(page: Page, path: string, ready: string): Promise<void> {
  const target = new URL(path, page.url());
  const otherPage = new URL(page.url()).pathname !== target.pathname;
  await page.evaluate(
    ([to, sel, mark]) => {
      if (mark) for (const el of document.querySelectorAll(sel)) el.setAttribute('data-before-navigation', '');
      window.history.pushState(null, '', to);
      window.dispatchEvent(new PopStateEvent('popstate'));
    },
    [target.pathname + target.search, ready, otherPage] as const,
  );
  await page.waitForSelector(otherPage ? `:is(${ready}):not([data-before-navigation])` : ready);
  const now = new URL(page.url());
  if (now.pathname !== target.pathname) throw new Error(`the app went to ${now.pathname}, not ${target.pathname}`);
}

/**
 * Counts `page`'s requests from now on and returns a wait for its network to be quiet: no request in
 * flight for half a second. Playwright's `networkidle` is the same wait but comes once per document,
 * so it does not wait again after a navigation inside the app ({@link goInApp}).
 */
export function networkQuiet(page: Page): () => Promise<void> {
  let inFlight = 0;
  let last = performance.now();
  page.on('request', () => {
    inFlight++;
    last = performance.now();
  });
  const done = () => {
    inFlight--;
    last = performance.now();
  };
  page.on('requestfinished', done);
  page.on('requestfailed', done);
  return async () => {
    while (inFlight > 0 || performance.now() - last < 500) await new Promise((r) => setTimeout(r, 100));
  };
}
