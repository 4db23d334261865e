import { asc } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Indicator } from '../../indicators/types.ts';
import { CATALOGUE_CSV_HEADER as HEADER, csvLine } from '../helpers/catalogue-csv.ts';
import { signedInOnBothEngines } from '../helpers/engine-apps.ts';
import {
  type Engine,
  ENGINES,
  expectSameScores,
  sameOnEngines,
  seededOnBothEngines,
  storedScores,
  timeless,
  whileAuditRefuses,
} from '../helpers/engines.ts';

// POST /api/catalogue/versions on both engines: the same uploads sent to one app per engine over the
// same data (the seeded database, and its copy in a private PostgreSQL whose app has a closed SQLite
// handle, so a handler still reading SQLite fails there), the answers, the catalogue rows, the audit
// entries, the stored scores and /api/scores required to be the same afterwards.
const both = seededOnBothEngines();
const { app, who } = signedInOnBothEngines(both, ['analyst', 'admin']);

type Headers = Record<Engine, Record<string, string>> | null;

/** An upload on one engine as `as` (the admin; null: anonymous): status and body. */
async function post(engine: Engine, query: string, body: string, type: string, as: Headers = who.admin) {
  const res = await app[engine].request(`/api/catalogue/versions${query}`, {
    method: 'POST',
    headers: { ...(as?.[engine] ?? {}), 'Content-Type': type },
    body,
  });
  return { status: res.status, body: timeless(await res.json()) };
}

/** The same upload on both engines, the answers checked equal; the SQLite one is returned. */
const uploaded = (query: string, body: string, type = 'text/csv', as: Headers = who.admin) =>
  sameOnEngines((e) => post(e, query, body, type, as), `upload ${query}`);

/** What an upload may write, in key order, without times: the engines must hold it alike. */
async function stored(engine: Engine) {
  const { db, t } = both.engines[engine]();
  return timeless({
    versions: await db.select().from(t.catalogueVersions).orderBy(asc(t.catalogueVersions.id)),
    frameworks: await db.select().from(t.frameworks).orderBy(asc(t.frameworks.id)),
    groups: await db.select().from(t.indicatorGroups).orderBy(asc(t.indicatorGroups.id)),
    forms: await db.select().from(t.exploitationForms).orderBy(asc(t.exploitationForms.id)),
    indicators: await db.select().from(t.indicators).orderBy(asc(t.indicators.id)),
    audit: (await db.select().from(t.auditLog).orderBy(asc(t.auditLog.id)))
      .filter((r) => r.entity === 'catalogue_version')
      .map(({ id: _id, ...r }) => r),
  });
}

/** The engines hold the same catalogue rows and audit entries, stored scores, and answer /api/scores alike. */
async function expectSameData() {
  const [a, b] = await Promise.all(ENGINES.map(stored));
  expect(b, 'catalogue rows').toEqual(a);
  await expectSameScores(both.engines);
  for (const path of ['/api/scores', '/api/scores?level=1&lens=afac', '/api/indicators?framework=afac'])
    await sameOnEngines(async (e) => {
      const res = await app[e].request(path);
      return { status: res.status, body: await res.json() };
    }, path);
}

interface Report {
  ok: boolean;
  version: string | null;
  errors: { row?: number; field: string }[];
  warnings: { field: string; message: string }[];
  diff: { added: string[]; removed: string[]; changed: { id: string; fields: string[] }[] } | null;
  recomputed?: number;
}
const fieldsOf = (r: { body: unknown }) =>
  (r.body as { error: { fields: { field: string }[] } }).error.fields.map((f) => f.field);

/** The AFAC list as the seeded database holds it, edited: one indicator dropped, one reweighted, one rescaled, one added. */
async function editedAfac(): Promise<string> {
  const afac = (await (await app.sqlite.request('/api/indicators?framework=afac')).json()) as Indicator[];
  const edited = afac
    .filter((i) => i.id !== 'afac.rf1')
    .map((i) =>
      i.id === 'afac.7.9'
        ? { ...i, weight: 2.5 }
        : i.id === 'afac.7.12'
          ? { ...i, measurement: { kind: 'binary' as const } }
          : i,
    );
  const added =
    'afac.7.13,afac.rf7,Test: recruitment in camps,Recruitment drives announced in displacement camps,direct,child_use_armed_groups,severity,4,1,6,area,Test citation,official-number';
  return [HEADER, ...edited.map(csvLine), added].join('\n');
}

