import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app.ts';
import { createAccount } from '../../api/services/auth/accounts.ts';
import { openDb } from '../../db/client.ts';
import { runMigrations } from '../../db/migrate.ts';
import type { App } from '../helpers/engine-apps.ts';
import { ENGINES, seededOnBothEngines, type Engine } from '../helpers/engines.ts';

// The import log and the observation list on the awaited interface: the same requests answered alike
// by one app per engine over the same data (the seeded database, and its copy in a private PostgreSQL),
// with the same rows written into both beforehand. The PostgreSQL app gets a closed SQLite handle, as
// in not-on-postgresql.test.ts: a handler that still read it would fail, not answer the SQLite copy.
const both = seededOnBothEngines();
const app = {} as Record<Engine, App>;
const apps = () => app;
const PASSWORD = 'a long pass phrase for the tests';
const AT = '2026-03-01T10:00:00.000Z';

type Who = Record<string, string>;
const viewer = {} as Record<Engine, Who>;

async function signIn(app: App, email: string): Promise<Who> {
  const res = await app.request('/api/auth/login', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  expect(res.status, await res.clone().text()).toBe(200);
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .filter((c) => c?.startsWith('vigil_session='))
    .join('; ');
  return { Cookie: cookie, 'X-CSRF-Token': csrfToken, 'Content-Type': 'application/json' };
}

/** Two import batches (the second rolled back), written alike on both engines. */
const BATCHES = [
  {
    fileName: 'first.csv',
    format: 'csv',
    rowCount: 2,
    createdBy: 'analyst@test.vigil',
    createdAt: AT,
    report: { status: 'applied', rowsRead: 2, rowsOk: 2, rowsRejected: [], note: { z: 1, a: [2, 'é'] } },
  },
  {
    fileName: 'second.csv',
    format: 'hxl',
    rowCount: 1,
    createdBy: 'viewer@test.vigil',
    createdAt: AT,
    state: 'rolled-back',
    rolledBackAt: '2026-03-02T08:00:00.000Z',
    report: null,
  },
];

beforeAll(async () => {
  const closed = openDb(':memory:');
  runMigrations(closed);
  closed.$client.close();
  app.sqlite = createApp({ db: both.seeded(), data: both.engines.sqlite(), version: 'test' });
  app.postgres = createApp({ db: closed, data: both.engines.postgres(), version: 'test' });
  for (const engine of ENGINES) {
    const data = both.engines[engine]();
    await createAccount(data, { email: 'viewer@test.vigil', role: 'viewer', password: PASSWORD }, 'test', AT);
    for (const b of BATCHES) await data.db.insert(data.t.importBatches).values(b);
    viewer[engine] = await signIn(apps()[engine], 'viewer@test.vigil');
  }
});

/** One request on one engine as the viewer (or anonymous): status and parsed body. */
async function call(engine: Engine, path: string, who: 'viewer' | 'anonymous' = 'viewer') {
  const res = await apps()[engine].request(path, { headers: who === 'viewer' ? viewer[engine] : {} });
  return { status: res.status, body: (await res.json()) as unknown };
}

/** The same request on both engines, the answers checked equal; the SQLite one is returned. */
async function same(path: string, who: 'viewer' | 'anonymous' = 'viewer') {
  const [s, p] = await Promise.all(ENGINES.map((e) => call(e, path, who)));
  expect(p, path).toEqual(s);
  return s!;
}

describe('the import log on both engines', () => {
  it('lists batches newest first without their reports, and gives one with its report', async () => {
    const list = await same('/api/imports');
    expect(list.status).toBe(200);
    const rows = list.body as { id: number; fileName: string; state: string; report?: unknown }[];
    expect(rows.map((r) => [r.fileName, r.state])).toEqual([
      ['second.csv', 'rolled-back'],
      ['first.csv', 'applied'],
    ]);
    expect(rows.every((r) => !('report' in r))).toBe(true);
    const [second, first] = rows;
    const one = await same(`/api/imports/${first!.id}`);
    expect(one.status).toBe(200);
    expect(one.body).toEqual({ ...BATCHES[0], id: first!.id, state: 'applied', rolledBackAt: null });
    expect(JSON.stringify((one.body as { report: unknown }).report)).toBe(JSON.stringify(BATCHES[0]!.report));
    expect((await same(`/api/imports/${second!.id}`)).body).toMatchObject({ report: null, state: 'rolled-back' });
  });

  it('answers 404 for an unknown batch, 400 for a bad id, 401 without a sign-in', async () => {
    expect((await same('/api/imports/9999')).status).toBe(404);
    const bad = await same('/api/imports/abc');
    expect(bad.status).toBe(400);
    expect((bad.body as { error: { fields: { field: string }[] } }).error.fields[0]!.field).toBe('id');
    expect((await same('/api/imports', 'anonymous')).status).toBe(401);
    expect((await same('/api/imports/1', 'anonymous')).status).toBe(401);
  });
});
