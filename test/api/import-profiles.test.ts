import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { and, count as countOf, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UCDP_CANDIDATE, UCDP_GED } from '../../indicators/mapping/ucdp-rules.ts';
import { createUserAndLogin, type Credentials } from '../helpers/auth.ts';
import { startApp, type TestApp } from '../helpers/app.ts';
import { importsOf } from '../helpers/imports.ts';

const SAMPLE = 'db/seed/ucdp/ged-sample.csv';
const text = readFileSync(SAMPLE, 'utf8');
const events = parse(text, { columns: true }) as Record<string, string>[];
const header = Object.keys(events[0]!);

/** CSV text of rows (quotes where needed, or everywhere). */
function stringify(rows: readonly (readonly (string | undefined)[])[], opts: { quoted?: boolean } = {}): string {
  const q = (v = '') => (opts.quoted || /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return rows.map((r) => r.map(q).join(',')).join('\n') + '\n';
}

/** The sample as users get it re-saved: each shape made from the same events. */
const SHAPES: Record<string, () => string> = {
  'UCDP CSV': () => text,
  'HDX copy (hashtag row)': () =>
    stringify([
      header,
      header.map((h) => (h === 'id' ? '#event+id' : `#x_${h.replace(/_/g, '')}`)),
      ...events.map((e) => header.map((h) => e[h])),
    ]),
  'pandas re-save (index column, 1.0)': () =>
    stringify([
      ['', ...header],
      ...events.map((e, i) => [
        String(i),
        ...header.map((h) => (['best', 'where_prec', 'type_of_violence'].includes(h) ? `${e[h]}.0` : e[h])),
      ]),
    ]),
  'other column order, quoted numbers': () =>
    stringify([[...header].reverse(), ...events.map((e) => [...header].reverse().map((h) => e[h]))], { quoted: true }),
  'older release (no iso3, best_est)': () => {
    const old = header.filter((h) => h !== 'iso3').map((h) => (h === 'best' ? 'best_est' : h));
    return stringify([old, ...events.map((e) => header.filter((h) => h !== 'iso3').map((h) => e[h]))]);
  },
  'GED API JSON pages': () => {
    const num = new Set(['best', 'where_prec', 'type_of_violence', 'latitude', 'longitude']);
    const rows = events.map((e) => Object.fromEntries(header.map((h) => [h, num.has(h) ? Number(e[h]) : e[h]])));
    const pages = [rows.slice(0, 300), rows.slice(300)].map((r, i) => ({
      TotalCount: rows.length,
      TotalPages: 2,
      CurrentPage: i,
      Result: r,
    }));
    return JSON.stringify(pages);
  },
};

let server: TestApp;
let analyst: Credentials;
beforeAll(async () => {
  server = await startApp();
  analyst = await createUserAndLogin(server, 'analyst');
});
afterAll(() => server?.close());

const post = (query: string, body: string | Uint8Array<ArrayBuffer>, type = 'text/csv') =>
  server.request(`/api/imports?${query}`, {
    method: 'POST',
    headers: { ...analyst.bearer, 'Content-Type': type },
    body,
  });
/** Text as Windows-1252/Latin-1 bytes (what a spreadsheet's "CSV" on Windows writes). */
const latin1 = (t: string) => new Uint8Array(Buffer.from(t, 'latin1'));
const count = () => importsOf(server, () => analyst).writtenAsync();
const obs = () => ({ db: server.data.db, o: server.data.t.observations });
/** How many observations of this citation are current. */
const currentOf = async (citation: string) => {
  const { db, o } = obs();
  const [row] = await db
    .select({ n: countOf() })
    .from(o)
    .where(and(eq(o.state, 'current'), eq(o.sourceCitation, citation)));
  return row!;
};

describe('GET /api/import-profiles', () => {
  it('lists each profile with its columns, source key and licence', async () => {
    const res = await server.request('/api/import-profiles', { headers: analyst.bearer });
    expect(res.status).toBe(200);
    const list = (await res.json()) as {
      name: string;
      sourceKey: string | null;
      columns: unknown[];
      licence: string;
    }[];
    expect(list.map((p) => p.name)).toEqual(expect.arrayContaining(['generic', 'ucdp-ged', 'ucdp-candidate']));
    expect(list.find((p) => p.name === 'ucdp-ged')).toMatchObject({ sourceKey: 'feed:ucdp' });
    expect(list.find((p) => p.name === 'ucdp-candidate')).toMatchObject({ sourceKey: 'feed:ucdp' });
    expect(list.every((p) => p.columns.length > 0 && p.licence)).toBe(true);
  });
});

describe('UCDP in every shape users have', () => {
  it('gives the same dry-run report whatever the shape, and counts what it drops by reason', async () => {
    const reports: Record<string, unknown> = {};
    for (const [name, make] of Object.entries(SHAPES)) {
      const body = make();
      const res = await post(
        'dryRun=true&profile=ucdp-ged',
        body,
        name.includes('JSON') ? 'application/json' : 'text/csv',
      );
      expect(res.status, name).toBe(200);
      const r = await res.json();
      expect(r.rowsRejectedCount, name).toBe(0);
      reports[name] = {
        rowsRead: r.rowsRead,
        wouldCreate: r.wouldCreate,
        dropped: r.dropped,
        profile: r.profile,
        sourceKey: r.sourceKey,
      };
    }
    const first = reports['UCDP CSV'];
    expect(first).toMatchObject({
      rowsRead: 634,
      dropped: { imprecise: 20, unplaced: 2 },
      profile: 'ucdp-ged',
      sourceKey: 'feed:ucdp',
    });
    for (const [name, r] of Object.entries(reports)) expect(r, name).toEqual(first);
  });

  it('detects the GED shape without a profile, HDX and JSON included', async () => {
    for (const name of ['HDX copy (hashtag row)', 'GED API JSON pages', 'pandas re-save (index column, 1.0)']) {
      const r = await (await post('dryRun=true', SHAPES[name]!())).json();
      expect(r.profile, name).toBe('ucdp-ged');
      expect(r.rowsRead, name).toBe(634);
    }
  });
});

describe('UCDP Candidate, then the GED release of the same months', () => {
  it('writes feed:ucdp rows; the GED import supersedes Candidate values (replaced or withdrawn) and a rollback restores them', async () => {
    // Candidate: Iraq events of 2014 with one more event, in Basra in August, which GED will not confirm.
    const iraq2014 = events.filter((e) => e.iso3 === 'IRQ' && e.date_start!.startsWith('2014'));
    const extra = {
      ...iraq2014[0]!,
      id: '999999',
      latitude: '30.51',
      longitude: '47.81',
      date_start: '2014-08-15',
      best: '40',
      where_prec: '1',
      type_of_violence: '3',
      side_a: 'IS',
    };
    const cand = stringify([header, ...[...iraq2014, extra].map((e) => header.map((h) => e[h as keyof typeof e]))]);
    const c = await post('profile=ucdp-candidate&name=candidate.csv', cand);
    expect(c.status).toBe(201);
    const cr = await c.json();
    const { db, o } = obs();
    const keys = await db
      .selectDistinct({ k: o.sourceKey, c: o.sourceCitation })
      .from(o)
      .where(eq(o.batchId, cr.batchId));
    expect(keys).toEqual([{ k: 'feed:ucdp', c: UCDP_CANDIDATE.citation }]);
    const candRows = cr.wouldCreate;
    expect(candRows).toBeGreaterThan(10);

    const ged = stringify([header, ...iraq2014.map((e) => header.map((h) => e[h]))]);
    const dry = await (await post('dryRun=true&profile=ucdp-ged&name=ged.csv', ged)).json();
    expect(dry.ucdp.candidateWithdrawn).toBeGreaterThan(0);
    expect(dry.ucdp.candidateReplaced + dry.ucdp.candidateWithdrawn).toBe(candRows);
    const g = await post('profile=ucdp-ged&name=ged.csv', ged);
    expect(g.status).toBe(201);
    const gr = await g.json();
    const currentCandidate = await currentOf(UCDP_CANDIDATE.citation);
    expect(currentCandidate.n).toBe(0);
    const withdrawn = await db
      .select({ reason: o.reason })
      .from(o)
      .where(and(eq(o.state, 'retracted'), eq(o.batchId, cr.batchId)));
    expect(withdrawn).toHaveLength(dry.ucdp.candidateWithdrawn);
    expect(withdrawn[0]!.reason).toMatch(new RegExp(`^withdrawn by import batch ${gr.batchId}: UCDP GED`));
    // Candidate after GED never replaces the final values.
    const again = await (await post('dryRun=true&profile=ucdp-candidate', cand)).json();
    expect(again.wouldSupersede).toBe(0);
    expect(again.ucdp.keptFinal).toBeGreaterThan(0);
    // Rolling the GED batch back makes every Candidate value current again.
    const rb = await server.request(`/api/imports/${gr.batchId}/rollback`, { method: 'POST', headers: analyst.bearer });
    expect(rb.status).toBe(200);
    const back = await currentOf(UCDP_CANDIDATE.citation);
    expect(back.n).toBe(candRows);
    expect(UCDP_GED.citation).not.toBe(UCDP_CANDIDATE.citation);
  });
});

describe('refusals write nothing', () => {
  const cases: [string, string, string | Uint8Array<ArrayBuffer>, RegExp][] = [
    ['header only (generic)', '', 'region,indicator,period,value,source\n', /no rows/],
    ['header only (GED)', 'profile=ucdp-ged', `${header.join(',')}\n`, /no events/],
    [
      'header only (HXL, label and hashtag rows)',
      '',
      'Region,Indicator,Month,Value,Source\n#adm1+code,#indicator+code,#date+month,#value,#meta+source\n',
      /no rows/,
    ],
    ['header then blank lines', '', 'region,indicator,period,value,source\n\n\n\r\n', /no rows/],
    [
      'repeated HXL hashtag (attributes in another order)',
      '',
      '#adm1+code+pcode,#indicator+code,#date,#value,#meta+source,#adm1 +pcode+code\nIQ-NI,afac.rf1,2016-05,2,P,IQ-BA\n',
      /appears 2 times \(columns 1, 6\)/,
    ],
    [
      'NUL byte',
      '',
      'region,indicator,period,value,source\nIQ-NI,afac.rf1,2016-05,2,Part\0ner\n',
      /NUL byte at row 2, column 5 \('source'\)/,
    ],
    [
      'repeated column',
      '',
      'region,indicator,period,value,value,source\nIQ-NI,afac.rf1,2016-05,2,3,P\n',
      /appears 2 times/,
    ],
    [
      'repeated GED column',
      'profile=ucdp-ged',
      `${header.join(',')},best\n${header.map((h) => events[0]![h]).join(',')},3\n`,
      /appears 2 times/,
    ],
    [
      'Windows-1252',
      '',
      latin1('region,indicator,period,value,source\nIQ-NI,afac.rf1,2016-05,2,Minist\xe8re\n'),
      /windows-1252/,
    ],
  ];
  for (const [name, q, body, message] of cases)
    it(`refuses ${name} with a 400 and writes nothing`, async () => {
      const before = await count();
      const res = await post(q, body);
      expect(res.status).toBe(400);
      expect(JSON.stringify(await res.json())).toMatch(message);
      expect(await count()).toBe(before);
    });

  it('refuses impossible dates and numbers beyond safe integers by row and column (422), writing nothing', async () => {
    const before = await count();
    const res = await post(
      '',
      'region,indicator,period,value,source\nIQ-NI,afac.rf1,2014-02-31,2,P\nIQ-NI,afac.8.5,2016-05,99999999999999999999,P\n',
    );
    expect(res.status).toBe(422);
    const r = (await res.json()).report;
    expect(r.rowsRejected).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ row: 2, column: 'period', reason: expect.stringMatching(/calendar date/) }),
        expect.objectContaining({ row: 3, column: 'value', reason: expect.stringMatching(/beyond/) }),
      ]),
    );
    expect(await count()).toBe(before);
  });

  it("refuses values beyond an indicator's plausible range by row and column (422), writing nothing", async () => {
    const before = await count();
    const res = await post(
      '',
      [
        'region,indicator,period,value,source',
        'IQ-NI,tip.screening-flag-rate,2016-05,12.5,P',
        'IQ-NI,tip.labour-inspection-flags,2016-05,140,P',
        'IQ-BA,tip.victims-identified,2016-05,100001,P',
        'IQ-BA,tip.victims-identified-abroad,2016-05,100000,P',
        'IQ-BA,afac.rf1,2016-05,7,P',
      ].join('\n') + '\n',
    );
    expect(res.status).toBe(422);
    const r = (await res.json()).report;
    expect(r.rowsRejected).toEqual([
      { row: 3, column: 'value', reason: expect.stringMatching(/^140 is beyond .*plausible range.*from 0 to 100\)/) },
      { row: 4, column: 'value', reason: expect.stringMatching(/^100001 is beyond .*from 0 to 100,000\)/) },
      { row: 6, column: 'value', reason: expect.stringMatching(/^7 is outside .*0 to 4/) },
    ]);
    expect(r).toMatchObject({ status: 'rejected', rowsRead: 5, rowsOk: 2, batchId: null });
    expect(await count()).toBe(before);
  });

  it('names the line of the first byte that is not UTF-8', async () => {
    const res = await post(
      '',
      latin1(
        'region,indicator,period,value,source\nIQ-NI,afac.rf1,2016-05,2,P\nIQ-NI,afac.rf1,2016-06,2,Minist\xe8re\n',
      ),
    );
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error.message).toMatch(
      /line 3, byte 96\b.*looks like Windows-1252; rerun with --encoding windows-1252/,
    );
    expect(body.error.fields).toEqual([{ field: 'encoding', message: expect.stringMatching(/not UTF-8/) }]);
  });

  it('tells UTF-16 by its byte-order mark or by its NULs, and reads it when told', async () => {
    const csv = 'region,indicator,period,value,source\nIQ-NI,afac.rf1,2009-03,2,Ministère des tests\n';
    const withBom = new Uint8Array(Buffer.from(`\uFEFF${csv}`, 'utf16le'));
    const noBom = new Uint8Array(Buffer.from(csv, 'utf16le'));
    for (const body of [withBom, noBom]) {
      const before = await count();
      const res = await post('', body);
      expect(res.status).toBe(400);
      const err = (await res.json()).error;
      expect(err.message).toMatch(/looks like UTF-16LE; rerun with --encoding utf-16le/);
      expect(err.message).not.toMatch(/NUL byte/);
      expect(err.fields[0].field).toBe('encoding');
      expect(await count()).toBe(before);
    }
    const before = await count();
    const res = await post('encoding=utf-16le', noBom);
    expect(res.status).toBe(201);
    const r = await res.json();
    expect(r).toMatchObject({ status: 'applied', rowsOk: 1 });
    expect(await count()).toBe(before + 2);
    const { db, o } = obs();
    const stored = await db.select({ c: o.sourceCitation }).from(o).where(eq(o.batchId, r.batchId));
    expect(stored).toEqual([{ c: 'Ministère des tests' }]);
    const bom = await post('dryRun=true&encoding=utf-16le', withBom);
    expect(await bom.json()).toMatchObject({ status: 'dry-run', rowsOk: 1, rowsRead: 1 });
  });

  it('refuses an encoding it does not know with a 400 naming encoding', async () => {
    const before = await count();
    const res = await post('encoding=klingon', 'region,indicator,period,value,source\nIQ-NI,afac.rf1,2016-05,2,P\n');
    expect(res.status).toBe(400);
    const fields = (await res.json()).error.fields as { field: string; message: string }[];
    expect(fields).toEqual([{ field: 'encoding', message: expect.stringMatching(/windows-1252/) }]);
    expect(await count()).toBe(before);
  });

  it('reads a Windows-1252 file when told its encoding', async () => {
    const body = latin1('region,indicator,period,value,source\nIQ-NI,afac.rf1,2016-05,2,Minist\xe8re\n');
    const r = await (await post('dryRun=true&encoding=windows-1252', body)).json();
    expect(r).toMatchObject({ status: 'dry-run', rowsOk: 1 });
  });
});

describe('UCDP rows written before feeds had source keys', () => {
  it('are re-keyed feed:ucdp once, at start-up', async () => {
    const { openDb } = await import('../../db/client.ts');
    const { runMigrations } = await import('../../db/migrate.ts');
    const { seededDbCopy } = await import('../helpers/seeded-db.ts');
    const db = openDb(seededDbCopy());
    try {
      runMigrations(db);
      const sql = db.$client;
      sql.prepare(`delete from settings where key = 'migrated.feed-ucdp-key'`).run();
      const n = sql
        .prepare(
          `insert into observations (region_code, indicator_id, period, value, confidence, source_citation, source_key, entered_by, entered_at)
           values ('IQ-NI', 'afac.rf1', '2014-06', 4, 'medium', ?, 'cite:ucdp old', 'test', '2026-01-01T00:00:00Z')`,
        )
        .run(UCDP_GED.citation).changes;
      expect(n).toBeGreaterThan(0);
      runMigrations(db);
      const keys = sql
        .prepare(`select distinct source_key as k from observations where source_citation = ?`)
        .all(UCDP_GED.citation);
      expect(keys).toEqual([{ k: 'feed:ucdp' }]);
    } finally {
      db.$client.close();
    }
  });
});
