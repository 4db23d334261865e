import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../../api/services/auth/accounts.ts';
import { signIn } from '../helpers/auth.ts';
import { appsWithClosedSqlite, type App } from '../helpers/engine-apps.ts';
import { ENGINES, sameOnEngines, seededOnBothEngines, type Engine, whileAuditRefuses } from '../helpers/engines.ts';

// The import log, the observation list, region aliases and export metadata on the awaited interface: the same requests answered alike
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
const analyst = {} as Record<Engine, Who>;

/** The headers of a signed-in JSON request as `email` on `app`. */
const signedIn = async (app: App, email: string): Promise<Who> => ({
  ...(await signIn(app, email, PASSWORD)).session,
  'Content-Type': 'application/json',
});

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

/** A key with no observation in the seeded data: an existing region and indicator, a month long after. */
const KEY = { regionCode: 'IQ-NI', period: '2031-01' };
let indicatorId: string;

/**
 * A history on both engines: an entry of batch `batchId` for {@link KEY}, corrected once (superseded),
 * the correction retracted; and a current entry a month later.
 */
async function writeHistory(engine: Engine, batchId: number) {
  const data = both.engines[engine]();
  const o = data.t.observations;
  indicatorId ??= (await data.db.select({ id: data.t.indicators.id }).from(data.t.indicators).limit(1))[0]!.id;
  const base = {
    ...KEY,
    indicatorId,
    confidence: 'medium' as const,
    sourceCitation: 'Test source',
    enteredBy: 'analyst@test.vigil',
    enteredAt: AT,
  };
  const insert = async (row: Partial<typeof o.$inferInsert>) =>
    (
      await data.db
        .insert(o)
        .values({ ...base, value: 1, ...row })
        .returning({ id: o.id })
    )[0]!.id;
  const first = await insert({ value: 3, batchId, state: 'superseded', reason: 'typo' });
  const second = await insert({ value: 4, supersedes: first, state: 'retracted', reason: 'withdrawn by the source' });
  await data.db.update(o).set({ supersededBy: second }).where(eq(o.id, first));
  await insert({ value: 5, period: '2031-02', batchId, note: 'still current' });
  // An analyst's entry citing UCDP in lower case: credited as UCDP by the export metadata on both engines.
  await insert({ regionCode: 'IQ-DA', period: '2031-02', sourceCitation: 'ucdp ged, event 1234' });
}

beforeAll(async () => {
  Object.assign(app, appsWithClosedSqlite(both));
  for (const engine of ENGINES) {
    const data = both.engines[engine]();
    await createAccount(data, { email: 'viewer@test.vigil', role: 'viewer', password: PASSWORD }, 'test', AT);
    const ids = [];
    for (const b of BATCHES)
      ids.push(
        (await data.db.insert(data.t.importBatches).values(b).returning({ id: data.t.importBatches.id }))[0]!.id,
      );
    await writeHistory(engine, ids[0]!);
    viewer[engine] = await signedIn(apps()[engine], 'viewer@test.vigil');
    await createAccount(data, { email: 'analyst@test.vigil', role: 'analyst', password: PASSWORD }, 'test', AT);
    analyst[engine] = await signedIn(apps()[engine], 'analyst@test.vigil');
  }
});

type As = 'viewer' | 'analyst' | 'anonymous';
const headersOf = (engine: Engine, who: As) =>
  who === 'viewer' ? viewer[engine] : who === 'analyst' ? analyst[engine] : { 'Content-Type': 'application/json' };

