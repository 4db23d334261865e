import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, createUserAndLogin } from '../helpers/auth.ts';
import { ARTIFACTS } from '../helpers/browser.ts';
import { serveInProcess, useBrowserAndServer } from '../helpers/browser-server.ts';
import { seededDbCopy } from '../helpers/seeded-db.ts';
import type { RunningServer } from '../helpers/server.ts';

/**
 * One server for the public describes: each signs in accounts of its own and reads nothing another
 * writes (the audit checks look for their own actor or entity). The closed server is its own.
 */
const vigil = useBrowserAndServer();

/** A page that records Content-Security-Policy violations as the browser reports them. */
async function watchedPage(): Promise<{ page: Page; violations: () => Promise<string[]> }> {
  const page = await vigil.browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __csp: string[] }).__csp = seen;
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  return { page, violations: () => page.evaluate(() => (window as unknown as { __csp: string[] }).__csp) };
}

async function signIn(page: Page, email: string, password: string) {
  const form = page.getByRole('form', { name: 'Sign in' });
  await form.getByLabel('Email').fill(email);
  await form.getByLabel('Password').fill(password);
  await form.getByRole('button', { name: 'Sign in' }).click();
}

describe('signing in and API tokens in the dashboard', () => {
  it('signs in from the top bar, creates a token shown once, revokes it, and signs out; the map draws under the CSP', async () => {
    const analyst = await createUser(vigil.server, 'analyst');
    const { page, violations } = await watchedPage();
    await page.goto(vigil.server.url);
    await page.waitForSelector('[data-testid="risk-map"][data-ready="true"]');
    const control = page.getByTestId('account-control');
    await control.getByRole('link', { name: 'Sign in' }).click();
    await signIn(page, analyst.email, 'not the password');
    await expect(page.getByRole('alert').innerText()).resolves.toMatch(/wrong/);
    await signIn(page, analyst.email, analyst.password);
    // Signing in from the top bar comes back to the page (the map); the email there leads to the account.
    await page.waitForURL((u) => u.pathname === '/');
    await control.getByRole('link', { name: analyst.email }).click();
    const summary = page.getByTestId('account-summary');
    await summary.waitFor();
    await expect(summary.innerText()).resolves.toMatch(new RegExp(`${analyst.email}[\\s\\S]*analyst`));
    await expect(control.innerText()).resolves.toContain(analyst.email);

    await page.getByLabel('Label').fill('browser test');
    await page.getByRole('button', { name: 'Create token' }).click();
    const shown = await page.getByTestId('new-token').locator('code').innerText();
    expect(shown).toMatch(/^vigil_[\w-]{43}$/);
    const row = page.getByRole('row').filter({ hasText: 'browser test' });
    await expect(row.innerText()).resolves.toContain('active');
    // The default expiry is 90 days; the token has not been used yet.
    const in90 = new Date(Date.now() + 90 * 86_400_000).toISOString().slice(0, 10);
    await expect(row.innerText()).resolves.toMatch(new RegExp(`${in90}[\\s\\S]*not yet`));
    expect(
      (await fetch(`${vigil.server.url}/api/auth/tokens`, { headers: { Authorization: `Bearer ${shown}` } })).status,
    ).toBe(200);
    await page.screenshot({ path: `${ARTIFACTS}/account-tokens.png` });

    await row.getByRole('button', { name: 'Revoke' }).click();
    await expect.poll(() => row.innerText()).toMatch(/revoked/);
    expect(
      (await fetch(`${vigil.server.url}/api/auth/tokens`, { headers: { Authorization: `Bearer ${shown}` } })).status,
    ).toBe(401);
    await page.reload();
    await expect(page.getByTestId('new-token').count()).resolves.toBe(0);

    // A token without expiry, used once: the list shows when; the password change below revokes it.
    await page.getByLabel('Label').fill('nightly script');
    await page.getByLabel('Expires').selectOption({ label: 'never (until revoked)' });
    await page.getByRole('button', { name: 'Create token' }).click();
    const script = await page.getByTestId('new-token').locator('code').innerText();
    const scriptRow = page.getByRole('row').filter({ hasText: 'nightly script' });
    await expect(scriptRow.innerText()).resolves.toMatch(/never[\s\S]*not yet[\s\S]*active/);
    const bearer = { headers: { Authorization: `Bearer ${script}` } };
    expect((await fetch(`${vigil.server.url}/api/auth/tokens`, bearer)).status).toBe(200);
    await page.reload();
    await expect(scriptRow.innerText()).resolves.toMatch(/never\s+\d{4}-\d{2}-\d{2} \d{2}:\d{2}\s+active/);

    const pw = page.getByRole('form', { name: 'Change password' });
    await expect(pw.innerText()).resolves.toMatch(/revokes all your API tokens/);
    await pw.getByLabel('Current password').fill(analyst.password);
    await pw.getByLabel('New password', { exact: true }).fill('a fresh pass phrase for 2027');
    await pw.getByLabel('New password again').fill('a fresh pass phrase for 2028');
    await expect(pw.getByRole('button', { name: 'Change password' }).isDisabled()).resolves.toBe(true);
    await pw.getByLabel('New password again').fill('a fresh pass phrase for 2027');
    await pw.getByRole('button', { name: 'Change password' }).click();
    await expect(pw.getByRole('status').innerText()).resolves.toMatch(/Password changed/);
    await expect(summary.isVisible()).resolves.toBe(true);
    expect((await fetch(`${vigil.server.url}/api/auth/tokens`, bearer)).status).toBe(401);
    await expect.poll(() => scriptRow.innerText()).toMatch(/revoked/);
    await page.screenshot({ path: `${ARTIFACTS}/account-after-password.png` });

    await control.getByRole('button', { name: 'Sign out' }).click();
    await control.getByRole('link', { name: 'Sign in' }).waitFor();
    // The page signed out from the top bar no longer shows the account, but the sign-in form.
    await page.getByRole('form', { name: 'Sign in' }).waitFor();
    await expect(summary.count()).resolves.toBe(0);
    await signIn(page, analyst.email, 'a fresh pass phrase for 2027');
    await summary.waitFor();
    expect(await violations()).toEqual([]);
  });
});

