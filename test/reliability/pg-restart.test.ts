import { afterAll, beforeAll, expect, it } from 'vitest';
import { firstStartDbCopy } from '../helpers/seeded-db.ts';
import { startPostgres, type TestPostgres } from '../helpers/postgres.ts';
import { spawnServer, type ServerProcess } from './processes.ts';

// Issue 18, "PostgreSQL restarted under load": a Vigil process on PostgreSQL keeps being asked while
// PostgreSQL stops (as `pg_ctl stop -m fast` does) and starts again. While it is down every request
// that needs it is a 503 `database_unavailable` with Retry-After, never a 500 and never without an
// answer; once it is back the same process serves again. The process is the point: an 'error' event
// of a pooled connection that nobody listens to would end it.
const SECRET = 'not-a-real-password-77';
const ADMIN = { email: 'restart-admin@pg.test', password: 'a long bootstrap passphrase 3' };
let postgres: TestPostgres;
let server: ServerProcess;
let cookie: string;
let csrfToken: string;
let periods: string[];

beforeAll(async () => {
  postgres = await startPostgres();
  const url = postgres.url.replace('postgres@', `postgres:${SECRET}@`);
  server = await spawnServer(await firstStartDbCopy(), {
    VIGIL_DATABASE_URL: url,
    VIGIL_BOOTSTRAP_ADMIN_EMAIL: ADMIN.email,
    VIGIL_BOOTSTRAP_ADMIN_PASSWORD: ADMIN.password,
  });
  const login = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(ADMIN),
  });
  expect(login.status).toBe(200);
  csrfToken = ((await login.clone().json()) as { csrfToken: string }).csrfToken;
  cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .filter((c) => c.startsWith('vigil_session='))
    .join('; ');
  periods = (await (await fetch(`${server.url}/api/periods`)).json()) as string[];
  expect(periods.length).toBeGreaterThan(3);
});
afterAll(async () => {
  await server?.stop();
  await postgres?.stop();
});

type Phase = 'up' | 'stopping' | 'down' | 'starting' | 'up again';
type Route = 'map' | 'me' | 'health' | 'watch';
const ROUTES = ['map', 'me', 'health', 'watch'] as const;
interface Answer {
  route: Route;
  sent: Phase;
  answered: Phase;
  status: number;
  code?: string;
  message?: string;
  retryAfter: string | null;
}

it('answers 503 database_unavailable while PostgreSQL is down, and serves again once it is back, in the same process', async () => {
  const pid = server.child.pid;
  let phase: Phase = 'up';
  const answers: Answer[] = [];
  const waiting: { phase: Phase; each: number; resolve: () => void }[] = [];
  /** Every route has at least `each` answers sent and received in `p`. */
  const reached = (p: Phase, each: number) =>
    ROUTES.every((r) => answers.filter((a) => a.route === r && a.sent === p && a.answered === p).length >= each);
  const until = (p: Phase, each: number) =>
    new Promise<void>((resolve) => {
      waiting.push({ phase: p, each, resolve });
      settle();
    });
  const settle = () => {
    for (const w of [...waiting])
      if (reached(w.phase, w.each)) {
        waiting.splice(waiting.indexOf(w), 1);
        w.resolve();
      }
  };

  let stopped = false;
  /** One client asking in turn for the map of another month, its own account, the health check, and a watchlist change. */
  async function client(start: number) {
    for (let i = start; !stopped; i++) {
      const route = ROUTES[i % ROUTES.length]!;
      const path =
        route === 'map'
          ? `/api/scores/map?period=${periods[i % periods.length]}`
          : route === 'watch'
            ? '/api/watchlist/IQ-NI'
            : route === 'me'
              ? '/api/auth/me'
              : '/api/health';
      // The write adds and removes a region in turn: a transaction, on a connection taken from the pool.
      const method = route === 'watch' ? (Math.floor(i / ROUTES.length) % 2 ? 'PUT' : 'DELETE') : 'GET';
      const sent = phase;
      const res = await fetch(`${server.url}${path}`, {
        method,
        headers: { Cookie: cookie, 'X-CSRF-Token': csrfToken },
      });
      const body = (await res.json()) as { error?: { code: string; message: string } };
      answers.push({
        route,
        sent,
        answered: phase,
        status: res.status,
        code: body.error?.code,
        message: body.error?.message,
        retryAfter: res.headers.get('Retry-After'),
      });
      settle();
    }
  }
  const clients = Promise.all([client(0), client(1), client(2)]);
  // A request without an answer (the process gone) fails the test there, rather than leave it waiting.
  const next = (p: Phase, each: number) => Promise.race([until(p, each), clients.then(() => {})]);

  await next('up', 2);
  phase = 'stopping';
  await postgres.shutDownFast();
  phase = 'down';
  await next('down', 3);
  phase = 'starting';
  await postgres.startAgain();
  phase = 'up again';
  await next('up again', 3);
  stopped = true;
  await clients;

  // Never anything but served or 503 database_unavailable, whatever the moment.
  const refused = answers.filter((a) => a.status !== 200);
  expect(new Set(refused.map((a) => `${a.status} ${a.code}`))).toEqual(new Set(['503 database_unavailable']));
  for (const a of refused) {
    expect(Number(a.retryAfter)).toBeGreaterThan(0);
    expect(a.message).toMatch(/database cannot be reached/);
    expect(a.message).not.toContain(SECRET);
  }
  const inPhase = (p: Phase) => answers.filter((a) => a.sent === p && a.answered === p);
  // Before: served. Down: refused, every route, the health check included. Back: served again.
  expect(inPhase('up').map((a) => a.status)).toEqual(inPhase('up').map(() => 200));
  expect(inPhase('down').map((a) => a.status)).toEqual(inPhase('down').map(() => 503));
  const again = answers.filter((a) => a.sent === 'up again');
  expect(again.map((a) => `${a.route} ${a.status}`)).toEqual(again.map((a) => `${a.route} 200`));

  // The same process throughout, which said once that it lost the database, without the password.
  expect(server.child.pid).toBe(pid);
  expect(server.child.exitCode).toBeNull();
  expect(server.output()).toContain('Lost the connection to PostgreSQL');
  expect(server.output()).not.toContain(SECRET);
  const me = await fetch(`${server.url}/api/auth/me`, { headers: { Cookie: cookie } });
  expect(me.status).toBe(200);
  expect(((await me.json()) as { user: { email: string } }).user.email).toBe(ADMIN.email);
});
