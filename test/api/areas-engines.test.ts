import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app.ts';
import { createAccount } from '../../api/services/auth/accounts.ts';
import { MAX_SAVED_AREAS } from '../../api/routes/areas.ts';
import type { AsyncDb } from '../../db/async.ts';
import { box, MOSUL } from '../helpers/areas.ts';
import { signIn } from '../helpers/auth.ts';
import { ENGINES, sameOnEngines, seededOnBothEngines, type Engine, whileAuditRefuses } from '../helpers/engines.ts';

// Saved areas on the awaited interface: the same requests answered alike by one app per engine over
// the same data (the seeded database, and its copy in a private PostgreSQL), each save and delete
// written in one transaction with its audit entry.
const both = seededOnBothEngines();
const PASSWORD = 'a long pass phrase for the tests';
const NOW = new Date('2026-03-01T10:00:00.000Z');

type App = ReturnType<typeof createApp>;
type Who = { headers: Record<string, string> };
const apps = {} as Record<Engine, { app: App; data: AsyncDb; owner: Who; other: Who }>;

/** Signed in through `app`: the session's headers for JSON writes. */
async function signedIn(app: App, email: string): Promise<Who> {
  return { headers: { ...(await signIn(app, email, PASSWORD)).session, 'Content-Type': 'application/json' } };
}

beforeAll(async () => {
  for (const engine of ENGINES) {
    const data = both.engines[engine]();
    const app = createApp({ db: both.seeded(), data, version: 'test', security: { now: () => NOW } });
    for (const who of ['owner', 'other'])
      await createAccount(
        data,
        { email: `${who}@test.vigil`, role: 'viewer', password: PASSWORD },
        'test',
        NOW.toISOString(),
      );
    apps[engine] = {
      app,
      data,
      owner: await signedIn(app, 'owner@test.vigil'),
      other: await signedIn(app, 'other@test.vigil'),
    };
  }
});

