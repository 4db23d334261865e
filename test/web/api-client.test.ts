import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApp } from '../../api/app.ts';
import { ApiError, csrfHeaders, unwrap } from '../../web/lib/http.ts';
import { api } from '../../web/lib/api-client.ts';
import * as account from '../../web/queries/account.ts';
import * as admin from '../../web/queries/admin.ts';
import * as alerts from '../../web/queries/alerts.ts';
import * as boundaries from '../../web/queries/boundaries.ts';
import * as catalogue from '../../web/queries/catalogue.ts';
import * as exports from '../../web/queries/exports.ts';
import * as imports from '../../web/queries/imports.ts';
import * as observations from '../../web/queries/observations.ts';
import * as regions from '../../web/queries/regions.ts';
import * as scenarios from '../../web/queries/scenarios.ts';
import * as scores from '../../web/queries/scores.ts';
import type { Connection } from '../../db/client.ts';
import { createUserAndLogin } from '../helpers/auth.ts';
import { openSeededCopy } from '../helpers/seeded-db.ts';

type Factory = (...args: unknown[]) => { queryKey: readonly unknown[] };

/** Every query factory of web/queries/, by module, called with distinct placeholder arguments. */
function allKeys(): { name: string; key: string; root: unknown }[] {
  const modules = {
    account,
    admin,
    alerts,
    boundaries,
    catalogue,
    exports,
    imports,
    observations,
    regions,
    scenarios,
    scores,
  };
  const out: { name: string; key: string; root: unknown }[] = [];
  for (const [file, mod] of Object.entries(modules)) {
    for (const [exported, value] of Object.entries(mod)) {
      if (!exported.endsWith('Queries') || typeof value !== 'object') continue;
      for (const [name, f] of Object.entries(value as Record<string, unknown>)) {
        if (typeof f !== 'function') continue;
        const args = Array.from({ length: (f as Factory).length }, (_, i) => `arg${i}`);
        const { queryKey } = (f as Factory)(...args);
        out.push({ name: `${file}.${exported}.${name}`, key: JSON.stringify(queryKey), root: queryKey[0] });
      }
    }
  }
  return out;
}

describe('query keys', () => {
  it('are unique: no two factories (two different fetches) share a key', () => {
    const keys = allKeys();
    expect(keys.length).toBeGreaterThan(20);
    const byKey = new Map<string, string[]>();
    for (const k of keys) byKey.set(k.key, [...(byKey.get(k.key) ?? []), k.name]);
    expect([...byKey.values()].filter((names) => names.length > 1)).toEqual([]);
  });

  it('are hierarchical: each starts with a resource root that a write can invalidate', () => {
    const roots = new Set(allKeys().map((k) => k.root));
    expect([...roots].sort()).toEqual(
      [
        'account',
        'admin',
        'alerts',
        'boundaries',
        'catalogue',
        'export',
        'imports',
        'observations',
        'regions',
        'scenarios',
        'scores',
      ].sort(),
    );
  });
});

