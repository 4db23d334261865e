import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '../../db/client.ts';
import { insertObservations, observationsAsync } from '../../db/queries/observations.ts';
import { periodRange } from '../../indicators/index.ts';
import type { ScoreWireRow } from '../../api/services/export/score-table.ts';
import { seededDbCopy } from '../helpers/seeded-db.ts';
import { startApp, type TestApp } from '../helpers/app.ts';

let server: TestApp;
const get = (path: string) => server.request(`${path}`);

/** The month the tests export: the bundled cases score Iraq, Nigeria and others in it. */
const MONTH = '2017-07';

/** A row of /api/scores. */
type WireRow = ScoreWireRow;

beforeAll(async () => {
  // Three conflict-event observations credited to UCDP GED, so the source line must credit it (and count them).
  const dbPath = seededDbCopy();
  const db = openDb(dbPath);
  insertObservations(
    db,
    ['NG-BO', 'NG-YO', 'NG-AD'].map((regionCode) => ({
      regionCode,
      indicatorId: 'tip.mass-displacement',
      period: '2017-06',
      value: 2,
      confidence: 'medium' as const,
      sourceCitation: 'UCDP Georeferenced Event Dataset (GED) 20.1, events of June 2017',
      enteredBy: 'export-test',
      enteredAt: '2026-01-01T00:00:00.000Z',
    })),
  );
  db.$client.close();
  server = await startApp({ dbPath });
});
afterAll(() => server?.close());

const csvRows = (text: string) =>
  parse(text, { bom: true, columns: true, skip_empty_lines: true }) as Record<string, string>[];
const num = (s: string | undefined) => (s === undefined || s === '' ? null : Number(s));

async function scores(query: string): Promise<WireRow[]> {
  const res = await get(`/api/scores?${query}`);
  expect(res.status).toBe(200);
  return (await res.json()) as WireRow[];
}

