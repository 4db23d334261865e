import type { Browser, Page } from 'playwright-core';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../helpers/auth.ts';
import { ARTIFACTS } from '../helpers/browser.ts';
import { testBrowser } from '../helpers/browser-server.ts';
import { seededDbCopy } from '../helpers/seeded-db.ts';
import { startServer } from '../helpers/server.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await testBrowser();
});
afterAll(() => browser?.close());

/** Signs in as a new admin of `url` and opens the Admin page's Backups panel. */
async function backupsPanel(url: string, dbPath: string): Promise<Page> {
  const admin = await createUser({ url, dbPath }, 'admin');
  const page = await browser.newPage({ viewport: { width: 1300, height: 900 } });
  await page.goto(`${url}/admin`);
  const form = page.getByRole('form', { name: 'Sign in' });
  await form.getByLabel('Email').fill(admin.email);
  await form.getByLabel('Password').fill(admin.password);
  await form.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('backups-panel').waitFor();
  return page;
}

describe('the Admin page shows scheduled backups', () => {
  it('reports a failing backup (unwritable folder) with its reason, while the dashboard keeps serving', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'vigil-admin-backups-')), 'a-file');
    writeFileSync(file, 'not a folder');
    const server = await startServer({
      dbPath: seededDbCopy(),
      env: { VIGIL_BACKUP_DIR: join(file, 'backups'), VIGIL_BACKUP_EVERY: '1s' },
    });
    try {
      const page = await backupsPanel(server.url, server.dbPath);
      // The panel reads the status when it opens; reload until the first attempt is in it.
      await expect
        .poll(async () => {
          await page.reload();
          await page.getByTestId('backups-panel').waitFor();
          return page.getByTestId('backups-panel').innerText();
        })
        .toMatch(/The last backup failed at .*ENOTDIR.*Serving is not affected/);
      await expect(page.getByTestId('backup-last-success').innerText()).resolves.toBe('No successful backup yet.');
      await expect(page.getByTestId('backups-panel').innerText()).resolves.toMatch(
        /Every 1s into .*backups, keeping the newest 7/,
      );
      await page.getByTestId('backups-panel').screenshot({ path: `${ARTIFACTS}/admin-backups-failing.png` });
      expect((await fetch(`${server.url}/api/scores?period=2016-06&lens=tip&level=1`)).status).toBe(200);
      await page.close();
    } finally {
      await server.stop();
    }
  });

  it('shows the last successful backup, or says scheduled backups are off', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigil-admin-backups-'));
    const server = await startServer({
      dbPath: seededDbCopy(),
      env: { VIGIL_BACKUP_DIR: dir, VIGIL_BACKUP_EVERY: '1s' },
    });
    try {
      const page = await backupsPanel(server.url, server.dbPath);
      await expect
        .poll(async () => {
          await page.reload();
          await page.getByTestId('backups-panel').waitFor();
          return page.getByTestId('backups-panel').innerText();
        })
        .toMatch(
          /Last successful backup: \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC \(.* ago\), vigil-\d{8}T\d{6}Z\.db, verified\./,
        );
      await page.getByTestId('backups-panel').screenshot({ path: `${ARTIFACTS}/admin-backups-ok.png` });
      await page.close();
    } finally {
      await server.stop();
    }
    const off = await startServer({ dbPath: seededDbCopy() });
    try {
      const page = await backupsPanel(off.url, off.dbPath);
      // The panel's heading comes before the status it reads from /api/health: wait for the status.
      await page.getByTestId('backups-panel').getByText('Scheduled backups are off').waitFor();
      await expect(page.getByTestId('backups-panel').innerText()).resolves.toMatch(/vigil backup/);
      await page.close();
    } finally {
      await off.stop();
    }
  });
});
