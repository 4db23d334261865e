import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app.ts';
import { NOT_YET_ON_POSTGRESQL, ON_POSTGRESQL } from '../../api/middleware/not-on-postgresql.ts';
import { createAccount } from '../../api/services/auth/accounts.ts';
import { openDb } from '../../db/client.ts';
import { runMigrations } from '../../db/migrate.ts';
import { seededOnBothEngines } from '../helpers/engines.ts';

// On PostgreSQL, a route still on the SQLite handle answers 503 instead of reading the local SQLite
// copy; every API route of the app is either served there or listed as not yet.
const both = seededOnBothEngines();
const PASSWORD = 'a long enough test password 1';

type App = ReturnType<typeof createApp>;
let sqlite: App;
let postgres: App;
let bearer: Record<string, string>;

beforeAll(async () => {
  sqlite = createApp({ db: both.seeded(), data: both.engines.sqlite(), version: 'test' });
  // On PostgreSQL the app gets a closed SQLite connection: a served route that still touched it
  // would throw (a 500) instead of answering from a local copy.
  const closed = openDb(':memory:');
  runMigrations(closed);
  closed.$client.close();
  postgres = createApp({ db: closed, data: both.engines.postgres(), version: 'test' });
  const at = new Date().toISOString();
  await createAccount(both.engines.postgres(), { email: 'admin@pg.test', role: 'admin', password: PASSWORD }, 't', at);
  const login = await postgres.request('/api/auth/login', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: 'admin@pg.test', password: PASSWORD }),
  });
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const cookie = login.headers.getSetCookie()[0]!.split(';')[0]!;
  const made = await postgres.request('/api/auth/tokens', {
    method: 'POST',
    headers: { Cookie: cookie, 'X-CSRF-Token': csrfToken, 'Content-Type': 'application/json' },
    body: JSON.stringify({ label: 'routes' }),
  });
  expect(made.status, await made.clone().text()).toBe(201);
  bearer = { Authorization: `Bearer ${((await made.json()) as { token: string }).token}` };
});

/** A request path for a route pattern: a known value for each parameter. */
const SAMPLE: Record<string, string> = {
  code: 'SDN',
  id: '1',
  level: '0',
  z: '0',
  x: '0',
  y: '0.pbf',
  name: 'mrm',
};
const pathOf = (pattern: string) => pattern.replace(/:(\w+)/g, (_, p: string) => SAMPLE[p]!);

/**
 * Requests other than a `{}` JSON body: an import is a CSV file, as a dry run (a JSON body reads as a
 * UCDP GED file, a profile PostgreSQL does not serve yet: 503 there).
 */
const REQUEST: Record<string, { query: string; type: string; body: string }> = {
  'POST /api/imports': {
    query: '?dryRun=true',
    type: 'text/csv',
    body: 'region,indicator,period,value,source\nIQ-NI,afac.rf1,2016-05,2,Test source',
  },
};

function send(app: App, route: string, headers: Record<string, string> = {}) {
  const [method, pattern] = route.split(' ') as [string, string];
  const special = REQUEST[route];
  const body = method === 'GET' || method === 'DELETE' ? undefined : (special?.body ?? '{}');
  return app.request(pathOf(pattern) + (special?.query ?? ''), {
    method,
    headers: { ...headers, ...(body ? { 'Content-Type': special?.type ?? 'application/json' } : {}) },
    body,
  });
}

describe('the list of routes not on PostgreSQL yet', () => {
  it('holds every API route of the app exactly once, served or not yet', () => {
    const routes = [
      ...new Set(
        postgres.routes
          .filter((r) => r.method !== 'ALL' && r.path.startsWith('/api/'))
          .map((r) => `${r.method} ${r.path}`),
      ),
    ].sort();
    const listed = [...ON_POSTGRESQL, ...NOT_YET_ON_POSTGRESQL];
    expect(new Set(listed).size, 'a route in both lists, or twice in one').toBe(listed.length);
    expect(routes).toEqual([...listed].sort());
  });

  it.each(NOT_YET_ON_POSTGRESQL)(
    '%s answers 503 not_on_postgresql on PostgreSQL, anonymous or admin',
    async (route) => {
      for (const headers of [{}, bearer]) {
        const res = await send(postgres, route, headers);
        expect(res.status).toBe(503);
        const { error } = (await res.json()) as { error: { code: string; message: string } };
        expect(error.code).toBe('not_on_postgresql');
        expect(error.message).toContain(route);
        expect(error.message).toContain('docs/deployment.md');
      }
    },
  );

  it('is not applied on SQLite', async () => {
    for (const route of NOT_YET_ON_POSTGRESQL) {
      const res = await send(sqlite, route, bearer);
      expect(res.status, route).not.toBe(503);
    }
  });

  it('leaves the served routes to their handlers on PostgreSQL, none of which touches the SQLite handle', async () => {
    // As the admin throughout: ending the session or revoking the token (id 1) last.
    const last = (r: string) => Number(r.includes('logout') || r.startsWith('DELETE /api/auth/tokens'));
    const routes = [...ON_POSTGRESQL].sort((a, b) => last(a) - last(b));
    for (const route of routes) {
      const res = await send(postgres, route, bearer);
      const text = await res.text();
      expect(res.status, `${route}: ${text}`).toBeLessThan(500);
      if (!last(route)) expect(res.status, `${route}: ${text}`).not.toBe(401);
    }
    for (const path of [
      '/api/scores/map',
      '/api/scores?level=1',
      '/api/boundaries/1',
      '/api/regions/SDN',
      '/api/alerts',
      '/api/regions/SDN/scores',
      '/api/scenarios',
    ]) {
      const res = await postgres.request(path);
      expect(res.status, path).toBe(200);
    }
  });

  it('serves on PostgreSQL the score and alert views computed for another scenario or method', async () => {
    for (const path of [
      '/api/scores?scenario=children-focus',
      '/api/scores/map?method=v1',
      '/api/alerts?scenario=children-focus',
      '/api/regions/SDN/alerts?scenario=children-focus',
      '/api/risers?scenario=children-focus',
      '/api/regions/SDN/scores?scenario=children-focus',
      '/api/regions/SDN/scores?method=v1',
    ]) {
      const res = await postgres.request(path);
      expect(res.status, path).toBe(200);
      expect(await res.json(), path).toEqual(await (await sqlite.request(path)).json());
    }
  });
});
