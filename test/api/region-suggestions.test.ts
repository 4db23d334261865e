import { count, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { likeness, skeleton } from '../../api/services/imports/region-matcher.ts';
import { startApp, type TestApp } from '../helpers/app.ts';
import { createUserAndLogin, type Credentials } from '../helpers/auth.ts';
import { importsOf } from '../helpers/imports.ts';

describe('name likeness for suggestions', () => {
  it('ignores accents, area words, articles and common transliteration variants, and ranks by edit distance', () => {
    expect(skeleton('Al-Anbar Governorate')).toBe(skeleton('Anbar'));
    expect(skeleton('Borno State')).toBe(skeleton('BORNO'));
    expect(skeleton('Salah ad-Din')).toBe(skeleton('Salah al Din'));
    expect(likeness('Ninewa Governorate', 'Nineveh')).toBeGreaterThan(0.6);
    expect(likeness('Ninewa', 'Nineveh')).toBeGreaterThan(likeness('Ninewa', 'Najaf'));
    expect(likeness('Basra', 'Erbil')).toBeLessThan(0.6);
    expect(likeness('', 'Erbil')).toBe(0);
  });
});

let server: TestApp;
let analyst: Credentials;
let viewer: Credentials;
beforeAll(async () => {
  server = await startApp();
  analyst = await createUserAndLogin(server, 'analyst');
  viewer = await createUserAndLogin(server, 'viewer');
});
afterAll(() => server?.close());

const csv = (region: string) =>
  `region,country,indicator,period,value,confidence,source\n${region},Iraq,afac.rf1,2016-05,2,medium,Partner situation report May 2016\n`;
type Report = {
  rowsRejectedCount: number;
  unmatchedRegions: string[];
  suggestions?: { name: string; country?: string; regions: { code: string; name: string; score: number }[] }[];
};
const dryRun = async (region: string) =>
  (await (await importsOf(server, () => analyst).post('dryRun=true', csv(region))).json()) as Report;
const teach = (who: Credentials, body: unknown) =>
  server.request('/api/region-aliases', {
    method: 'POST',
    headers: { ...who.bearer, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('region suggestions in an import report', () => {
  it('ranks the regions of the row’s country for an unmatched name; a confirmed one becomes an alias and the rerun matches', async () => {
    const written = importsOf(server, () => analyst).writtenAsync;
    const before = await written();
    const report = await dryRun('Ninewa Governorate');
    expect(report.rowsRejectedCount).toBe(1);
    expect(report.unmatchedRegions).toEqual(['Ninewa Governorate (Iraq)']);
    expect(report.suggestions).toHaveLength(1);
    const [s] = report.suggestions!;
    expect(s).toMatchObject({ name: 'Ninewa Governorate', country: 'Iraq' });
    expect(s!.regions[0]).toMatchObject({ code: 'IQ-NI', name: 'Nineveh' });
    for (const r of s!.regions) expect(r.code.startsWith('IQ-')).toBe(true);
    expect(await written()).toBe(before);

    const added = await teach(analyst, { alias: 'Ninewa Governorate', region: 'IQ-NI' });
    expect(added.status).toBe(201);
    expect(await added.json()).toEqual({ alias: 'Ninewa Governorate', kind: 'name', region: 'IQ-NI', added: true });
    const { db, t } = server.data;
    const [audit] = await db
      .select({ actor: t.auditLog.actor, after: t.auditLog.after })
      .from(t.auditLog)
      .where(eq(t.auditLog.entity, 'region_alias'))
      .orderBy(desc(t.auditLog.id))
      .limit(1);
    expect(audit!.after).toEqual({ alias: 'Ninewa Governorate', kind: 'name', region: 'IQ-NI' });
    expect((await teach(analyst, { alias: 'Ninewa Governorate', region: 'IQ-NI' })).status).toBe(200);

    const rerun = await dryRun('Ninewa Governorate');
    expect(rerun.rowsRejectedCount).toBe(0);
    expect(rerun.suggestions).toEqual([]);
  });

  it('refuses an alias that already names another region, an empty alias, an unknown region and a viewer, changing nothing', async () => {
    const aliases = async () => {
      const { db, t } = server.data;
      return (await db.select({ n: count() }).from(t.regionAliases))[0]!.n;
    };
    const before = await aliases();
    const clash = await teach(analyst, { alias: 'Basra', region: 'IQ-NI' });
    expect(clash.status).toBe(409);
    expect(((await clash.json()) as { error: { message: string } }).error.message).toMatch(/already names IQ-BA/);
    const empty = await teach(analyst, { alias: '  ', region: 'IQ-NI' });
    expect(empty.status).toBe(400);
    expect(((await empty.json()) as { error: { fields: { field: string }[] } }).error.fields[0]!.field).toBe('alias');
    expect((await teach(analyst, { alias: 'Somewhere', region: 'IQ-ZZ' })).status).toBe(404);
    expect((await teach(viewer, { alias: 'Somewhere', region: 'IQ-NI' })).status).toBe(403);
    expect(await aliases()).toBe(before);
  });
});
