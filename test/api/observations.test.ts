import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadWriteContextAsync } from '../../api/services/observations/checks.ts';
import { catalogueWritesAsync } from '../../db/queries/catalogue.ts';
import { inTransaction } from '../../db/write-lock.ts';
import { defaultCatalogue } from '../../indicators/catalogue/index.ts';
import { createUserAndLogin, type Credentials } from '../helpers/auth.ts';
import { startApp, type TestApp } from '../helpers/app.ts';

let server: TestApp;
let analyst: Credentials;
let viewer: Credentials;

interface Row {
  id: number;
  regionCode: string;
  indicatorId: string;
  period: string;
  value: number;
  state: string;
  supersedes: number | null;
  supersededBy: number | null;
  reason: string | null;
  enteredBy: string;
  enteredAt: string;
}
interface Envelope {
  error: { code: string; message: string; fields?: { field: string; message: string }[] };
}

const post = (path: string, body: unknown, who: Credentials = analyst) =>
  server.request(`${path}`, {
    method: 'POST',
    headers: { ...who.bearer, 'Content-Type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
const history = async (region: string, indicator?: string): Promise<Row[]> =>
  (
    await server.request(
      `/api/observations?region=${region}&history=true${indicator ? `&indicator=${indicator}` : ''}`,
      { headers: analyst.bearer },
    )
  ).json() as Promise<Row[]>;

/** A valid observation for a region and month nobody else uses; override fields per test. */
const valid = (over: Record<string, unknown> = {}) => ({
  region: 'NG-BO',
  indicator: 'afac.rf1',
  period: '2019-04',
  value: 3,
  confidence: 'medium',
  source: { citation: 'Test situation report, section 2', url: 'https://example.org/report', locator: 'p. 4' },
  note: 'Access to the area limited since March.',
  ...over,
});

beforeAll(async () => {
  server = await startApp();
  analyst = await createUserAndLogin(server, 'analyst');
  viewer = await createUserAndLogin(server, 'viewer');
});
afterAll(() => server?.close());

describe('POST /api/observations', () => {
  it('stores a valid observation with who and when, and it shows in the history', async () => {
    const res = await post('/api/observations', valid());
    expect(res.status).toBe(201);
    const row = (await res.json()) as Row;
    expect(row).toMatchObject({
      regionCode: 'NG-BO',
      indicatorId: 'afac.rf1',
      period: '2019-04',
      value: 3,
      state: 'current',
      enteredBy: analyst.email,
    });
    expect(Date.parse(row.enteredAt)).toBeGreaterThan(Date.now() - 60_000);
    expect((await history('NG-BO', 'afac.rf1')).map((r) => r.id)).toContain(row.id);
  });

  it('moves the scores: the region is scored for the month entered', async () => {
    expect((await post('/api/observations', valid({ region: 'SS-EW', period: '2019-05', value: 4 }))).status).toBe(201);
    const series = (await (
      await server.request(`/api/regions/SS-EW/scores?lens=overall&from=2019-05&to=2019-05`)
    ).json()) as { period: string; coverage: number }[];
    expect(series.find((s) => s.period === '2019-05')?.coverage).toBeGreaterThan(0);
  });

  const rejections: [string, Record<string, unknown>, string, RegExp][] = [
    ['unknown region', { region: 'ZZ-QQ' }, 'region', /unknown region/],
    ['malformed region code', { region: 'not a code!' }, 'region', /region code/],
    ['unknown indicator', { indicator: 'afac.99.99' }, 'indicator', /unknown indicator/],
    ['severity above the scale', { value: 5 }, 'value', /0 to 4/],
    ['negative severity', { value: -1 }, 'value', /outside/],
    ['fractional severity', { value: 2.5 }, 'value', /whole numbers/],
    ['binary other than 0/1', { indicator: 'tip.listed-perpetrators', value: 2 }, 'value', /0 \(absent\) or 1/],
    ['negative count', { indicator: 'tip.victims-identified-abroad', value: -3 }, 'value', /from 0 to/],
    ['fractional count', { indicator: 'tip.victims-identified-abroad', value: 1.5 }, 'value', /whole number/],
    ['negative rate', { indicator: 'tip.screening-flag-rate', value: -0.1 }, 'value', /from 0 to/],
    [
      'rate above 100 %',
      { indicator: 'tip.screening-flag-rate', value: 100.5 },
      'value',
      /plausible range.*0 to 100\)/,
    ],
    [
      'count beyond its plausible ceiling',
      { indicator: 'tip.victims-identified-abroad', value: 100_001 },
      'value',
      /plausible range.*0 to 100,000/,
    ],
    ['value not a number', { value: 'high' }, 'value', /number/],
    ['malformed period', { period: '2019-13' }, 'period', /YYYY-MM/],
    ['period written as a date', { period: '2019-04-01' }, 'period', /YYYY-MM/],
    ['period in the future', { period: '2999-01' }, 'period', /future/],
    ['missing source', { source: undefined }, 'source', /required/],
    ['missing source citation', { source: { url: 'https://example.org' } }, 'source.citation', /required/],
    ['blank source citation', { source: { citation: '   ' } }, 'source.citation', /empty/],
    ['source link not http', { source: { citation: 'x', url: 'javascript:alert(1)' } }, 'source.url', /http/],
    ['unknown confidence', { confidence: 'certain' }, 'confidence', /low, medium, high/],
    ['note with an e-mail address', { note: 'Contact the family at someone@example.org' }, 'note', /e-mail/],
    ['note with a phone number', { note: 'Call +964 770 123 4567 for details' }, 'note', /telephone/],
    ['note with a date of birth', { note: 'Girl, date of birth 2003' }, 'note', /date of birth/],
    ['note too long', { note: 'x'.repeat(501) }, 'note', /at most 500/],
  ];
  for (const [what, over, field, message] of rejections) {
    it(`rejects ${what} with a 400 naming ${field}, and writes nothing`, async () => {
      const region = typeof over.region === 'string' && /^[A-Z]{2}-[A-Z]{2}$/.test(over.region) ? over.region : 'IQ-DA';
      const before = await history('IQ-DA');
      const res = await post(
        '/api/observations',
        valid({ region: 'IQ-DA', period: '2019-06', ...over, ...(region !== 'IQ-DA' ? { region } : {}) }),
      );
      expect(res.status).toBe(400);
      const body = (await res.json()) as Envelope;
      expect(body.error.code).toBe('invalid_request');
      const hit = body.error.fields?.find((f) => f.field === field);
      expect(hit, JSON.stringify(body.error.fields)).toBeDefined();
      expect(hit!.message).toMatch(message);
      expect(body.error.message).toContain(field);
      expect(await history('IQ-DA')).toEqual(before);
    });
  }

  it('names every bad field at once, shape and meaning together', async () => {
    const res = await post('/api/observations', {
      region: 'ZZ-QQ',
      indicator: 'afac.99.99',
      period: '2999-01',
      value: 'x',
      confidence: 'sure',
      note: 'mail me: a@b.org',
    });
    expect(res.status).toBe(400);
    const fields = ((await res.json()) as Envelope).error.fields!.map((f) => f.field).sort();
    expect(fields).toEqual(['confidence', 'indicator', 'note', 'period', 'region', 'source', 'value']);
  });

  it('rejects a body that is not JSON', async () => {
    const res = await post('/api/observations', '{not json');
    expect(res.status).toBe(400);
    expect(((await res.json()) as Envelope).error.fields?.[0]?.field).toBe('body');
  });

  it('rejects an indicator retired by a later catalogue version', async () => {
    await server.another((a) =>
      inTransaction(a, (tx) =>
        catalogueWritesAsync.save(
          tx,
          {
            ...defaultCatalogue,
            version: 'test-retire',
            indicators: defaultCatalogue.indicators.filter((i) => i.id !== 'crsv.pillage'),
          },
          'test',
          'test',
          new Date().toISOString(),
        ),
      ),
    );
    const res = await post('/api/observations', valid({ indicator: 'crsv.pillage', period: '2019-07' }));
    expect(res.status).toBe(400);
    const f = ((await res.json()) as Envelope).error.fields!.find((x) => x.field === 'indicator');
    expect(f?.message).toMatch(/retired in catalogue version test-retire/);
  });

  it('sees a region added since the last write, by this process or another (the regions are kept between writes)', async () => {
    const write = (region: string) => post('/api/observations', valid({ region, period: '2019-10' }));
    const unknown = await write('NG-ZZ');
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as Envelope).error.fields?.map((f) => f.field)).toEqual(['region']);
    const kept = (await loadWriteContextAsync(server.data, new Date())).regions;
    expect((await write('NG-BO')).status).toBe(201);
    expect((await loadWriteContextAsync(server.data, new Date())).regions, 'kept across an observation write').toBe(
      kept,
    );
    const { db, t } = server.data;
    await db.insert(t.regions).values({ code: 'NG-ZZ', name: 'Test region', level: 1, parent: 'NGA' });
    expect((await write('NG-ZZ')).status).toBe(201);
    expect((await write('NG-ZY')).status).toBe(400);
    await server.another(async (other) => {
      await other.db
        .insert(other.t.regions)
        .values({ code: 'NG-ZY', name: 'Another test region', level: 1, parent: 'NGA' });
    });
    expect((await write('NG-ZY')).status).toBe(201);
  });

  it('refuses a second current value for the same region, indicator and month (409: supersede it instead)', async () => {
    const first = (await (
      await post('/api/observations', valid({ region: 'IQ-BA', period: '2019-08' }))
    ).json()) as Row;
    const res = await post('/api/observations', valid({ region: 'IQ-BA', period: '2019-08', value: 1 }));
    expect(res.status).toBe(409);
    expect(((await res.json()) as Envelope).error.message).toContain(`/api/observations/${first.id}/supersede`);
  });

  it('requires the analyst role to write', async () => {
    const res = await post('/api/observations', valid({ period: '2019-09' }), viewer);
    expect(res.status).toBe(403);
  });
});