describe('POST /api/catalogue/versions on both engines', () => {
  it('is for admins only on both: anonymous 401, analyst 403, nothing written', async () => {
    const before = await stored('postgres');
    expect((await uploaded('?framework=afac', `${HEADER}\n`, 'text/csv', null)).status).toBe(401);
    expect((await uploaded('?framework=afac', `${HEADER}\n`, 'text/csv', who.analyst)).status).toBe(403);
    expect(await stored('postgres')).toEqual(before);
  });

  it('rejects bad files and queries alike, naming the field, and writes nothing', async () => {
    const before = await stored('postgres');
    const bad = await uploaded(
      '?framework=afac',
      [
        HEADER,
        'afac.7.9,afac.rf7,Violence,Rising violence,sometimes,sexual_slavery,severity,4,heavy,6,area,UN 2014 7.9,official-number',
        'afac.7.14,,Missing group,Described,indirect,-,severity,4,1,0,area,UN 2014 7.14,official-number',
      ].join('\n'),
    );
    expect(bad.status).toBe(422);
    expect(fieldsOf(bad)).toEqual(expect.arrayContaining(['row 2: relevance', 'row 2: weight', 'row 3: group']));
    const json = await uploaded('', '{"version": 3', 'application/json');
    expect(json.status).toBe(422);
    expect(fieldsOf(json)).toEqual(['file']);
    const label = await uploaded('?version=no%20spaces', '{}', 'application/json');
    expect(label.status).toBe(422);
    expect(fieldsOf(label)).toEqual(['version']);
    const mode = await uploaded('?mode=append', `${HEADER}\n`);
    expect(mode.status).toBe(400);
    expect(fieldsOf(mode)).toEqual(['mode']);
    const unknown = await uploaded('?frame=afac', `${HEADER}\n`);
    expect(unknown.status).toBe(400);
    expect(fieldsOf(unknown)).toEqual(['frame']);
    expect(await stored('postgres')).toEqual(before);
    await expectSameData();
  });

  it('plans a dry run alike, with the same diff and warnings, and writes nothing', async () => {
    const before = await stored('postgres');
    const dry = await uploaded('?dryRun=true&framework=afac', await editedAfac());
    expect(dry.status).toBe(200);
    const report = dry.body as Report;
    expect(report.errors).toEqual([]);
    expect(report.diff).toMatchObject({ added: ['afac.7.13'], removed: ['afac.rf1'] });
    expect(report.warnings.map((w) => w.field).sort()).toEqual(['afac.7.12', 'afac.rf1']);
    expect(await stored('postgres')).toEqual(before);
  });

  let version: string;
  it('saves the new version alike (201): the same rows, audit entry, rebuilt scores and /api/scores', async () => {
    const scoresBefore = await storedScores(both.engines.postgres());
    const r = await uploaded('?framework=afac&source=engines.csv', await editedAfac());
    expect(r.status).toBe(201);
    const report = r.body as Report;
    expect(report).toMatchObject({ ok: true, diff: { added: ['afac.7.13'], removed: ['afac.rf1'] } });
    expect(report.recomputed).toBeGreaterThan(0);
    version = report.version!;
    await expectSameData();
    const after = (await stored('postgres')) as {
      versions: { id: string; isCurrent: boolean; source: string; loadedBy: string | null }[];
      indicators: { id: string; retiredIn: string | null; addedIn: string; weight: number }[];
      audit: { action: string; actor: string; entityId: string }[];
    };
    expect(after.versions.filter((v) => v.isCurrent)).toEqual([
      expect.objectContaining({ id: version, source: 'engines.csv', loadedBy: 'admin@test.vigil' }),
    ]);
    const byId = new Map(after.indicators.map((i) => [i.id, i]));
    expect(byId.get('afac.rf1')?.retiredIn).toBe(version);
    expect(byId.get('afac.7.13')).toMatchObject({ addedIn: version, retiredIn: null });
    expect(byId.get('afac.7.9')?.weight).toBe(2.5);
    expect(after.audit.at(-1)).toMatchObject({ action: 'import', actor: 'admin@test.vigil', entityId: version });
    // Retiring an indicator with observations changes the rebuilt scores.
    expect(await storedScores(both.engines.postgres())).not.toEqual(scoresBefore);
  });

  it('refuses alike a label already loaded and a file that changes nothing', async () => {
    const current = (await (await app.sqlite.request(`/api/catalogue/versions/${version}`)).json()) as {
      snapshot: unknown;
    };
    const same = await uploaded('?version=again.1', JSON.stringify(current.snapshot), 'application/json');
    expect(same.status).toBe(422);
    expect(fieldsOf(same)).toEqual(['file']);
    const first = (await (await app.sqlite.request('/api/catalogue/versions')).json()) as { id: string }[];
    const old = (await (await app.sqlite.request(`/api/catalogue/versions/${first.at(-1)!.id}`)).json()) as {
      snapshot: unknown;
    };
    const taken = await uploaded('', JSON.stringify(old.snapshot), 'application/json');
    expect(taken.status).toBe(422);
    expect(fieldsOf(taken)).toEqual(['version']);
    await expectSameData();
  });

  it('restores an earlier version as a new one alike (JSON): the retired indicator comes back', async () => {
    const versions = (await (await app.sqlite.request('/api/catalogue/versions')).json()) as { id: string }[];
    const earlier = versions[1]!.id;
    const old = (await (await app.sqlite.request(`/api/catalogue/versions/${earlier}`)).json()) as {
      snapshot: unknown;
    };
    const r = await uploaded('?version=restored.1', JSON.stringify(old.snapshot), 'application/json');
    expect(r.status).toBe(201);
    expect((r.body as Report).diff).toMatchObject({ added: ['afac.rf1'], removed: ['afac.7.13'] });
    await expectSameData();
  });

  it('keeps nothing of an upload whose audit entry is refused, on either engine', async () => {
    const before = await Promise.all(ENGINES.map(stored));
    for (const engine of ENGINES)
      await whileAuditRefuses(engine, both.engines[engine](), 'catalogue_version', async () => {
        expect((await post(engine, '?framework=afac&version=refused.1', await editedAfac(), 'text/csv')).status).toBe(
          500,
        );
      });
    expect(await Promise.all(ENGINES.map(stored))).toEqual(before);
    await expectSameData();
  });
});
