import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '../../db/client.ts';
import { runMigrations } from '../../db/migrate.ts';
import { seedUcdpSample, UCDP_SEED_SETTING } from '../../api/services/ucdp/bundled-sample.ts';
import { createUserAndLogin, type Credentials } from '../helpers/auth.ts';
import { startApp, type TestApp } from '../helpers/app.ts';
import { seededDbCopy } from '../helpers/seeded-db.ts';

/** The risk model v2 on the bundled data as a new user sees it: historical cases and the UCDP sample. */
let server: TestApp;
let analyst: Credentials;

interface Row {
  region: string;
  name: string;
  score: number | null;
  class: string;
  trend: number | null;
  basis: string;
  conditionsOnly: boolean;
  evidence: { indicators: number; groups: number; sources: number; signs: number; own: number };
}

beforeAll(async () => {
  const dbPath = seededDbCopy();
  const db = openDb(dbPath);
  runMigrations(db);
  // The test template skips the UCDP sample; a new installation loads it on first start.
  db.$client.prepare('delete from settings where key = ?').run(UCDP_SEED_SETTING);
  expect((await seedUcdpSample(db)).status).toBe('loaded');
  db.$client.close();
  server = await startApp({ dbPath });
  analyst = await createUserAndLogin(server, 'analyst');
});
afterAll(() => server?.close());

const json = async <T>(path: string): Promise<T> => {
  const res = await server.request(path);
  expect(res.status, path).toBe(200);
  return (await res.json()) as T;
};
const scores = (q: string) => json<Row[]>(`/api/scores?${q}`);
const rowOf = async (region: string, q: string) => (await scores(q)).find((r) => r.region === region)!;

describe('risk model v2 on the bundled data', () => {
  it('does not paint Borno as a trafficking hotspot in August 2014 from conflict events alone', async () => {
    const tip = await rowOf('NG-BO', 'period=2014-08&lens=tip&level=1');
    const overall = await rowOf('NG-BO', 'period=2014-08&lens=overall&level=1');
    expect(tip.evidence).toMatchObject({ sources: 1, signs: 0 });
    expect(['high', 'very-high']).not.toContain(tip.class);
    expect(tip.conditionsOnly).toBe(true);
    // Conditions count at half weight in the trafficking lens: the two lenses no longer agree on event data.
    expect(tip.score).not.toBe(overall.score);
    expect(tip.score!).toBeLessThan(overall.score!);
  });

  it('keeps Nineveh very high in August 2014: direct signs from several independent sources', async () => {
    const row = await rowOf('IQ-NI', 'period=2014-08&lens=tip&level=1');
    expect(row.class).toBe('very-high');
    expect(row.evidence.sources).toBeGreaterThanOrEqual(3);
    expect(row.evidence.signs).toBeGreaterThan(0);
    expect(row.conditionsOnly).toBe(false);
  });

  it('never ranks a province above Nineveh on country-level records alone (DRC, July 2016)', async () => {
    const rows = await scores('period=2016-07&lens=tip&level=1');
    const nineveh = rows.find((r) => r.region === 'IQ-NI')!;
    const congo = rows.filter((r) => r.region.startsWith('CD-') && r.evidence.indicators > 0);
    expect(congo.filter((r) => r.basis === 'country').length).toBeGreaterThan(5);
    for (const r of congo) {
      if (r.basis === 'country') expect(r).toMatchObject({ score: null, class: 'insufficient-data' });
      else expect(r.evidence.own).toBeGreaterThan(0);
    }
    const above = rows.filter((r) => r.score !== null && r.score > nineveh.score!);
    expect(above.every((r) => r.evidence.own > 0)).toBe(true);
    // The country keeps its own, country-level score.
    const drc = await rowOf('COD', 'period=2016-07&lens=tip&level=0');
    expect(drc.score).not.toBeNull();
  });

  it('replays the Borno case: entering "girls missing from school" = 3 never moves Borno down', async () => {
    const before = await rowOf('NG-BO', 'period=2017-11&lens=tip&level=1');
    const res = await server.request('/api/observations', {
      method: 'POST',
      headers: { ...analyst.bearer, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        region: 'NG-BO',
        indicator: 'crsv.girls-school-absence',
        period: '2017-11',
        value: 3,
        confidence: 'medium',
        source: { citation: 'Protection monitoring report, north-east Nigeria, November 2017 (test)' },
      }),
    });
    expect(res.status).toBe(201);
    const after = await rowOf('NG-BO', 'period=2017-11&lens=tip&level=1');
    expect(after.score!).toBeGreaterThanOrEqual(before.score!);
    expect(after.trend!).toBeGreaterThanOrEqual(before.trend!);
    expect(after.evidence.sources).toBe(before.evidence.sources + 1);
    const overall = await json<Row[]>('/api/regions/NG-BO/scores?lens=overall&from=2017-11&to=2017-11');
    expect(overall[0]!.score).not.toBeNull();
  });

  it('refuses a citation from which no source key can be derived, naming the field', async () => {
    const res = await server.request('/api/observations', {
      method: 'POST',
      headers: { ...analyst.bearer, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        region: 'NG-BO',
        indicator: 'crsv.girls-school-absence',
        period: '2017-10',
        value: 2,
        source: { citation: ' -- … // ' },
      }),
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { fields: { field: string; message: string }[] } };
    const field = body.error.fields.find((f) => f.field === 'source.citation');
    expect(field?.message).toMatch(/letters or digits/);
  });

  it('explains the evidence: prior, strength, sources with their labels, and points adding up', async () => {
    const e = await json<{
      score: number;
      method: string;
      model: { prior: number; strength: number; raw: number; sources: { source: string; label: string }[] };
      contributions: { points: number; source: string | null }[];
    }>('/api/regions/IQ-NI/explain?period=2014-08&lens=tip');
    expect(e.method).toBe('v2');
    expect(e.model.prior).toBe(0);
    expect(e.model.sources.length).toBeGreaterThanOrEqual(3);
    expect(e.model.sources.map((s) => s.label).join(' ')).toContain('S/2017/939');
    expect(e.model.raw).toBeCloseTo(10 * (1 - Math.exp(-e.model.strength)), 1);
    expect(e.contributions.reduce((a, c) => a + c.points, 0)).toBeCloseTo(e.score, 9);
  });

  it('keeps v1 as a named method for comparison, and names a bad method', async () => {
    const v1 = await rowOf('NG-BO', 'period=2014-08&lens=tip&level=1&method=v1');
    const v2 = await rowOf('NG-BO', 'period=2014-08&lens=tip&level=1&method=v2');
    expect(v1.score).not.toBe(v2.score);
    const series = await json<Row[]>('/api/regions/NG-BO/scores?lens=tip&from=2014-08&to=2014-08&method=v1');
    expect(series[0]!.score).toBe(v1.score);
    const explained = await json<{ score: number; method: string }>(
      '/api/regions/NG-BO/explain?period=2014-08&lens=tip&method=v1',
    );
    expect(explained).toMatchObject({ method: 'v1', score: v1.score });
    for (const path of ['/api/scores?method=v3', '/api/regions/NG-BO/explain?method=mean']) {
      const res = await server.request(path);
      expect(res.status).toBe(400);
      const body = (await res.json()) as { error: { fields: { field: string }[] } };
      expect(body.error.fields.map((f) => f.field)).toContain('method');
    }
  });
});
