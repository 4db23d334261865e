import { count, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../../api/services/auth/accounts.ts';
import { recomputeAll } from '../../api/services/scores/recompute.ts';
import type { AsyncDb } from '../../db/async.ts';
import { signIn } from '../helpers/auth.ts';
import { appsWithClosedSqlite, type App } from '../helpers/engine-apps.ts';
import { ENGINES, seededOnBothEngines, type Engine, whileAuditRefuses } from '../helpers/engines.ts';

// Analyst observation writes (entry, preview, correction, retraction) on the awaited interface: the
// same requests asked of one app per engine over the same data answer alike, errors included, and
// leave the same stored scores, those of a full recompute. The PostgreSQL app gets a closed SQLite
// handle: a handler that still read it would fail, not answer the SQLite copy.
const both = seededOnBothEngines();
const app = {} as Record<Engine, App>;
const PASSWORD = 'a long pass phrase for the tests';
const AT = '2026-03-01T10:00:00.000Z';

type Who = 'viewer' | 'analyst' | 'other' | 'anonymous';
const headers = {} as Record<Engine, Record<Exclude<Who, 'anonymous'>, Record<string, string>>>;

beforeAll(async () => {
  Object.assign(app, appsWithClosedSqlite(both));
  for (const engine of ENGINES) {
    const data = both.engines[engine]();
    headers[engine] = {} as (typeof headers)[Engine];
    for (const [who, role] of [
      ['viewer', 'viewer'],
      ['analyst', 'analyst'],
      ['other', 'analyst'],
    ] as const) {
      const email = `${who}@writes.test`;
      await createAccount(data, { email, role, password: PASSWORD }, 'test', AT);
      headers[engine][who] = {
        ...(await signIn(app[engine], email, PASSWORD)).session,
        'Content-Type': 'application/json',
      };
    }
  }
});

/** One POST on one engine as `who`: status and parsed body. */
async function post(engine: Engine, path: string, who: Who, body: unknown) {
  const res = await app[engine].request(path, {
    method: 'POST',
    headers: who === 'anonymous' ? { 'Content-Type': 'application/json' } : headers[engine][who],
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** When a row was entered differs by the moment each engine was asked: left out of the comparison. */
const view = (a: { status: number; body: Record<string, unknown> }) => ({
  ...a,
  body: { ...a.body, enteredAt: a.body.enteredAt === undefined ? undefined : 'entered' },
});

/** The same POST on both engines (one after the other), the answers checked equal; the SQLite one is returned. */
async function same(path: string, who: Who, body: unknown) {
  const answers = [];
  for (const e of ENGINES) answers.push(await post(e, path, who, body));
  expect(view(answers[1]!), path).toEqual(view(answers[0]!));
  return answers[0]!;
}

/** Every stored score row of the engine, in key order. */
async function scores(a: AsyncDb) {
  const rows = await a.db.select().from(a.t.scores);
  const key = (r: (typeof rows)[number]) => `${r.scenario}|${r.lens}|${r.period}|${r.level}|${r.regionCode}`;
  return rows.sort((x, y) => (key(x) < key(y) ? -1 : key(x) > key(y) ? 1 : 0));
}

const observationCount = async (a: AsyncDb) => (await a.db.select({ n: count() }).from(a.t.observations))[0]!.n;
const auditCount = async (a: AsyncDb) =>
  (await a.db.select({ n: count() }).from(a.t.auditLog).where(eq(a.t.auditLog.entity, 'observation')))[0]!.n;

const entry = (region: string, period: string, value = 3) => ({
  region,
  indicator: 'tip.slave-markets',
  period,
  value,
  confidence: 'medium',
  source: { citation: 'Field report, writes test' },
});

describe('observation writes on both engines', () => {
  let created: number;
  let country: number;

  it('previews an entry alike, writing nothing', async () => {
    const before = await Promise.all(ENGINES.map((e) => observationCount(both.engines[e]())));
    const p = await same('/api/observations/preview', 'analyst', entry('IQ-NI', '2019-03', 4));
    expect(p.status).toBe(200);
    expect(p.body).toMatchObject({ period: '2019-03', region: { code: 'IQ-NI' }, parent: { code: 'IRQ' } });
    const country = await same('/api/observations/preview', 'analyst', entry('IRQ', '2019-03', 4));
    expect(country.status).toBe(200);
    expect(await Promise.all(ENGINES.map((e) => observationCount(both.engines[e]())))).toEqual(before);
  });

  it('enters an observation alike (201), and answers 409 for a second current one of the same key', async () => {
    const made = await same('/api/observations', 'analyst', entry('IQ-NI', '2019-03', 4));
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ regionCode: 'IQ-NI', period: '2019-03', value: 4, state: 'current' });
    created = made.body.id as number;
    const again = await same('/api/observations', 'other', entry('IQ-NI', '2019-03', 2));
    expect(again.status).toBe(409);
    const preview = await same('/api/observations/preview', 'analyst', entry('IQ-NI', '2019-03', 2));
    expect(preview.status).toBe(409);
    const onCountry = await same('/api/observations', 'analyst', entry('IRQ', '2018-11', 4));
    expect(onCountry.status, JSON.stringify(onCountry.body)).toBe(201);
    country = onCountry.body.id as number;
    const other = await same('/api/observations', 'analyst', entry('SY-RA', '2017-05', 1));
    expect(other.status, JSON.stringify(other.body)).toBe(201);
  });

  it('corrects and retracts alike, and answers 409 for a version no longer current', async () => {
    const fixed = await same(`/api/observations/${created}/supersede`, 'analyst', { value: 1, reason: 'typo' });
    expect(fixed.status).toBe(201);
    expect(fixed.body).toMatchObject({ supersedes: created, value: 1, state: 'current' });
    const stale = await same(`/api/observations/${created}/supersede`, 'analyst', { value: 2, reason: 'again' });
    expect(stale.status).toBe(409);
    const gone = await same(`/api/observations/${fixed.body.id}/retract`, 'analyst', { reason: 'withdrawn' });
    expect(gone.status).toBe(200);
    expect(gone.body).toMatchObject({ state: 'retracted', reason: 'withdrawn' });
    expect((await same(`/api/observations/${fixed.body.id}/retract`, 'analyst', { reason: 'twice' })).status).toBe(409);
  });

  it('answers 400 naming the field, 404, 401 and 403 alike', async () => {
    const bad = await same('/api/observations', 'analyst', { ...entry('XX-NOPE', '2019-03'), value: 'high' });
    expect(bad.status).toBe(400);
    const fields = (bad.body as { error: { fields: { field: string }[] } }).error.fields.map((f) => f.field);
    expect(fields).toEqual(expect.arrayContaining(['region', 'value']));
    expect((await same('/api/observations', 'analyst', '{not json')).status).toBe(400);
    expect((await same('/api/observations/preview', 'analyst', { ...entry('IQ-NI', '2099-01') })).status).toBe(400);
    expect((await same('/api/observations/99999999/supersede', 'analyst', { value: 1, reason: 'x' })).status).toBe(404);
    expect((await same('/api/observations/99999999/retract', 'analyst', { reason: 'x' })).status).toBe(404);
    expect((await same('/api/observations/abc/retract', 'analyst', { reason: 'x' })).status).toBe(400);
    expect((await same('/api/observations', 'anonymous', entry('IQ-NI', '2019-04'))).status).toBe(401);
    expect((await same('/api/observations', 'viewer', entry('IQ-NI', '2019-04'))).status).toBe(403);
    // Someone else's entry: retracting it needs an admin or a reason on their behalf.
    const mine = await same('/api/observations', 'analyst', entry('SY-HL', '2017-06', 2));
    expect(mine.status).toBe(201);
    expect((await same(`/api/observations/${mine.body.id}/retract`, 'other', { reason: 'not mine' })).status).toBe(403);
  });

  it.each(ENGINES)('on %s, keeps nothing of an entry or a correction whose audit entry fails', async (engine) => {
    const data = both.engines[engine]();
    const rows = await observationCount(data);
    const audit = await auditCount(data);
    const stored = await scores(data);
    await whileAuditRefuses(engine, data, 'observation', async () => {
      expect((await post(engine, '/api/observations', 'analyst', entry('IQ-BG', '2018-02'))).status).toBe(500);
      const r = await post(engine, `/api/observations/${country}/supersede`, 'analyst', { value: 0, reason: 'x' });
      expect(r.status).toBe(500);
    });
    expect(await observationCount(data)).toBe(rows);
    expect(await auditCount(data)).toBe(audit);
    expect(await scores(data)).toEqual(stored);
  });

  it('leaves the same stored scores on both engines, those of a full recompute', async () => {
    const [s, p] = await Promise.all(ENGINES.map((e) => scores(both.engines[e]())));
    expect(p!.length).toBe(s!.length);
    expect(p).toEqual(s);
    recomputeAll(both.seeded());
    expect(await scores(both.engines.sqlite())).toEqual(s);
  });
});
