import { afterAll, beforeAll, expect, it } from 'vitest';
import { createUser } from '../helpers/auth.ts';
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

const login = (server: ServerProcess, email: string, password: string) =>
  fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });

it(`sign-in attempts alternating between two processes are refused from attempt ${LIMIT + 1} on, on both`, async () => {
  const [a, b] = servers as [ServerProcess, ServerProcess];
  expect(a.child.pid).not.toBe(b.child.pid);
  const account = await createUser({ url: a.url, dbPath }, 'viewer');
  const statuses: number[] = [];
  for (let i = 0; i < 2 * LIMIT; i++)
    statuses.push((await login(i % 2 ? b : a, account.email, `wrong password ${i}`)).status);
  expect(statuses).toEqual([...Array<number>(LIMIT).fill(401), ...Array<number>(LIMIT).fill(429)]);
  // The right password is refused too on both, until the window ends.
  for (const server of [a, b]) {
    const blocked = await login(server, account.email, account.password);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('Retry-After'))).toBeGreaterThan(0);
  }
  // Another account is counted apart, and signs in through either process.
  const other = await createUser({ url: a.url, dbPath }, 'viewer');
  expect((await login(b, other.email, other.password)).status).toBe(200);
  expect((await login(a, other.email, other.password)).status).toBe(200);
});
