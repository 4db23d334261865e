import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../helpers/server.ts';

let server: RunningServer;
const get = (path: string) => fetch(`${server.url}${path}`);

beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server?.stop());

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