/** One request on one engine as `who` (a GET, or a POST of `body`): status and parsed body. */
async function call(engine: Engine, path: string, who: As = 'viewer', body?: unknown) {
  const res = await apps()[engine].request(path, {
    headers: headersOf(engine, who),
    ...(body === undefined ? {} : { method: 'POST', body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as unknown };
}

/** The same request on both engines, the answers checked equal; the SQLite one is returned. */
const same = (path: string, who: As = 'viewer', body?: unknown) => sameOnEngines((e) => call(e, path, who, body), path);

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

type Obs = {
  id: number;
  regionCode: string;
  indicatorId: string;
  period: string;
  state: string;
  value: number;
  batchId: number | null;
};
const rowsOf = (a: { body: unknown }) => a.body as Obs[];

describe('the observation list on both engines', () => {
  it('lists current observations, newest month first, with the same rows and order', async () => {
    const all = await same('/api/observations?limit=5000');
    expect(all.status).toBe(200);
    const rows = rowsOf(all);
    expect(rows.length).toBeGreaterThan(100);
    expect(rows.every((r) => r.state === 'current')).toBe(true);
    const periods = rows.map((r) => r.period);
    expect(periods).toEqual([...periods].sort().reverse());
    expect(rowsOf(await same('/api/observations'))).toHaveLength(Math.min(1000, rows.length));
  });

  it('filters by region, indicator, month and batch, and pages with limit and offset', async () => {
    const sdn = rowsOf(await same('/api/observations?region=SDN&limit=40'));
    expect(sdn.length).toBeGreaterThan(0);
    expect(sdn.every((r) => r.regionCode === 'SDN')).toBe(true);
    const pages = [];
    for (let offset = 0; offset < 40; offset += 15)
      pages.push(...rowsOf(await same(`/api/observations?region=SDN&limit=15&offset=${offset}`)));
    expect(pages).toEqual(sdn);
    const { indicatorId: ind, period } = sdn[0]!;
    const byIndicator = rowsOf(await same(`/api/observations?indicator=${encodeURIComponent(ind)}&period=${period}`));
    expect(byIndicator.length).toBeGreaterThan(0);
    expect(byIndicator.every((r) => r.indicatorId === ind && r.period === period)).toBe(true);
    expect(rowsOf(await same('/api/observations?region=SDN&period=1990-01'))).toEqual([]);
  });

  it('gives every version with history=true, the current ones without it', async () => {
    const path = `/api/observations?region=${KEY.regionCode}&indicator=${encodeURIComponent(indicatorId)}`;
    const current = rowsOf(await same(path));
    expect(current.filter((r) => r.period >= '2031').map((r) => [r.period, r.state, r.value])).toEqual([
      ['2031-02', 'current', 5],
    ]);
    const history = rowsOf(await same(`${path}&history=true`)).filter((r) => r.period >= '2031');
    expect(history.map((r) => [r.period, r.state, r.value])).toEqual([
      ['2031-02', 'current', 5],
      ['2031-01', 'retracted', 4],
      ['2031-01', 'superseded', 3],
    ]);
    expect(history[2]).toMatchObject({ reason: 'typo', supersededBy: history[1]!.id, batchId: expect.any(Number) });
    const batch = history[2]!.batchId;
    const ofBatch = rowsOf(await same(`/api/observations?batch=${batch}&history=1`));
    expect(ofBatch.map((r) => r.value)).toEqual([5, 3]);
    expect(rowsOf(await same(`/api/observations?batch=${batch}`)).map((r) => r.value)).toEqual([5]);
  });

  it('refuses bad filters with a 400 naming the field, and a request without a sign-in with 401', async () => {
    const field = async (path: string) => {
      const r = await same(path);
      expect(r.status, path).toBe(400);
      return (r.body as { error: { fields: { field: string }[] } }).error.fields.map((f) => f.field);
    };
    expect(await field('/api/observations?limit=5001')).toEqual(['limit']);
    expect(await field('/api/observations?offset=-1')).toEqual(['offset']);
    expect(await field('/api/observations?period=2020-13')).toEqual(['period']);
    expect(await field('/api/observations?batch=x')).toEqual(['batch']);
    expect((await same('/api/observations', 'anonymous')).status).toBe(401);
  });
});

/** The audit log's region-alias entries on one engine, oldest first, without id and time. */
async function aliasAudit(engine: Engine) {
  const data = both.engines[engine]();
  const rows = await data.db.select().from(data.t.auditLog);
  return rows
    .filter((r) => r.entity === 'region_alias')
    .sort((a, b) => a.id - b.id)
    .map((r) => ({ action: r.action, actor: r.actor, entityId: r.entityId, before: r.before, after: r.after }));
}

/** The stored aliases of `alias` on one engine. */
async function aliasRows(engine: Engine, alias: string) {
  const data = both.engines[engine]();
  return data.db.select().from(data.t.regionAliases).where(eq(data.t.regionAliases.alias, alias));
}

const fieldsOf = (b: unknown) => (b as { error: { fields: { field: string }[] } }).error.fields.map((f) => f.field);

describe('region aliases on both engines', () => {
  it('adds an alias with one audit entry, answers 200 for one already known, 409 for a name of another region', async () => {
    const before = await aliasAudit('sqlite');
    expect(await aliasAudit('postgres')).toEqual(before);
    const added = await same('/api/region-aliases', 'analyst', { alias: 'Ninewa test', region: 'IQ-NI' });
    expect(added).toEqual({
      status: 201,
      body: { alias: 'Ninewa test', kind: 'name', region: 'IQ-NI', added: true },
    });
    const again = await same('/api/region-aliases', 'analyst', { alias: 'Ninewa test', region: 'IQ-NI' });
    expect(again).toEqual({ status: 200, body: { alias: 'Ninewa test', kind: 'name', region: 'IQ-NI', added: false } });
    const pcode = await same('/api/region-aliases', 'analyst', { alias: 'IQTEST07', region: 'IQ-DA', kind: 'pcode' });
    expect(pcode.status).toBe(201);
    // The matcher sees the alias just added (its cache moved with the write): it names IQ-NI now.
    const taken = await same('/api/region-aliases', 'analyst', { alias: 'ninewa TEST', region: 'IQ-DA' });
    expect(taken.status).toBe(409);
    expect((taken.body as { error: { message: string } }).error.message).toContain('already names IQ-NI');
    expect((await same('/api/region-aliases', 'analyst', { alias: 'Nineveh', region: 'IQ-DA' })).status).toBe(409);
    const [s, p] = await Promise.all(ENGINES.map(aliasAudit));
    expect(p).toEqual(s);
    expect(s!.slice(before.length)).toEqual([
      {
        action: 'create',
        actor: 'analyst@test.vigil',
        entityId: 'IQ-NI',
        before: null,
        after: { alias: 'Ninewa test', kind: 'name', region: 'IQ-NI' },
      },
      {
        action: 'create',
        actor: 'analyst@test.vigil',
        entityId: 'IQ-DA',
        before: null,
        after: { alias: 'IQTEST07', kind: 'pcode', region: 'IQ-DA' },
      },
    ]);
    for (const engine of ENGINES)
      expect(await aliasRows(engine, 'Ninewa test'), engine).toEqual([
        { alias: 'Ninewa test', kind: 'name', regionCode: 'IQ-NI' },
      ]);
  });

  it('sees an alias another connection stored: the cached matcher is rebuilt', async () => {
    for (const engine of ENGINES) {
      const data = both.engines[engine]();
      await data.db
        .insert(data.t.regionAliases)
        .values({ alias: 'Stored elsewhere', kind: 'name', regionCode: 'IQ-AN' });
    }
    const taken = await same('/api/region-aliases', 'analyst', { alias: 'Stored elsewhere', region: 'IQ-DA' });
    expect(taken.status).toBe(409);
    expect((taken.body as { error: { message: string } }).error.message).toContain('already names IQ-AN');
  });

  it('refuses bad input with a 400 naming the field, an unknown region with 404, a viewer with 403; writes nothing', async () => {
    const before = await Promise.all(ENGINES.map(aliasAudit));
    const bad = async (body: unknown, field: string) => {
      const r = await same('/api/region-aliases', 'analyst', body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(fieldsOf(r.body)).toEqual([field]);
    };
    await bad({ alias: '  ', region: 'IQ-NI' }, 'alias');
    await bad({ alias: 'x'.repeat(201), region: 'IQ-NI' }, 'alias');
    await bad({ alias: 'Somewhere', region: 'IQ-NI', kind: 'iso' }, 'kind');
    expect((await same('/api/region-aliases', 'analyst', { alias: 'Somewhere', region: 'XX-ZZ' })).status).toBe(404);
    expect((await same('/api/region-aliases', 'viewer', { alias: 'Somewhere', region: 'IQ-NI' })).status).toBe(403);
    expect((await same('/api/region-aliases', 'anonymous', { alias: 'Somewhere', region: 'IQ-NI' })).status).toBe(401);
    expect(await Promise.all(ENGINES.map(aliasAudit))).toEqual(before);
    for (const engine of ENGINES) expect(await aliasRows(engine, 'Somewhere'), engine).toEqual([]);
  });

  it.each(ENGINES)('on %s, keeps no alias when its audit entry fails: one transaction', async (engine) => {
    const data = both.engines[engine]();
    await whileAuditRefuses(engine, data, 'region_alias', async () => {
      const res = await call(engine, '/api/region-aliases', 'analyst', { alias: 'Never kept', region: 'IQ-NI' });
      expect(res.status).toBe(500);
    });
    expect(await aliasRows(engine, 'Never kept')).toEqual([]);
    const kept = await call(engine, '/api/region-aliases', 'analyst', { alias: 'Never kept', region: 'IQ-NI' });
    expect(kept.status).toBe(201);
  });
});

describe('export metadata on both engines', () => {
  /** The metadata of `query` on both engines, equal but for when each was made; the SQLite one is returned. */
  const metadata = (query: string) =>
    sameOnEngines(
      (e) => call(e, `/api/export/metadata${query}`),
      query,
      (a) => ({ ...a, body: { ...(a.body as object), generatedAt: undefined } }),
    );
  type Meta = { period: string; catalogueVersion: string | null; dataSets: { id: string; observations: number }[] };

  it('describes the latest scored month by default, and any month, lens, level and language asked', async () => {
    const latest = await metadata('');
    expect(latest.status).toBe(200);
    const body = latest.body as Meta & { attribution: string[] };
    expect(body.catalogueVersion).toBeTruthy();
    expect(body.dataSets.length).toBeGreaterThan(0);
    expect(body.attribution.length).toBeGreaterThan(0);
    await metadata('?period=2016-06&lens=tip&level=1&lang=fr');
    await metadata('?period=2016-06&level=2&scenario=children-focus&lang=ar');
    const ours = (await metadata('?period=2031-02&lens=crsv')).body as Meta;
    expect(ours.dataSets.map((d) => [d.id, d.observations])).toEqual([
      ['ucdp', 1],
      ['import', 1],
    ]);
  });

  it('refuses an unknown scenario or a bad month with a 400 naming the field', async () => {
    for (const [query, field] of [
      ['?scenario=nope', 'scenario'],
      ['?period=2016-13', 'period'],
      ['?level=7', 'level'],
    ] as const) {
      const r = await same(`/api/export/metadata${query}`);
      expect(r.status, query).toBe(400);
      expect(fieldsOf(r.body), query).toEqual([field]);
    }
  });
});
