import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app.ts';
import { anonymousMay } from '../../api/middleware/access.ts';
import type { RoleRequirement } from '../../api/middleware/auth.ts';
import { openDb } from '../../db/client.ts';
import { runMigrations } from '../../db/migrate.ts';
import { ROLES, type Role } from '../../indicators/vocabulary.ts';
import { createUserAndLogin, type Credentials } from '../helpers/auth.ts';
import { startApp, type TestApp } from '../helpers/app.ts';
import { createFixture, WRITE_RULES, writeRoutesOf, type Fixture } from '../reliability/write-requests.ts';

/** The app's route table, from the same `createApp` the server runs. */
function routeTable() {
  const db = openDb(':memory:');
  runMigrations(db);
  const routes = createApp({ db, version: 'matrix' }).routes.map((r) => ({
    method: r.method,
    path: r.path,
    role: (r.handler as Partial<RoleRequirement>).requiredRole,
  }));
  db.$client.close();
  return routes;
}

const routes = routeTable();
const writes = writeRoutesOf(routes);
const reads = [
  ...new Set(routes.filter((r) => r.method === 'GET' && r.path.startsWith('/api/')).map((r) => r.path)),
].sort();
const requiredRole = (method: string, path: string) =>
  routes.find((r) => r.method === method && r.path === path && r.role)?.role;
const CALLERS = ['anonymous', ...ROLES] as const;

let server: TestApp;
let fixture: Fixture;
const users = {} as Record<Role, Credentials>;

beforeAll(async () => {
  server = await startApp();
  for (const role of ROLES) users[role] = await createUserAndLogin(server, role);
  fixture = await createFixture(server, users.admin);
});
afterAll(() => server?.close());

describe('every write route has an authorisation rule', () => {
  it('lists the same write routes as the app has', () => {
    expect(
      writes.filter((w) => !(w in WRITE_RULES)),
      'write routes without a rule in WRITE_RULES',
    ).toEqual([]);
    expect(
      Object.keys(WRITE_RULES).filter((w) => !writes.includes(w)),
      'rules for routes that no longer exist',
    ).toEqual([]);
  });

  it('guards each with requireRole of the rule’s role, or leaves it open only when the rule says anyone', () => {
    for (const key of writes) {
      const [method, path] = key.split(' ') as [string, string];
      const rule = WRITE_RULES[key];
      expect(rule, `rule for ${key}`).toBeDefined();
      if (!rule) continue;
      expect(requiredRole(method, path) ?? 'anyone', key).toBe(rule.role);
      expect(anonymousMay(method, path, true), key).toBe(rule.role === 'anyone');
    }
  });
});

describe('write routes × anonymous / viewer / analyst / admin', () => {
  // Logging out ends the caller's session, so that route goes last.
  const ordered = [
    ...writes.filter((w) => w !== 'POST /api/auth/logout'),
    ...writes.filter((w) => w === 'POST /api/auth/logout'),
  ];
  for (const key of ordered) {
    it(key, async () => {
      const rule = WRITE_RULES[key];
      if (!rule)
        throw new Error(
          `${key} has no rule in test/reliability/write-requests.ts WRITE_RULES: add who may call it and a request that succeeds`,
        );
      const outcome: Record<string, number> = {};
      const expected: Record<string, number | '2xx'> = {};
      for (const caller of CALLERS) {
        for (const via of ['session', 'token'] as const) {
          if (caller === 'anonymous' && via === 'token') continue;
          const who = caller === 'anonymous' ? null : users[caller];
          const { path, init, after } = await rule.build(fixture, who);
          const auth = who ? (via === 'session' ? who.session : who.bearer) : {};
          const res = await server.request(`${path}`, {
            ...init,
            headers: { ...(init.headers as Record<string, string>), ...auth },
          });
          await after?.(res.clone());
          await res.arrayBuffer();
          const label = `${caller} (${via})`;
          outcome[label] = res.status;
          const allowed =
            rule.role === 'anyone' || (caller !== 'anonymous' && ROLES.indexOf(caller) >= ROLES.indexOf(rule.role));
          expected[label] = !allowed
            ? caller === 'anonymous'
              ? 401
              : 403
            : rule.sessionOnly && via === 'token'
              ? 403
              : '2xx';
        }
      }
      const seen = Object.fromEntries(Object.entries(outcome).map(([k, s]) => [k, s >= 200 && s < 300 ? '2xx' : s]));
      expect(seen).toEqual(expected);
    });
  }
});

describe('read routes with public read on', () => {
  const concrete = (path: string) => path.replace(':code', 'IRQ').replace(':level', '0').replace(':id', '1');
  it('answer anonymous visitors only on the public list, viewers on all but the admin ones', async () => {
    const seen: Record<string, { anonymous: number; viewer: number }> = {};
    const want: Record<string, { anonymous: string; viewer: string }> = {};
    for (const path of reads) {
      const anonymous = await server.request(`${concrete(path)}`);
      const viewer = await server.request(`${concrete(path)}`, { headers: users.viewer.bearer });
      await Promise.all([anonymous.arrayBuffer(), viewer.arrayBuffer()]);
      const role = requiredRole('GET', path);
      const gate = (s: number) => (s === 401 || s === 403 ? String(s) : 'passes');
      seen[path] = { anonymous: anonymous.status, viewer: viewer.status };
      want[path] = {
        anonymous: anonymousMay('GET', path, true) && !role ? 'passes' : '401',
        viewer: role === 'admin' ? '403' : 'passes',
      };
      expect({ anonymous: gate(anonymous.status), viewer: gate(viewer.status) }, path).toEqual(want[path]);
      expect(anonymous.status, path).toBeLessThan(500);
    }
    console.log(`read routes checked: ${reads.length}; write routes: ${writes.length}`);
  });
});
