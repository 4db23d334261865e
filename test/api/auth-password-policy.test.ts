import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app.ts';
import { createAccount } from '../../api/services/auth/accounts.ts';
import { passwordProblem } from '../../api/services/auth/password.ts';
import { openDb, type Connection } from '../../db/client.ts';
import { sqliteAsync } from '../../db/async.ts';
import { runMigrations } from '../../db/migrate.ts';
import { createUserAndLogin, send, type Credentials, type Target } from '../helpers/auth.ts';

let db: Connection;
let target: Target;
let admin: Credentials;

beforeAll(async () => {
  db = openDb(':memory:');
  runMigrations(db);
  const app = createApp({ db, version: 'test' });
  target = { request: (p, i) => app.request(p, i), db };
  admin = await createUserAndLogin(target, 'admin');
});
afterAll(() => db.$client.close());

const json = (method: string, body: unknown, headers: Record<string, string>) => ({
  method,
  headers: { ...headers, 'Content-Type': 'application/json' },
  body: JSON.stringify(body),
});
const refusal = async (res: Response) => {
  expect(res.status).toBe(400);
  return ((await res.json()) as { error: { fields: { field: string; message: string }[] } }).error.fields.find(
    (f) => f.field === 'password',
  )?.message;
};

/** Passwords the policy refuses for an account with this email, and why. */
const REFUSED: [string, (email: string) => string, RegExp][] = [
  ['eleven characters', () => 'abcdefghijk', /at least 12/],
  ['twelve spaces', () => ' '.repeat(12), /only spaces/],
  ['tabs and spaces', () => ' \t \t \t \t \t \t', /only spaces/],
  ['one character repeated', () => 'zzzzzzzzzzzzzz', /repeated/],
  ['the email', (e) => e, /email/],
  ['the email in capitals', (e) => e.toUpperCase(), /email/],
  ['the email with spaces around', (e) => `  ${e} `, /email/],
  ['the part of the email before the @', (e) => e.split('@')[0]!, /email/],
  ['a common password', () => 'password1234', /common/],
  ['a common password, capitalised', () => 'Password1234', /common/],
  ['a keyboard walk', () => '1q2w3e4r5t6y', /common/],
];

describe('password policy', () => {
  it.each(REFUSED)('refuses %s', (_what, password, message) => {
    expect(passwordProblem(password('ana.lyst.long@example.org'), 'ana.lyst.long@example.org')).toMatch(message);
  });

  it('accepts a long pass phrase', () => {
    expect(passwordProblem('river stones under the bridge', 'ana.lyst@example.org')).toBeNull();
  });

  it.each(REFUSED)(
    'applies to a new account, an admin reset, a change of one’s own and the command line: %s',
    async (_what, password, message) => {
      const email = `new.person.${Math.random().toString(36).slice(2)}@example.org`;
      const created = await send(
        target,
        '/api/users',
        json('POST', { email, role: 'viewer', password: password(email) }, admin.session),
      );
      expect(await refusal(created)).toMatch(message);
      const u = await createUserAndLogin(target, 'analyst');
      const reset = await send(
        target,
        `/api/users/${u.user.id}`,
        json('PATCH', { password: password(u.email) }, admin.session),
      );
      expect(await refusal(reset)).toMatch(message);
      const own = await send(
        target,
        '/api/auth/password',
        json('POST', { current: u.password, password: password(u.email) }, u.session),
      );
      expect(await refusal(own)).toMatch(message);
      // `vigil users add` and the bootstrap admin create accounts through the same service.
      await expect(
        createAccount(
          sqliteAsync(db),
          { email, role: 'viewer', password: password(email) },
          'cli:test',
          new Date().toISOString(),
        ),
      ).rejects.toThrow();
    },
  );

  it('refuses "changing" to the current password, by oneself or by an admin', async () => {
    const u = await createUserAndLogin(target, 'viewer');
    const own = await send(
      target,
      '/api/auth/password',
      json('POST', { current: u.password, password: u.password }, u.session),
    );
    expect(await refusal(own)).toMatch(/differ from the current/);
    const reset = await send(target, `/api/users/${u.user.id}`, json('PATCH', { password: u.password }, admin.session));
    expect(await refusal(reset)).toMatch(/differ from the current/);
    const changed = await send(
      target,
      '/api/auth/password',
      json('POST', { current: u.password, password: 'river stones under the bridge' }, u.session),
    );
    expect(changed.status).toBe(200);
  });
});