/** One request on one engine, as `who`: status and parsed body. */
async function call(engine: Engine, who: 'owner' | 'other', path: string, method = 'GET', body?: unknown) {
  const { app, ...rest } = apps[engine];
  const res = await app.request(path, {
    method,
    headers: rest[who].headers,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as unknown };
}

/** The same request on both engines, the answers checked equal; the SQLite one is returned. */
const same = (who: 'owner' | 'other', path: string, method = 'GET', body?: unknown) =>
  sameOnEngines((e) => call(e, who, path, method, body), `${method} ${path}`);

/** The audit log's saved-area entries on one engine, oldest first. */
async function auditOf(engine: Engine) {
  const { data } = apps[engine];
  const rows = await data.db.select().from(data.t.auditLog);
  return rows
    .filter((r) => r.entity === 'saved_area')
    .sort((a, b) => a.id - b.id)
    .map((r) => ({ action: r.action, actor: r.actor, entityId: r.entityId, before: r.before, after: r.after }));
}

const fields = (b: unknown) => (b as { error: { fields: { field: string }[] } }).error.fields.map((f) => f.field);

describe('saved areas on both engines', () => {
  it('saves, lists (owner only, newest first) and deletes alike, each change audited once', async () => {
    const drawn = await same('owner', '/api/areas', 'POST', {
      name: 'Mosul corridor',
      geometry: MOSUL,
      from: '2016-01',
      to: '2016-12',
    });
    expect(drawn.status).toBe(201);
    expect(drawn.body).toMatchObject({ name: 'Mosul corridor', geometry: MOSUL, lens: 'tip', from: '2016-01' });
    const listed = await same('owner', '/api/areas', 'POST', {
      name: 'Two regions',
      regions: ['IQ-NI', 'IQ-DA'],
      lens: 'crsv',
    });
    expect(listed.status).toBe(201);
    const ids = [drawn, listed].map((r) => (r.body as { id: number }).id);
    const mine = await same('owner', '/api/areas');
    expect((mine.body as { id: number }[]).map((a) => a.id)).toEqual([ids[1], ids[0]]);
    expect((await same('other', '/api/areas')).body).toEqual([]);
    expect((await same('other', `/api/areas/${ids[0]}`, 'DELETE')).status).toBe(404);
    expect((await same('owner', `/api/areas/${ids[0]}`, 'DELETE')).body).toEqual({ id: ids[0], deleted: true });
    expect((await same('owner', `/api/areas/${ids[0]}`, 'DELETE')).status).toBe(404);
    expect((await same('owner', '/api/areas')).body).toMatchObject([{ id: ids[1], regions: ['IQ-NI', 'IQ-DA'] }]);
    const [s, p] = await Promise.all(ENGINES.map(auditOf));
    expect(p).toEqual(s);
    expect(s!.map((e) => [e.action, e.entityId, e.actor])).toEqual([
      ['create', String(ids[0]), 'owner@test.vigil'],
      ['create', String(ids[1]), 'owner@test.vigil'],
      ['delete', String(ids[0]), 'owner@test.vigil'],
    ]);
    expect(s![0]!.after).toMatchObject({ name: 'Mosul corridor', kind: 'polygon', regions: null });
    expect(s![2]!.before).toEqual({ name: 'Mosul corridor', lens: 'tip' });
  });

  it('refuses a bad area with a 400 naming the field, and writes nothing', async () => {
    const before = await Promise.all(ENGINES.map(auditOf));
    const bad = async (body: unknown, field: string) => {
      const r = await same('other', '/api/areas', 'POST', body);
      expect(r.status).toBe(400);
      expect(fields(r.body)).toEqual([field]);
    };
    await bad({ regions: ['IQ-NI'] }, 'name');
    await bad({ name: 'x', regions: ['IQ-NI', 'XX-ZZ'] }, 'regions.1');
    await bad({ name: 'x', regions: ['IQ-NI'], geometry: MOSUL }, 'regions');
    await bad({ name: 'x', regions: ['IQ-NI'], from: '2016-05', to: '2016-01' }, 'from');
    await bad(
      { name: 'x', geometry: { type: 'Polygon', coordinates: [box(500_000, 0, 600_000, 100_000)] } },
      'geometry.coordinates.0.0',
    );
    expect((await same('other', '/api/areas/abc', 'DELETE')).status).toBe(400);
    expect((await same('other', '/api/areas')).body).toEqual([]);
    expect(await Promise.all(ENGINES.map(auditOf))).toEqual(before);
  });

  it.each(ENGINES)('on %s, keeps no area when its audit entry fails: one transaction', async (engine) => {
    const { data } = apps[engine];
    await whileAuditRefuses(engine, data, 'saved_area', async () => {
      const res = await call(engine, 'other', '/api/areas', 'POST', { name: 'never kept', regions: ['IQ-NI'] });
      expect(res.status).toBe(500);
    });
    expect((await call(engine, 'other', '/api/areas')).body).toEqual([]);
    const kept = await call(engine, 'other', '/api/areas', 'POST', { name: 'kept', regions: ['IQ-NI'] });
    expect(kept.status).toBe(201);
    expect((await call(engine, 'other', `/api/areas/${(kept.body as { id: number }).id}`, 'DELETE')).status).toBe(200);
  });

  it.each(ENGINES)('on %s, refuses a save past the limit with a 409 and writes nothing', async (engine) => {
    const { data } = apps[engine];
    const [user] = (await data.db.select().from(data.t.users)).filter((u) => u.email === 'other@test.vigil');
    const rows = Array.from({ length: MAX_SAVED_AREAS }, (_, i) => ({
      userId: user!.id,
      name: `filler ${i}`,
      area: { regions: ['IQ-NI'] },
      lens: 'tip',
      createdAt: NOW.toISOString(),
    }));
    await data.db.insert(data.t.savedAreas).values(rows);
    const audit = await auditOf(engine);
    const res = await call(engine, 'other', '/api/areas', 'POST', { name: 'one too many', regions: ['IQ-NI'] });
    expect(res.status).toBe(409);
    expect((await call(engine, 'other', '/api/areas')).body).toHaveLength(MAX_SAVED_AREAS);
    expect(await auditOf(engine)).toEqual(audit);
  });
});
