import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUserAndLogin, type Credentials } from '../helpers/auth.ts';
import { startApp, type TestApp } from '../helpers/app.ts';

let server: TestApp;
let analyst: Credentials;
let viewer: Credentials;

interface Side {
  score: number | null;
  class: string;
  basis: string;
  conditionsOnly: boolean;
}
interface Change {
  before: Side;
  after: Side;
  classChanges: boolean;
}
interface PreviewRegion {
  code: string;
  name: string;
  level: number;
  overall: Change;
  tip: Change;
}
interface Preview {
  period: string;
  region: PreviewRegion;
  parent: PreviewRegion | null;
}
interface Envelope {
  error: { code: string; message: string; fields?: { field: string; message: string }[] };
}

const entry = (over: Record<string, unknown> = {}) => ({
  region: 'NG-BO',
  indicator: 'afac.rf1',
  period: '2016-05',
  value: 4,
  confidence: 'high',
  source: { citation: 'Preview test partner report, May 2016', locator: 'p. 2' },
  ...over,
});

const post = (path: string, body: unknown, headers: Record<string, string> = analyst.bearer) =>
  server.request(path, {
    method: 'POST',
    headers: { ...headers, 'Content-Type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

const preview = async (body: unknown): Promise<Preview> => {
  const res = await post('/api/observations/preview', body);
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as Preview;
};

/** The score the API serves for a region, lens and month (what the map and profile show). */
const served = async (region: string, lens: string, period: string) => {
  const rows = (await (
    await server.request(`/api/regions/${region}/scores?lens=${lens}&from=${period}&to=${period}`)
  ).json()) as { period: string; score: number | null; class: string }[];
  const row = rows.find((r) => r.period === period);
  return { score: row?.score ?? null, class: row?.class ?? 'no-data' };
};

const scoreOnly = (s: Side) => ({ score: s.score, class: s.class });

/** Everything a write would leave behind: row counts, and a fingerprint of the stored scores. */
const footprint = async () => {
  const { db, t } = server.data;
  // Aggregates come back as text from PostgreSQL (bigint, numeric): read as numbers on both engines.
  const one = async (q: Promise<{ n: unknown }[]>) => Number((await q)[0]!.n);
  const count = sql<number>`count(*)`;
  return {
    observations: await one(db.select({ n: count }).from(t.observations)),
    currentObservations: await one(
      db.select({ n: count }).from(t.observations).where(eq(t.observations.state, 'current')),
    ),
    maxObservationId: await one(db.select({ n: sql<number>`max(${t.observations.id})` }).from(t.observations)),
    scores: await one(db.select({ n: count }).from(t.scores)),
    scoreSum: await one(
      db.select({ n: sql<number>`coalesce(sum(${t.scores.score} * 1000 + ${t.scores.coverage}), 0)` }).from(t.scores),
    ),
    audit: await one(db.select({ n: count }).from(t.auditLog)),
    importBatches: await one(db.select({ n: count }).from(t.importBatches)),
  };
};

beforeAll(async () => {
  server = await startApp();
  analyst = await createUserAndLogin(server, 'analyst');
  viewer = await createUserAndLogin(server, 'viewer');
});
afterAll(() => server?.close());

describe('POST /api/observations/preview', () => {
  it('shows the region and its country now and after, and saving gives exactly the after-scores', async () => {
    const body = entry();
    const now = await Promise.all(
      (['overall', 'tip'] as const).flatMap((lens) => [
        served('NG-BO', lens, '2016-05'),
        served('NGA', lens, '2016-05'),
      ]),
    );
    const untouched = await footprint();
    const p = await preview(body);
    expect(await footprint(), 'the preview wrote nothing').toEqual(untouched);

    expect(p.period).toBe('2016-05');
    expect(p.region).toMatchObject({ code: 'NG-BO', name: 'Borno State', level: 1 });
    expect(p.parent).toMatchObject({ code: 'NGA', name: 'Nigeria', level: 0 });
    // Before is what the API serves today.
    expect([
      scoreOnly(p.region.overall.before),
      scoreOnly(p.parent!.overall.before),
      scoreOnly(p.region.tip.before),
      scoreOnly(p.parent!.tip.before),
    ]).toEqual(now);
    // A severe risk factor with high confidence from a new source raises Borno into another class.
    expect(p.region.overall.after.score!).toBeGreaterThan(p.region.overall.before.score!);
    expect(p.region.overall.classChanges).toBe(true);
    expect(p.region.overall.before.class).not.toBe(p.region.overall.after.class);

    const saved = await post('/api/observations', body);
    expect(saved.status).toBe(201);
    const after = await Promise.all(
      (['overall', 'tip'] as const).flatMap((lens) => [
        served('NG-BO', lens, '2016-05'),
        served('NGA', lens, '2016-05'),
      ]),
    );
    expect(after).toEqual([
      scoreOnly(p.region.overall.after),
      scoreOnly(p.parent!.overall.after),
      scoreOnly(p.region.tip.after),
      scoreOnly(p.parent!.tip.after),
    ]);
  });

  it('answers a 409 once the month already has a current observation of the indicator, writing nothing', async () => {
    const untouched = await footprint();
    const res = await post('/api/observations/preview', entry({ value: 1 }));
    expect(res.status).toBe(409);
    expect(((await res.json()) as Envelope).error.fields?.map((f) => f.field)).toEqual(['period']);
    expect(await footprint()).toEqual(untouched);
  });

  it('a region with no data shows "no data" before and an unclassed score after, never 0', async () => {
    const body = entry({ region: 'NO-03', period: '2016-07', indicator: 'afac.rf1', value: 3 });
    expect(await served('NO-03', 'overall', '2016-07')).toEqual({ score: null, class: 'no-data' });
    const p = await preview(body);
    expect(p.region.overall.before).toEqual({ score: null, class: 'no-data', basis: 'none', conditionsOnly: false });
    expect(p.region.overall.after.class).toBe('insufficient-data');
    expect(p.region.overall.after.score).toBeGreaterThan(0);
    expect((await post('/api/observations', body)).status).toBe(201);
    expect(await served('NO-03', 'overall', '2016-07')).toEqual(scoreOnly(p.region.overall.after));
    expect(await served('NOR', 'overall', '2016-07')).toEqual(scoreOnly(p.parent!.overall.after));
  });

  it('previews a country-level record as the country’s score, equal to the stored one once saved', async () => {
    const body = entry({ region: 'IRQ', period: '2016-02', indicator: 'afac.7.9', value: 4 });
    const before = await served('IRQ', 'tip', '2016-02');
    const untouched = await footprint();
    const p = await preview(body);
    expect(await footprint()).toEqual(untouched);
    expect(p.parent).toBeNull();
    expect(p.region).toMatchObject({ code: 'IRQ', level: 0 });
    expect(scoreOnly(p.region.tip.before)).toEqual(before);
    expect((await post('/api/observations', body)).status).toBe(201);
    expect(await served('IRQ', 'overall', '2016-02')).toEqual(scoreOnly(p.region.overall.after));
    expect(await served('IRQ', 'tip', '2016-02')).toEqual(scoreOnly(p.region.tip.after));
  });

  it('validates like an entry: a 400 names each bad field', async () => {
    const untouched = await footprint();
    const cases: [unknown, string[]][] = [
      [entry({ period: '2016-13' }), ['period']],
      [entry({ value: 9 }), ['value']],
      [entry({ region: 'ZZ-QQ', source: { citation: '' } }), ['source.citation', 'region']],
      [entry({ note: 'x'.repeat(501) }), ['note']],
      ['not json', ['body']],
    ];
    for (const [body, fields] of cases) {
      const res = await post('/api/observations/preview', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      const env = (await res.json()) as Envelope;
      expect(env.error.code).toBe('invalid_request');
      expect([...new Set(env.error.fields?.map((f) => f.field))].sort()).toEqual([...fields].sort());
    }
    expect(await footprint()).toEqual(untouched);
  });

  it('is for analysts: 401 anonymous, 403 viewer, 403 a session without its CSRF token', async () => {
    const anonymous = await server.request('/api/observations/preview', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(entry({ period: '2016-08' })),
    });
    expect(anonymous.status).toBe(401);
    expect((await post('/api/observations/preview', entry({ period: '2016-08' }), viewer.bearer)).status).toBe(403);
    const noCsrf = await post('/api/observations/preview', entry({ period: '2016-08' }), { Cookie: analyst.cookie });
    expect(noCsrf.status).toBe(403);
    expect(((await noCsrf.json()) as Envelope).error.code).toBe('csrf');
    expect((await post('/api/observations/preview', entry({ period: '2016-08' }), analyst.session)).status).toBe(200);
  });
});
