import { asc, count, eq } from 'drizzle-orm';
import { SEED_ACTOR } from '../../db/seed/index.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Indicator } from '../../indicators/types.ts';
import { createUserAndLogin, type Credentials } from '../helpers/auth.ts';
import { CATALOGUE_CSV_HEADER as HEADER, csvLine } from '../helpers/catalogue-csv.ts';
import { startApp, type TestApp } from '../helpers/app.ts';

interface Diff {
  from: string | null;
  to: string;
  added: string[];
  removed: string[];
  changed: { id: string; fields: string[] }[];
}
interface Report {
  ok: boolean;
  dryRun: boolean;
  version: string | null;
  errors: { row?: number; field: string; message: string }[];
  warnings: { field: string; message: string }[];
  diff: Diff | null;
  counts: { indicators: number; byFramework: Record<string, number> } | null;
  recomputed?: number;
}
interface Version {
  id: string;
  isCurrent: boolean;
  source: string;
  loadedBy: string | null;
  diff: Diff;
}

let server: TestApp;
let admin: Credentials;
let analyst: Credentials;

const get = async <T>(path: string): Promise<T> => (await server.request(`${path}`)).json() as Promise<T>;

function post(path: string, body: string, type: string, who: Credentials | null = admin) {
  return server.request(`${path}`, {
    method: 'POST',
    headers: { 'Content-Type': type, ...(who?.bearer ?? {}) },
    body,
  });
}

/** Everything an import could change, read through the public API. */
async function catalogueState() {
  return {
    versions: await get<Version[]>('/api/catalogue/versions'),
    indicators: await get<Indicator[]>('/api/indicators'),
    groups: await get<unknown[]>('/api/indicator-groups'),
  };
}

beforeAll(async () => {
  server = await startApp({ env: { VIGIL_AUTH_ENFORCED: 'true' } });
  admin = await createUserAndLogin(server, 'admin');
  analyst = await createUserAndLogin(server, 'analyst');
});
afterAll(() => server?.close());