describe('administration in the dashboard', () => {
  it('an admin adds an account, changes its role, disables it and reads each change in the audit log; others see no Admin page', async () => {
    const admin = await createUser(vigil.server, 'admin');
    const analyst = await createUser(vigil.server, 'analyst');
    const { page, violations } = await watchedPage();
    const nav = page.getByRole('navigation', { name: 'Pages' });

    await page.goto(`${vigil.server.url}/account`);
    await signIn(page, analyst.email, analyst.password);
    await page.getByTestId('account-summary').waitFor();
    await expect(nav.getByRole('link', { name: 'Admin' }).count()).resolves.toBe(0);
    await page.goto(`${vigil.server.url}/admin`);
    await expect(page.locator('main').innerText()).resolves.toMatch(/Only admins .* signed in as analyst/);
    await page.getByTestId('account-control').getByRole('button', { name: 'Sign out' }).click();

    await page.goto(`${vigil.server.url}/account`);
    await signIn(page, admin.email, admin.password);
    await page.getByTestId('account-summary').waitFor();
    await nav.getByRole('link', { name: 'Admin' }).click();
    const users = page.getByTestId('users-table');
    await users.waitFor();

    const form = page.getByRole('form', { name: 'Add an account' });
    const email = `new-analyst-${Date.now()}@test.vigil`;
    await form.getByLabel('Email').fill(email);
    await form.getByLabel('Role').selectOption('analyst');
    await form.getByLabel('Initial password').fill('short');
    await form.getByRole('button', { name: 'Add account' }).click();
    await expect(form.getByRole('alert').innerText()).resolves.toMatch(/password/);
    await form.getByLabel('Initial password').fill('a long enough pass phrase 42');
    await form.getByRole('button', { name: 'Add account' }).click();
    const row = users.locator(`tr[data-email="${email}"]`);
    await row.waitFor();
    await expect(row.innerText()).resolves.toContain('active');

    await row.getByLabel(`Role of ${email}`).selectOption('viewer');
    await expect.poll(() => row.getByLabel(`Role of ${email}`).inputValue()).toBe('viewer');
    await row.getByRole('button', { name: 'Disable' }).click();
    await expect.poll(() => row.innerText()).toMatch(/disabled \d{4}-\d{2}-\d{2}/);
    const login = await fetch(`${vigil.server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email, password: 'a long enough pass phrase 42' }),
    });
    expect(login.status).toBe(401);

    const audit = page.getByTestId('audit-table');
    await page.getByLabel('Record').selectOption('user');
    await page.getByRole('button', { name: 'Show' }).click();
    await expect
      .poll(
        async () =>
          (await audit.innerText()).match(new RegExp(`${admin.email}\\s+(create|update)\\s+user`, 'g'))?.length ?? 0,
      )
      .toBeGreaterThanOrEqual(3);
    const text = await audit.innerText();
    expect(text).toMatch(/role: analyst → viewer/);
    expect(text).toMatch(/disabledAt: null → \d{4}-/);
    expect(text).not.toMatch(/passwordHash|scrypt/);
    await page.screenshot({ path: `${ARTIFACTS}/admin.png`, fullPage: true });
    expect(await violations()).toEqual([]);
  });
});

describe('a watchlist kept with the account', () => {
  const watched = (page: Page) =>
    page.locator('section', { has: page.getByRole('heading', { name: 'Watchlist' }) }).locator('tbody tr');
  const codes = async (page: Page) =>
    watched(page).evaluateAll((rows) => rows.map((r) => r.getAttribute('data-region')));

  it('moves what a visitor watched into the account on sign-in, and follows the person to another browser', async () => {
    const lead = await createUser(vigil.server, 'viewer');
    // Before signing in: watch a region on its profile, kept in this browser.
    const first = await vigil.browser.newContext({ viewport: { width: 1400, height: 900 } });
    const a = await first.newPage();
    await a.goto(`${vigil.server.url}/region?region=YE-TA&lens=tip`);
    await a.getByRole('button', { name: '☆ Watch' }).click();
    await a.goto(`${vigil.server.url}/account`);
    await signIn(a, lead.email, lead.password);
    await a.getByTestId('account-summary').waitFor();
    await a.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Monitoring' }).click();
    await expect.poll(() => codes(a)).toEqual(['YE-TA']);
    await expect
      .poll(
        async () =>
          (await (
            await fetch(`${vigil.server.url}/api/audit?entity=watchlist`, { headers: await adminBearer() })
          ).json()) as { actor: string; entityId: string }[],
      )
      .toEqual([expect.objectContaining({ actor: lead.email, entityId: 'YE-TA' })]);

    // Watch another from the same browser, now signed in.
    await a.goto(`${vigil.server.url}/region?region=IQ-NI&lens=tip`);
    await a.getByRole('button', { name: '☆ Watch' }).click();
    await a.getByRole('button', { name: '★ Watching' }).waitFor();

    // Another browser, the same person: the same watchlist, in the order watched.
    const second = await vigil.browser.newContext({ viewport: { width: 1400, height: 900 } });
    const b = await second.newPage();
    await b.goto(`${vigil.server.url}/account`);
    await signIn(b, lead.email, lead.password);
    await b.getByTestId('account-summary').waitFor();
    await b.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Monitoring' }).click();
    await expect.poll(() => codes(b)).toEqual(['YE-TA', 'IQ-NI']);
    await b.getByRole('button', { name: /Remove Nineveh from the watchlist/ }).click();
    await expect.poll(() => codes(b)).toEqual(['YE-TA']);
    await b.screenshot({ path: `${ARTIFACTS}/watchlist-account.png`, fullPage: true });

    // Signed out, the browser shows no one's watchlist.
    await b.getByTestId('account-control').getByRole('button', { name: 'Sign out' }).click();
    await expect.poll(() => codes(b)).toEqual([]);
    await first.close();
    await second.close();
  });

  let bearer: Record<string, string> | undefined;
  async function adminBearer() {
    bearer ??= (await createUserAndLogin(vigil.server, 'admin')).bearer;
    return bearer;
  }
});

describe('a server that is not public (VIGIL_PUBLIC_READ=false)', () => {
  let closed: RunningServer;
  beforeAll(async () => {
    closed = await serveInProcess(seededDbCopy(), { VIGIL_PUBLIC_READ: 'false' });
  });
  afterAll(() => closed?.stop());

  it('greets visitors with the sign-in form, then shows the map', async () => {
    const viewer = await createUser(closed, 'viewer');
    const { page, violations } = await watchedPage();
    const failed: string[] = [];
    page.on('response', (r) => {
      if (r.status() === 401 && !r.url().endsWith('/api/auth/login')) failed.push(r.url());
    });
    await page.goto(closed.url);
    await page.getByRole('form', { name: 'Sign in' }).waitFor();
    await expect(page.getByTestId('risk-map').count()).resolves.toBe(0);
    await page.screenshot({ path: `${ARTIFACTS}/account-closed.png` });
    expect(failed, 'no data request before signing in').toEqual([]);
    await signIn(page, viewer.email, viewer.password);
    await page.waitForSelector('[data-testid="risk-map"][data-ready="true"]');
    expect(await violations()).toEqual([]);
  });
});