describe('the web client against the API in process', () => {
  let close: () => void;
  let app: ReturnType<typeof createApp>;
  let db: Connection;
  beforeAll(() => {
    const seeded = openSeededCopy();
    close = seeded.close;
    db = seeded.db;
    app = createApp({ db, version: 'test' });
    // The dashboard's client calls fetch('/api/...'): answer it from the app, no server, no port.
    vi.stubGlobal('fetch', (input: RequestInfo | URL, init?: RequestInit) =>
      app.request(new URL(String(input), 'http://vigil.test').toString(), init),
    );
    vi.stubGlobal('document', { cookie: 'other=1; vigil_csrf=a%2Bb' });
  });
  afterAll(() => {
    vi.unstubAllGlobals();
    close();
  });

  it('reads the CSRF cookie, decoded, into the header every request sends', () => {
    expect(csrfHeaders()).toEqual({ 'X-CSRF-Token': 'a+b' });
  });

  it('returns typed bodies through the query factories', async () => {
    const periods = await scores.scoreQueries.periods().queryFn!({} as never);
    expect(periods.length).toBeGreaterThan(0);
    const period = periods.at(-1)!;
    const map = await scores.scoreQueries.map(period, 'tip', 0).queryFn!({} as never);
    expect(map).toMatchObject({ period, lens: 'tip', level: 0, scenario: 'baseline' });
    expect(map.rows.length).toBeGreaterThan(0);
    const meta = await exports.exportQueries.metadata({ period, lens: 'tip', level: 0, scenario: 'baseline' }).queryFn!(
      {} as never,
    );
    expect(meta.period).toBe(period);
    const fc = await boundaries.boundaryQueries.level(0).queryFn!({} as never);
    expect(fc.features.length).toBeGreaterThan(100);
  });

  it('asks the catalogue in the page’s language, which is part of the query key', async () => {
    const { catalogueQueries } = catalogue;
    expect(catalogueQueries.indicators('fr').queryKey).toEqual(['catalogue', 'indicators', 'fr']);
    expect(catalogueQueries.forms('ar').queryKey).not.toEqual(catalogueQueries.forms('en').queryKey);
    const en = await catalogueQueries.indicators('en').queryFn!({} as never);
    const fr = await catalogueQueries.indicators('fr').queryFn!({} as never);
    const ar = await catalogueQueries.forms('ar').queryFn!({} as never);
    const id = 'afac.7.1';
    const english = en.find((i) => i.id === id)!.label;
    const french = fr.find((i) => i.id === id)!;
    // Same ids, the label translated, the English kept beside it and the translation flagged for review.
    expect(fr.map((i) => i.id)).toEqual(en.map((i) => i.id));
    expect(french.label).not.toBe(english);
    expect(french).toMatchObject({ translation: { lang: 'fr', en: english, review: 'needs-review' } });
    expect(ar.find((f) => f.id === 'forced_labour')!.label).toMatch(/\p{Script=Arabic}/u);
  });

  it('asks alerts, explanations, export metadata and briefs in the page’s language, part of the query key', async () => {
    const month = alerts.alertQueries.month('2014-08', 'tip', 'baseline', 'ar');
    expect(month.queryKey).not.toEqual(alerts.alertQueries.month('2014-08', 'tip', 'baseline', 'en').queryKey);
    const ar = await month.queryFn!({} as never);
    expect(ar.length).toBeGreaterThan(0);
    for (const a of ar) expect(a.reason).toMatch(/\p{Script=Arabic}/u);
    const view = { region: 'IQ-NI', period: '2014-08', lens: 'tip' as const, scenario: 'baseline' };
    const fr = await exports.exportQueries.brief(view, 'fr').queryFn!({ signal: undefined } as never);
    expect(fr.metadata.title).toMatch(/^Note sur une région : /);
    const en = await exports.exportQueries.brief(view, 'en').queryFn!({ signal: undefined } as never);
    expect(en.metadata.title).toMatch(/^Region brief: /);
    const explained = await scores.scoreQueries.explain('IQ-NI', '2014-08', 'tip', 'baseline', 'fr').queryFn!(
      {} as never,
    );
    expect(explained.contributions.find((c) => c.observed)!.display).toMatch(/gravité|présent/);
  });

  it('turns the error envelope into one ApiError naming the field', async () => {
    const res = await api.scores.$get({ query: { lens: 'nope' as 'tip' } });
    const error = await unwrap(res).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 400, code: 'invalid_request' });
    expect((error as ApiError).fields.map((f) => f.field)).toContain('lens');
  });

  it('keeps the report of a rejected upload (422) on the error', async () => {
    const analyst = await createUserAndLogin({ request: (p, i) => app.request(p, i), db }, 'analyst');
    const csv = 'region,indicator,period,value,confidence,source\nIQ-NI,no.such.indicator,2017-01,1,high,Test sheet\n';
    const error = await api.imports
      .$post({ query: { dryRun: 'false' } }, { headers: analyst.bearer, init: { body: csv } })
      .then(unwrap)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 422, code: 'import_rejected' });
    expect((error as ApiError).fields[0]?.field).toBe('row 2: indicator');
    expect(imports.rejectedReport(error)).toMatchObject({ status: 'rejected', rowsRead: 1, rowsRejectedCount: 1 });
  });
});