describe('GET /api/export/scores.csv', () => {
  it('has one row per region of /api/scores with the same values, the view repeated on every row, and a file name', async () => {
    for (const level of [0, 1]) {
      const q = `period=${MONTH}&lens=tip&level=${level}`;
      const res = await get(`/api/export/scores.csv?${q}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(res.headers.get('content-disposition')).toBe(
        `attachment; filename="vigil-scores-tip-${MONTH}-admin${level}.csv"`,
      );
      const rows = csvRows(await res.text());
      const api = await scores(q);
      expect(rows.map((r) => r.region)).toEqual(api.map((r) => r.region));
      expect(api.filter((r) => r.score !== null).length).toBeGreaterThan(3);
      rows.forEach((r, i) => {
        const a = api[i]!;
        expect({
          name: r.name,
          period: r.period,
          score: num(r.score),
          class: r.class,
          coverage: num(r.coverage),
          confidence: r.confidence || null,
          trend: num(r.trend_3m),
          trend12: num(r.trend_12m),
        }).toEqual({
          name: a.name,
          period: a.period,
          score: a.score,
          class: a.class,
          coverage: a.coverage,
          confidence: a.confidence,
          trend: a.trend,
          trend12: a.trend12,
        });
        expect(r.indicators_observed).toBe(String(a.evidence.indicators));
        expect(r.groups_observed).toBe(String(a.evidence.groups));
        expect(r.sources_observed).toBe(String(a.evidence.sources));
        expect(r.signs_observed).toBe(String(a.evidence.signs));
        expect([r.basis, r.conditions_only]).toEqual([a.basis, String(a.conditionsOnly)]);
        expect(r.top_drivers).toBe(a.drivers.map((d) => `${d.label} (+${d.points.toFixed(2)})`).join('; '));
        expect([r.lens, r.scenario, r.catalogue_version, r.level]).toEqual([
          'tip',
          'baseline',
          rows[0]!.catalogue_version,
          String(level),
        ]);
      });
      expect(rows[0]!.catalogue_version).toMatch(/\S/);
      // The credits travel with the values: Natural Earth, and UCDP (whose events inform this month).
      const meta = (await (await get(`/api/export/metadata?${q}`)).json()) as { attribution: string[] };
      expect(new Set(rows.map((r) => r.credit))).toEqual(new Set([meta.attribution.join('; ')]));
      expect(rows[0]!.credit).toMatch(/Natural Earth.*UCDP.*CC BY 4\.0/);
      if (level === 1) expect(rows.find((r) => r.region === 'IQ-NI')?.country).toBe('IRQ');
    }
  });

  it('publishes counts of evidence as numbers, small ones included (they count evidence, never people)', async () => {
    const rows = csvRows(await (await get(`/api/export/scores.csv?period=${MONTH}&lens=overall&level=1`)).text());
    const counts = rows.flatMap((r) => [r.indicators_observed!, r.groups_observed!, r.sources_observed!]);
    expect(counts).not.toContain('<5');
    expect(counts.filter((c) => ['1', '2', '3', '4'].includes(c)).length).toBeGreaterThan(0);
  });

  it('takes the latest month by default, like /api/scores', async () => {
    const api = await get('/api/scores?lens=tip');
    const latest = api.headers.get('x-vigil-period');
    const rows = csvRows(await (await get('/api/export/scores.csv?lens=tip')).text());
    expect(latest).toMatch(/^\d{4}-\d{2}$/);
    expect(new Set(rows.map((r) => r.period))).toEqual(new Set([latest]));
  });

  it('exports a weighting scenario as /api/scores computes it, and names it in the file', async () => {
    const q = `period=${MONTH}&lens=tip&level=1&scenario=children-focus`;
    const res = await get(`/api/export/scores.csv?${q}`);
    expect(res.headers.get('content-disposition')).toContain(`vigil-scores-tip-${MONTH}-admin1-children-focus.csv`);
    const rows = csvRows(await res.text());
    const api = await scores(q);
    expect(rows.map((r) => [r.region, num(r.score), r.scenario])).toEqual(
      api.map((a) => [a.region, a.score, 'children-focus']),
    );
  });

  it('refuses bad parameters with a 400 naming the field', async () => {
    for (const [q, field] of [
      ['lens=everything', 'lens'],
      ['period=2017-13', 'period'],
      ['level=3', 'level'],
      ['format=xlsx', 'format'],
      ['scenario=no-such-scenario', 'scenario'],
    ] as const) {
      const res = await get(`/api/export/scores.csv?${q}`);
      expect(res.status, q).toBe(400);
      const body = (await res.json()) as { error: { fields: { field: string }[] } };
      expect(body.error.fields.map((f) => f.field)).toContain(field);
    }
  });
});

describe('HXL-tagged CSV', () => {
  it('puts a hashtag row under the header, the same through ?format=hxl and scores.hxl.csv', async () => {
    const q = `period=${MONTH}&lens=tip&level=1`;
    const a = await get(`/api/export/scores.hxl.csv?${q}`);
    const b = await get(`/api/export/scores.csv?${q}&format=hxl`);
    expect(a.headers.get('content-disposition')).toContain(`vigil-scores-tip-${MONTH}-admin1.hxl.csv`);
    const text = await a.text();
    expect(await b.text()).toBe(text);
    const lines = parse(text, { bom: true }) as string[][];
    const [header, tags] = [lines[0]!, lines[1]!];
    expect(tags.every((t) => /^#[a-z][a-z0-9_]*(\+[a-z][a-z0-9_]*)*$/.test(t))).toBe(true);
    const tagOf = (col: string) => tags[header.indexOf(col)];
    expect([tagOf('region'), tagOf('name'), tagOf('country'), tagOf('period'), tagOf('score')]).toEqual([
      '#adm1+code',
      '#adm1+name',
      '#country+code',
      '#date+month',
      '#severity+num+score',
    ]);
    expect(lines.length - 2).toBe((await scores(q)).length);
  });
});

describe('GET /api/export/scores.geojson', () => {
  it('has one feature per /api/scores row, with geometry, the same values and the export metadata', async () => {
    const q = `period=${MONTH}&lens=tip&level=1`;
    const res = await get(`/api/export/scores.geojson?${q}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/geo+json');
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="vigil-scores-tip-${MONTH}-admin1.geojson"`,
    );
    const fc = (await res.json()) as {
      type: string;
      metadata: Record<string, unknown>;
      features: {
        id: string;
        geometry: { type: string; coordinates: unknown } | null;
        properties: Record<string, unknown>;
      }[];
    };
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.metadata).toMatchObject({
      period: MONTH,
      lens: 'tip',
      level: 1,
      scenario: 'baseline',
      catalogueVersion: expect.stringMatching(/\S/),
    });
    const api = await scores(q);
    expect(fc.features.map((f) => f.id)).toEqual(api.map((a) => a.region));
    fc.features.forEach((f, i) => {
      const a = api[i]!;
      expect(f.properties).toMatchObject({
        region: a.region,
        name: a.name,
        period: a.period,
        score: a.score,
        class: a.class,
        coverage: a.coverage,
        trend_3m: a.trend,
        trend_12m: a.trend12,
        drivers: a.drivers,
        indicators_observed: a.evidence.indicators,
        sources_observed: a.evidence.sources,
        conditions_only: a.conditionsOnly,
      });
    });
    const nineveh = fc.features.find((f) => f.id === 'IQ-NI')!;
    expect(['Polygon', 'MultiPolygon']).toContain(nineveh.geometry?.type);
    expect(JSON.stringify(nineveh.geometry?.coordinates)).not.toMatch(/\.\d{5,}/);
    expect(fc.features.filter((f) => f.geometry === null).length).toBeLessThan(fc.features.length / 100);
  });

  it('is compressed for clients that accept gzip', async () => {
    const res = await server.request(`/api/export/scores.geojson?period=${MONTH}&lens=tip&level=0`, {
      headers: { 'Accept-Encoding': 'gzip' },
    });
    expect(res.headers.get('content-encoding')).toBe('gzip');
  });
});

describe('GET /api/export/metadata', () => {
  it('names the data sets behind the month with their observation counts, the catalogue version, the credits and the disclaimer', async () => {
    const res = await get(`/api/export/metadata?period=${MONTH}&lens=tip&level=1`);
    expect(res.status).toBe(200);
    const m = (await res.json()) as {
      dataSets: { id: string; observations: number | string }[];
      sourceLine: string;
      attribution: string[];
      disclaimer: string;
      catalogueVersion: string;
      title: string;
      subtitle: string;
      generatedAt: string;
    };
    const ucdp = m.dataSets.find((d) => d.id === 'ucdp');
    expect(ucdp?.observations).toBe(3);
    const historical = m.dataSets.find((d) => d.id === 'historical');
    expect(typeof historical?.observations === 'number' && historical.observations >= 5).toBe(true);
    expect(m.sourceLine).toContain(`catalogue ${m.catalogueVersion}`);
    expect(m.sourceLine).toContain('3 observations');
    expect(m.attribution).toEqual(['Made with Natural Earth', expect.stringContaining('UCDP GED')]);
    expect(m.attribution[1]).toContain('CC BY 4.0');
    expect(m.disclaimer).toBe('Boundaries and names shown do not imply official endorsement or acceptance.');
    expect(m.title).toContain('July 2017');
    expect(m.subtitle).toContain('Trafficking lens');
    expect(Date.parse(m.generatedAt)).not.toBeNaN();
  });

  it('credits UCDP only when UCDP data can inform the month', async () => {
    const m = (await (await get('/api/export/metadata?period=2014-06&lens=tip')).json()) as {
      attribution: string[];
      dataSets: { id: string }[];
    };
    expect(m.dataSets.map((d) => d.id)).not.toContain('ucdp');
    expect(m.attribution.join(' ')).not.toContain('UCDP');
  });
});

describe('GET /api/export/brief', () => {
  it('gives a region brief: score as in the series, drivers with their evidence, forms as shares, gaps, sources and evidence counts', async () => {
    const res = await get(`/api/export/brief?region=IQ-NI&period=${MONTH}&lens=tip`);
    expect(res.status).toBe(200);
    const b = (await res.json()) as {
      region: { code: string; parent: { code: string } | null };
      score: { score: number | null; class: string };
      evidence: Record<string, number | string>;
      series: { period: string; score: number | null }[];
      drivers: { label: string; points: number; value: string }[];
      forms: { share: number }[];
      gaps: { riskFactorsObserved: string[]; riskFactorsMissing: string[] };
      sources: { citation: string }[];
      metadata: { title: string; level: number; disclaimer: string };
    };
    expect(b.region).toMatchObject({ code: 'IQ-NI', parent: { code: 'IRQ' } });
    const series = (await (await get(`/api/regions/IQ-NI/scores?lens=tip&to=${MONTH}`)).json()) as {
      period: string;
      score: number | null;
    }[];
    expect(b.series.at(-1)).toMatchObject({ period: MONTH, score: series.at(-1)!.score });
    expect(b.score.score).toBe(series.at(-1)!.score);
    expect(b.series.length).toBeLessThanOrEqual(36);
    expect(b.drivers.length).toBeGreaterThan(0);
    expect(b.drivers.map((d) => d.points)).toEqual([...b.drivers.map((d) => d.points)].sort((x, y) => y - x));
    expect(b.forms.reduce((s, f) => s + f.share, 0)).toBeCloseTo(1, 6);
    expect(b.gaps.riskFactorsObserved.length).toBeGreaterThan(0);
    expect(b.gaps.riskFactorsMissing.length).toBeGreaterThan(b.gaps.riskFactorsObserved.length);
    expect(b.sources.length).toBeGreaterThan(0);
    expect(b.evidence.riskFactors).toBe(b.gaps.riskFactorsObserved.length);
    for (const v of Object.values(b.evidence)) expect(Number.isInteger(v)).toBe(true);
    expect(b.evidence.sources).toBeGreaterThan(0);
    expect(b.metadata).toMatchObject({
      level: 1,
      title: `Region brief: Nineveh, Iraq · July 2017`,
      disclaimer: expect.stringContaining('do not imply'),
    });
  });

  it('covers the months asked for with from and to, and refuses a range that runs backwards', async () => {
    const b = (await (
      await get(`/api/export/brief?region=IQ-NI&period=${MONTH}&lens=tip&from=2015-03&to=2016-02`)
    ).json()) as {
      series: { period: string }[];
      metadata: { period: string };
    };
    expect(b.series.map((p) => p.period)).toEqual(periodRange('2015-03', '2016-02'));
    expect(b.metadata.period).toBe(MONTH);
    const long = (await (await get(`/api/export/brief?region=IQ-NI&period=${MONTH}&lens=tip&from=2000-01`)).json()) as {
      series: { period: string }[];
    };
    const periods = (await (await get('/api/periods')).json()) as string[];
    expect(long.series[0]!.period).toBe(periods[0]);
    expect(long.series.at(-1)!.period).toBe(MONTH);
    expect(long.series.length).toBeGreaterThan(36);
    const bad = await get(`/api/export/brief?region=IQ-NI&from=2016-05&to=2016-01`);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { fields: { field: string }[] } }).error.fields[0]!.field).toBe('from');
  });

  it('answers 404 for an unknown region and 400 naming a malformed one', async () => {
    expect((await get('/api/export/brief?region=ZZ-NOPE')).status).toBe(404);
    const bad = await get('/api/export/brief?region=%24%24');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { fields: { field: string }[] } }).error.fields[0]!.field).toBe('region');
  });
});

describe('repeated downloads', () => {
  it('come from one build per data version: the same bytes and ETag, 304 on If-None-Match, a new file after a write', async () => {
    const path = '/api/export/scores.geojson?period=2016-07&level=1&lens=tip';
    const [a, b] = await Promise.all([server.request(path), server.request(path)]);
    expect([a.status, b.status]).toEqual([200, 200]);
    const etag = a.headers.get('etag')!;
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(b.headers.get('etag')).toBe(etag);
    expect(a.headers.get('content-type')).toMatch(/geo\+json|json/);
    expect(a.headers.get('content-disposition')).toMatch(
      /attachment; filename="vigil-scores-tip-2016-07-admin1\.geojson"/,
    );
    expect(await a.text()).toBe(await b.text());
    expect((await server.request(path, { headers: { 'if-none-match': etag } })).status).toBe(304);

    await observationsAsync.insert(server.data, {
      regionCode: 'IQ-NI',
      indicatorId: 'tip.slave-markets',
      period: '2016-07',
      value: 1,
      confidence: 'high',
      sourceCitation: 'A later monitoring report',
      enteredBy: 'test',
      enteredAt: '2026-01-01T00:00:00Z',
    });
    const after = await server.request(path, { headers: { 'if-none-match': etag } });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(etag);
  });
});
