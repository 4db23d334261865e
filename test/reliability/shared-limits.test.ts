import { afterAll, beforeAll, expect, it } from 'vitest';
import { attemptSignIn, createUser, expectSignInLimitShared } from '../helpers/auth.ts';
import { seededDbCopy } from '../helpers/seeded-db.ts';
import { spawnServer, type ServerProcess } from './processes.ts';

// Two API processes on one SQLite file, as behind a reverse proxy: the sign-in limit is counted in
// the database, so attempts spread over both still trip it at the configured count.
const LIMIT = 3;
let dbPath: string;
let servers: ServerProcess[] = [];

beforeAll(async () => {
  dbPath = seededDbCopy();
  const env = { VIGIL_LOGIN_RATE: String(LIMIT) };
  servers = [await spawnServer(dbPath, env), await spawnServer(dbPath, env)];
}, 120_000);
afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
});

it(`sign-in attempts alternating between two processes are refused from attempt ${LIMIT + 1} on, on both`, async () => {
  const [a, b] = servers as [ServerProcess, ServerProcess];
  expect(a.child.pid).not.toBe(b.child.pid);
  const account = await createUser({ url: a.url, dbPath, databaseUrl: a.databaseUrl }, 'viewer');
  // The right password is refused too on both, until the window ends.
  await expectSignInLimitShared(a, b, account, LIMIT);
  // Another account is counted apart, and signs in through either process.
  const other = await createUser({ url: a.url, dbPath, databaseUrl: a.databaseUrl }, 'viewer');
  expect((await attemptSignIn(b, other.email, other.password)).status).toBe(200);
  expect((await attemptSignIn(a, other.email, other.password)).status).toBe(200);
});
