import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from '../helpers/app.ts';

let server: TestApp;
const get = (path: string) => server.request(path);

beforeAll(async () => {
  server = await startApp();
});
afterAll(() => server?.close());

interface Brief {
  code: string;
  name: string;
  level: number;
}
interface Profile extends Brief {
  parent: Brief | null;
  children: Brief[];
  neighbours: Brief[];
}

describe('GET /api/regions/{code}', () => {
  it('gives a first-level region its country and the regions it borders, across borders too', async () => {
    const res = await get('/api/regions/IQ-NI');
    expect(res.status).toBe(200);
    const p = (await res.json()) as Profile;
    expect(p).toMatchObject({ code: 'IQ-NI', level: 1, parent: { code: 'IRQ', name: 'Iraq', level: 0 } });
    const codes = p.neighbours.map((n) => n.code);
    expect(codes).toEqual(expect.arrayContaining(['IQ-DA', 'IQ-AR', 'IQ-SD', 'SY-HA']));
    expect(codes).not.toContain('IQ-BA');
    expect(codes).not.toContain('IQ-NI');
    expect(p.neighbours.every((n) => n.level === 1)).toBe(true);
  });

  it('gives a country its first-level regions and neighbouring countries', async () => {
    const p = (await (await get('/api/regions/NGA')).json()) as Profile;
    expect(p.parent).toBeNull();
    expect(p.children.map((c) => c.code)).toContain('NG-BO');
    expect(p.neighbours.map((n) => n.code).sort()).toEqual(['BEN', 'CMR', 'NER', 'TCD']);
  });

  it('answers 404 for an unknown region and 400 naming the field for a malformed code', async () => {
    expect((await get('/api/regions/XX-YY')).status).toBe(404);
    const bad = await get('/api/regions/%20bad');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { fields: { field: string }[] } }).error.fields[0]!.field).toBe('code');
  });
});

describe('GET /api/regions/{code}/alerts', () => {
  type AlertRow = { region: string; period: string; kind: string; reason: string; score: number | null };
  const json = async <T>(path: string) => (await (await get(path)).json()) as T;

  it('gives a region’s alerts in every month, exactly its entries of /api/alerts month by month', async () => {
    const periods = await json<string[]>('/api/periods');
    for (const code of ['IQ-NI', 'NGA', 'NG-BO']) {
      const history = await json<AlertRow[]>(`/api/regions/${code}/alerts?lens=tip`);
      const monthly: AlertRow[] = [];
      for (const p of periods)
        monthly.push(...(await json<AlertRow[]>(`/api/alerts?period=${p}&lens=tip`)).filter((a) => a.region === code));
      expect(history, code).toEqual(monthly);
      expect(history.length, `${code} has alerts in the bundled cases`).toBeGreaterThan(0);
      expect(history.map((a) => a.period)).toEqual([...history.map((a) => a.period)].sort());
    }
  });

  it('keeps to the months asked for, and answers bad input with 400 and unknown regions with 404', async () => {
    const all = await json<AlertRow[]>('/api/regions/IQ-NI/alerts?lens=tip');
    const some = await json<AlertRow[]>('/api/regions/IQ-NI/alerts?lens=tip&from=2014-06&to=2014-12');
    expect(some).toEqual(all.filter((a) => a.period >= '2014-06' && a.period <= '2014-12'));
    expect(some.length).toBeGreaterThan(0);
    const bad = await get('/api/regions/IQ-NI/alerts?from=2015-01&to=2014-01');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { fields: { field: string }[] } }).error.fields[0]!.field).toBe('from');
    expect((await get('/api/regions/IQ-NI/alerts?lens=nope')).status).toBe(400);
    expect((await get('/api/regions/XX-NOPE/alerts')).status).toBe(404);
  });
});
