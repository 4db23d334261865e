import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from '../helpers/app.ts';

let app: TestApp;
beforeAll(async () => {
  app = await startApp();
});
afterAll(() => app.close());

interface Row {
  region: string;
  score: number | null;
  class: string;
  trend: number | null;
  basis: string;
  conditionsOnly: boolean;
  evidence: { indicators: number };
  drivers: { indicatorId: string; label: string; region?: string }[];
}

interface Compact {
  period: string;
  lens: string;
  level: number;
  scenario: string;
  regions: string[];
  classes: string[];
  class: number[];
  score: (number | null)[];
  trend: (number | null)[];
  flags: number[];
  indicators: number[];
  drivers: { indicatorId: string; label: string; region?: string }[];
  driver: number[];
}

describe('GET /api/scores/map', () => {
  it('says what the full rows say about every region, in aligned arrays a tenth of their size', async () => {
    const view = 'period=2017-07&lens=tip&level=1';
    const fullText = await (await app.request(`/api/scores?${view}`)).text();
    const res = await app.request(`/api/scores/map?${view}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-vigil-period')).toBe('2017-07');
    const text = await res.text();
    console.log(`all first-level regions: rows ${fullText.length} bytes, compact ${text.length} bytes`);
    expect(text.length).toBeLessThan(fullText.length / 5);
    const rows = JSON.parse(fullText) as Row[];
    const m = JSON.parse(text) as Compact;
    expect(m).toMatchObject({ period: '2017-07', lens: 'tip', level: 1, scenario: 'baseline' });
    expect(m.regions).toEqual(rows.map((r) => r.region));
    for (const k of ['class', 'score', 'trend', 'flags', 'indicators', 'driver'] as const)
      expect(m[k], k).toHaveLength(rows.length);
    rows.forEach((r, i) => {
      expect(m.classes[m.class[i]!], r.region).toBe(r.class);
      expect(m.score[i], r.region).toBe(r.score);
      expect(m.trend[i], r.region).toBe(r.trend);
      expect(m.flags[i], r.region).toBe((r.basis === 'country' ? 1 : 0) | (r.conditionsOnly ? 2 : 0));
      expect(m.indicators[i], r.region).toBe(r.evidence.indicators);
      const top = r.drivers[0];
      expect(m.driver[i] === -1 ? undefined : m.drivers[m.driver[i]!], r.region).toEqual(
        top && { indicatorId: top.indicatorId, label: top.label, ...(top.region ? { region: top.region } : {}) },
      );
    });
    // The documented hotspot and both flags are there, so the check above covered them.
    const at = (code: string) => m.regions.indexOf(code);
    expect(m.classes[m.class[at('IQ-NI')]!]).not.toBe('no-data');
    expect(m.flags.filter((f) => f & 1).length).toBeGreaterThan(0);
    expect(m.flags.filter((f) => f & 2).length).toBeGreaterThan(0);
  });

  it('answers 304 to its ETag and brotli or gzip when asked, and moves its ETag when the month does', async () => {
    const url = '/api/scores/map?period=2016-07&lens=overall&level=1';
    const first = await app.request(url, { headers: { 'Accept-Encoding': 'br' } });
    expect(first.headers.get('content-encoding')).toBe('br');
    const etag = first.headers.get('etag')!;
    expect((await app.request(url, { headers: { 'If-None-Match': etag } })).status).toBe(304);
    const gz = await app.request(url, { headers: { 'Accept-Encoding': 'gzip' } });
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    const other = await app.request('/api/scores/map?period=2016-08&lens=overall&level=1');
    expect(other.headers.get('etag')).not.toBe(etag);
  });

  it('names a bad parameter', async () => {
    const res = await app.request('/api/scores/map?lens=nope');
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { fields: { field: string }[] } };
    expect(body.error.fields.map((f) => f.field)).toEqual(['lens']);
  });
});
