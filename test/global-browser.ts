import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BrowserServer } from 'playwright-core';
import type { TestProject } from 'vitest/node';
import { launchBrowserServer } from './helpers/browser.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Where a test file asks for its worker's Chromium (see {@link setup}). */
    browserBroker: string;
  }
}

/**
 * One Chromium per vitest worker instead of one per browser test file (a launch is about a second of
 * CPU; 30 files launched one each). A file asks this process's small HTTP service for its worker's
 * browser (GET /<worker id>): the first ask starts it, later ones get the same one, and a run without
 * browser tests starts none. Each file still has its own contexts and pages (test/helpers/browser-server.ts).
 * The browsers are closed when the run ends.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const browsers = new Map<string, Promise<BrowserServer>>();
  const broker = createServer((req, res) => {
    const worker = req.url ?? '/';
    let browser = browsers.get(worker);
    if (!browser) {
      const launching = launchBrowserServer();
      browsers.set(worker, (browser = launching));
      // A browser that died (a crash in an earlier file) is replaced on the next ask, not handed out again.
      launching.then(
        (b) => b.on('close', () => browsers.get(worker) === launching && browsers.delete(worker)),
        () => undefined, // answered below
      );
    }
    browser.then(
      (b) => res.end(b.wsEndpoint()),
      (e: unknown) => {
        browsers.delete(worker);
        res.statusCode = 500;
        res.end(e instanceof Error ? e.message : String(e));
      },
    );
  });
  await new Promise<void>((resolve) => broker.listen(0, '127.0.0.1', resolve));
  project.provide('browserBroker', `http://127.0.0.1:${(broker.address() as AddressInfo).port}`);
  return async () => {
    broker.close();
    await Promise.all([...browsers.values()].map(async (b) => (await b.catch(() => undefined))?.close()));
  };
}