describe('importing a catalogue version', () => {
  it('is for admins only: anonymous 401, analyst 403', async () => {
    const csv = `${HEADER}\n`;
    expect((await post('/api/catalogue/versions?dryRun=true&framework=afac', csv, 'text/csv', null)).status).toBe(401);
    expect((await post('/api/catalogue/versions?dryRun=true&framework=afac', csv, 'text/csv', analyst)).status).toBe(
      403,
    );
  });

  it('rejects an invalid framework list with a row/field report and changes nothing', async () => {
    const before = await catalogueState();
    const csv = [
      HEADER,
      'afac.7.9,afac.rf7,Violence against women and children,Rising violence,sometimes,sexual_slavery,severity,4,heavy,6,area,UN 2014 7.9,official-number',
      'afac.7.13,afac.rf7,A new official indicator,Described,direct,not_a_form,severity,4,1,6,area,UN 2014 7.13,official-number',
      'afac.7.14,,Missing group,Described,indirect,-,severity,4,1,0,area,UN 2014 7.14,official-number',
      'osce.1,osce.human,Wrong framework,Described,none,-,severity,4,1,6,area,OSCE,paraphrase',
    ].join('\n');
    const dry = (await (
      await post('/api/catalogue/versions?dryRun=true&framework=afac', csv, 'text/csv')
    ).json()) as Report;
    expect(dry.ok).toBe(false);
    const res = await post('/api/catalogue/versions?framework=afac', csv, 'text/csv');
    expect(res.status).toBe(422);
    const body = (await res.json()) as { error: { code: string; fields: { field: string }[] }; report: Report };
    expect(body.error.code).toBe('catalogue_rejected');
    const where = body.report.errors.map((e) => `${e.row}:${e.field}`);
    expect(where).toEqual(
      expect.arrayContaining(['2:relevance', '2:weight', '3:forms', '4:group', '4:persistence_months', '5:id']),
    );
    expect(body.report.errors.find((e) => e.row === 3 && e.field === 'forms')?.message).toMatch(/not_a_form/);
    expect(body.error.fields.map((f) => f.field)).toContain('row 2: weight');
    expect(dry.errors).toEqual(body.report.errors);
    expect(await catalogueState()).toEqual(before);
  });

  it('rejects a whole catalogue (JSON) with a dangling group, naming the path, and changes nothing', async () => {
    const before = await catalogueState();
    const { snapshot } = await get<{ snapshot: { indicators: Indicator[] } }>('/api/catalogue/versions/2026.2');
    const at = snapshot.indicators.findIndex((i) => i.id === 'tip.slave-markets');
    expect(at).toBeGreaterThanOrEqual(0);
    snapshot.indicators[at] = { ...snapshot.indicators[at]!, group: 'tip.nowhere' };
    const res = await post('/api/catalogue/versions?version=2026.bad', JSON.stringify(snapshot), 'application/json');
    expect(res.status).toBe(422);
    const { report } = (await res.json()) as { report: Report };
    expect(report.errors).toEqual([
      { field: `indicators.${at}.group`, message: expect.stringMatching(/unknown group 'tip.nowhere'/) },
    ]);
    expect(await catalogueState()).toEqual(before);
  });

  it('turns a modified AFAC list into a new version with the expected diff, retiring (not deleting) what it drops, and recomputes scores', async () => {
    const afac = await get<Indicator[]>('/api/indicators?framework=afac');
    const edited = afac
      .filter((i) => i.id !== 'afac.rf1')
      .map((i) =>
        i.id === 'afac.7.9'
          ? { ...i, weight: 2.5 }
          : i.id === 'afac.7.1'
            ? { ...i, relevance: 'direct' as const, forms: ['forced_labour'] }
            : i,
      );
    const added =
      'afac.7.13,afac.rf7,Test: recruitment drives announced in camps,Announcements of recruitment drives in displacement camps,direct,child_use_armed_groups;adult_use_armed_groups,severity,4,1,6,area,Test citation,official-number';
    const csv = [HEADER, ...edited.map(csvLine), added].join('\n');

    const versionsBefore = await get<Version[]>('/api/catalogue/versions');
    const dryRes = await post('/api/catalogue/versions?dryRun=true&framework=afac', csv, 'text/csv');
    expect(dryRes.status).toBe(200);
    const dry = (await dryRes.json()) as Report;
    expect(dry.errors).toEqual([]);
    const expected = {
      from: '2026.2',
      to: '2026.3',
      added: ['afac.7.13'],
      removed: ['afac.rf1'],
      changed: [
        { id: 'afac.7.1', fields: ['relevance', 'forms'] },
        { id: 'afac.7.9', fields: ['weight'] },
      ],
    };
    expect(dry.diff).toMatchObject(expected);
    expect(dry.warnings.map((w) => w.field)).toEqual(['afac.rf1']);
    expect(await get<Version[]>('/api/catalogue/versions')).toEqual(versionsBefore);

    const res = await post('/api/catalogue/versions?framework=afac&source=test-official-list.csv', csv, 'text/csv');
    expect(res.status).toBe(201);
    const report = (await res.json()) as Report;
    expect(report).toMatchObject({ ok: true, dryRun: false, version: '2026.3', diff: expected });
    expect(report.counts?.byFramework.afac).toBe(afac.length);
    expect(report.recomputed).toBeGreaterThan(0);

    const versions = await get<Version[]>('/api/catalogue/versions');
    expect(versions.map((v) => [v.id, v.isCurrent])).toEqual([
      ['2026.3', true],
      ['2026.2', false],
      ['2026.1', false],
    ]);
    expect(versions[0]).toMatchObject({ source: 'test-official-list.csv', loadedBy: null, diff: expected });
    const signedIn = (await (
      await server.request(`/api/catalogue/versions`, { headers: admin.bearer })
    ).json()) as Version[];
    expect(signedIn[0]?.loadedBy).toBe(admin.email);
    const now = await get<Indicator[]>('/api/indicators?framework=afac');
    expect(now.map((i) => i.id)).toContain('afac.7.13');
    expect(now.map((i) => i.id)).not.toContain('afac.rf1');
    expect(now.find((i) => i.id === 'afac.7.9')?.weight).toBe(2.5);

    const { db, t } = server.data;
    const [row] = await db
      .select({ retiredIn: t.indicators.retiredIn })
      .from(t.indicators)
      .where(eq(t.indicators.id, 'afac.rf1'));
    expect(row!.retiredIn).toBe('2026.3');
    const [{ n }] = (await db
      .select({ n: count() })
      .from(t.observations)
      .where(eq(t.observations.indicatorId, 'afac.rf1'))) as [{ n: number }];
    expect(dry.warnings[0]?.message).toContain(`${n} observation`);
    expect(n).toBeGreaterThan(0);
    const audit = await db
      .select({ actor: t.auditLog.actor, action: t.auditLog.action, entityId: t.auditLog.entityId })
      .from(t.auditLog)
      .where(eq(t.auditLog.entity, 'catalogue_version'))
      .orderBy(asc(t.auditLog.id));
    expect(audit).toEqual([
      { actor: SEED_ACTOR, action: 'upgrade', entityId: '2026.2' },
      { actor: admin.email, action: 'import', entityId: '2026.3' },
    ]);
  });

  it('refuses a version label already loaded, and a file that changes nothing', async () => {
    const current = await get<{ snapshot: unknown }>('/api/catalogue/versions/2026.3');
    const same = await post(
      '/api/catalogue/versions?version=2026.4',
      JSON.stringify(current.snapshot),
      'application/json',
    );
    expect(same.status).toBe(422);
    expect(((await same.json()) as { report: Report }).report.errors[0]?.message).toMatch(/changes nothing/);
    const old = await get<{ snapshot: unknown }>('/api/catalogue/versions/2026.1');
    const taken = await post('/api/catalogue/versions', JSON.stringify(old.snapshot), 'application/json');
    expect(taken.status).toBe(422);
    expect(((await taken.json()) as { report: Report }).report.errors).toEqual([
      { field: 'version', message: expect.stringMatching(/'2026.1' is already loaded/) },
    ]);
  });

  it('restores an earlier version as a new one: the retired indicator comes back under its old id', async () => {
    const old = await get<{ snapshot: unknown }>('/api/catalogue/versions/2026.2');
    const res = await post('/api/catalogue/versions?version=2026.4', JSON.stringify(old.snapshot), 'application/json');
    expect(res.status).toBe(201);
    const report = (await res.json()) as Report;
    expect(report.diff).toMatchObject({ from: '2026.3', to: '2026.4', added: ['afac.rf1'], removed: ['afac.7.13'] });
    const ids = (await get<Indicator[]>('/api/indicators?framework=afac')).map((i) => i.id);
    expect(ids).toContain('afac.rf1');
    expect(ids).not.toContain('afac.7.13');
  });
});