describe('correcting and retracting', () => {
  it('supersedes with a reason: new version current, old one kept with the reason and a link', async () => {
    const old = (await (
      await post('/api/observations', valid({ region: 'IQ-TS', period: '2018-02', value: 2 }))
    ).json()) as Row;
    const res = await post(`/api/observations/${old.id}/supersede`, {
      value: 4,
      reason: 'Second source confirms mass displacement',
    });
    expect(res.status).toBe(201);
    const next = (await res.json()) as Row;
    expect(next).toMatchObject({
      value: 4,
      state: 'current',
      supersedes: old.id,
      regionCode: 'IQ-TS',
      period: '2018-02',
      enteredBy: analyst.email,
    });
    const versions = await history('IQ-TS', 'afac.rf1');
    const prev = versions.find((v) => v.id === old.id)!;
    expect(prev).toMatchObject({
      state: 'superseded',
      supersededBy: next.id,
      reason: 'Second source confirms mass displacement',
    });
    const current = (await (
      await server.request(`/api/observations?region=IQ-TS&indicator=afac.rf1`, { headers: analyst.bearer })
    ).json()) as Row[];
    expect(current.map((r) => r.id)).toEqual([next.id]);
  });

  it('requires a reason, a value on the scale, and a current version', async () => {
    const row = (await (await post('/api/observations', valid({ region: 'IQ-TS', period: '2018-03' }))).json()) as Row;
    const noReason = await post(`/api/observations/${row.id}/supersede`, { value: 1 });
    expect(noReason.status).toBe(400);
    expect(((await noReason.json()) as Envelope).error.fields!.map((f) => f.field)).toContain('reason');
    const offScale = await post(`/api/observations/${row.id}/supersede`, { value: 9, reason: 'typo' });
    expect(offScale.status).toBe(400);
    expect(((await offScale.json()) as Envelope).error.fields!.map((f) => f.field)).toContain('value');
    expect((await post(`/api/observations/${row.id}/supersede`, { value: 1, reason: 'typo' })).status).toBe(201);
    const again = await post(`/api/observations/${row.id}/supersede`, { value: 2, reason: 'again' });
    expect(again.status).toBe(409);
    expect((await post('/api/observations/99999999/supersede', { value: 1, reason: 'x' })).status).toBe(404);
  });

  it('retracts with a reason; the row stays in the history and leaves the current set', async () => {
    const row = (await (await post('/api/observations', valid({ region: 'IQ-TS', period: '2018-04' }))).json()) as Row;
    expect((await post(`/api/observations/${row.id}/retract`, {})).status).toBe(400);
    const res = await post(`/api/observations/${row.id}/retract`, { reason: 'Source withdrawn by its author' });
    expect(res.status).toBe(200);
    expect(((await res.json()) as Row).state).toBe('retracted');
    const all = await history('IQ-TS', 'afac.rf1');
    expect(all.find((r) => r.id === row.id)).toMatchObject({
      state: 'retracted',
      reason: 'Source withdrawn by its author',
    });
    expect((await post(`/api/observations/${row.id}/retract`, { reason: 'twice' })).status).toBe(409);
  });

  it('records every write in the audit log with the actor', async () => {
    const row = (await (await post('/api/observations', valid({ region: 'IQ-TS', period: '2018-05' }))).json()) as Row;
    await post(`/api/observations/${row.id}/retract`, { reason: 'audit check' });
    const admin = await createUserAndLogin(server, 'admin');
    const audit = (await (
      await server.request(`/api/audit?entity=observation&entityId=${row.id}`, { headers: admin.bearer })
    ).json()) as { action: string; actor: string }[];
    expect(audit.map((a) => a.action).sort()).toEqual(['create', 'retract']);
    expect(audit.every((a) => a.actor === analyst.email)).toBe(true);
  });
});
