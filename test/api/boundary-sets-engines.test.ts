import type { Polygon } from 'geojson';
import { asc } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { bundledAdmin1, generateBoundarySet, type GeneratedBoundarySet } from '../../bench/generate-boundaries.ts';
import { signedInOnBothEngines } from '../helpers/engine-apps.ts';
import { tileAt } from '../helpers/areas.ts';
import {
  type Engine,
  ENGINES,
  expectSameScores,
  sameOnEngines,
  seededOnBothEngines,
  storedScores,
  whileAuditRefuses,
} from '../helpers/engines.ts';

// POST /api/boundary-sets on both engines: the same files uploaded to one app per engine over the same
// data (the seeded database, and its copy in a private PostgreSQL whose app has a closed SQLite
// handle, so a handler still reading SQLite fails there): the same reports, the same stored sets,
// regions, aliases and audit entries, the same scores, boundaries and tiles afterwards.
const both = seededOnBothEngines();
const { app, who } = signedInOnBothEngines(both, ['analyst', 'admin']);
let clean: GeneratedBoundarySet;
let flawed: GeneratedBoundarySet;
/** Per engine, the ids of the sets it stored (a new set's id ends in random characters): replaced by `SET<n>` before comparing. */
const setIds: Record<Engine, string[]> = { sqlite: [], postgres: [] };

beforeAll(() => {
  const admin1 = bundledAdmin1();
  clean = generateBoundarySet(admin1, { seed: 12, flaws: false });
  flawed = generateBoundarySet(admin1, { seed: 11 });
});

/** An engine's answer or rows without what cannot be alike: times of day, and its own set ids. */
function comparable(engine: Engine, v: unknown): unknown {
  let text = JSON.stringify(v).replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/g, 'TIME');
  setIds[engine].forEach((id, n) => (text = text.replaceAll(id, `SET${n}`)));
  return JSON.parse(text);
}

type Headers = Record<Engine, Record<string, string>> | null;
const STORE = 'licence=Test%20data%2C%20made%20up&validFrom=2016-01-01&source=Generated%20districts&name=Districts';

/** An upload on one engine as `as` (the admin; null: anonymous): status and body; a stored set's id is remembered. */
async function post(engine: Engine, query: string, body: string, as: Headers = who.admin) {
  const res = await app[engine].request(`/api/boundary-sets?${query}`, {
    method: 'POST',
    headers: { ...(as?.[engine] ?? {}), 'Content-Type': 'application/json' },
    body,
  });
  const json = (await res.json()) as { setId?: string | null };
  if (res.status === 201 && json.setId) setIds[engine].push(json.setId);
  return { status: res.status, body: comparable(engine, json) };
}

/** The same upload on both engines, the answers checked equal; the SQLite one is returned. */
const uploaded = (query: string, body: string, as: Headers = who.admin) =>
  sameOnEngines((e) => post(e, query, body, as), `upload ${query}`);

/** What an upload may write, in a stable order: the engines must hold it alike. */
async function stored(engine: Engine) {
  const { db, t } = both.engines[engine]();
  const b = t.boundarySets;
  const a = t.regionAliases;
  return comparable(engine, {
    sets: await db.select().from(b).orderBy(asc(b.level), asc(b.loadedAt), asc(b.version), asc(b.name)),
    regions: await db.select().from(t.regions).orderBy(asc(t.regions.code)),
    aliases: await db.select().from(a).orderBy(asc(a.kind), asc(a.alias), asc(a.regionCode)),
    audit: (await db.select().from(t.auditLog).orderBy(asc(t.auditLog.id)))
      .filter((r) => r.entity === 'boundary_set')
      .map(({ id: _id, ...r }) => r),
  });
}

/** The engines hold the same sets, regions, aliases, audit entries and scores, and serve the same districts. */
async function expectSameData() {
  const [a, b] = await Promise.all(ENGINES.map(stored));
  expect(b, 'stored sets, regions, aliases').toEqual(a);
  await expectSameScores(both.engines);
  const [lon, lat] = (clean.collection.features[0]!.geometry as Polygon).coordinates[0]![0]!;
  const [x, y] = tileAt(lon!, lat!, 6);
  for (const path of [
    '/api/scores?level=2',
    '/api/regions?level=2',
    '/api/boundaries/2',
    '/api/boundary-sets',
    `/api/tiles/2/6/${x}/${y}.pbf`,
  ]) {
    const answer = await sameOnEngines(async (e) => {
      const res = await app[e].request(path);
      const type = res.headers.get('Content-Type') ?? '';
      const body = type.includes('json')
        ? comparable(e, await res.json())
        : Buffer.from(await res.arrayBuffer()).toString('base64');
      return { status: res.status, body };
    }, path);
    // Before any district set is stored, level 2 has no boundaries or tiles to serve.
    if (setIds.sqlite.length > 0 || !/boundaries|tiles/.test(path)) expect(answer.status, path).toBe(200);
  }
}

const fieldsOf = (r: { body: unknown }) =>
  (r.body as { error: { fields: { field: string }[] } }).error.fields.map((f) => f.field);

describe('POST /api/boundary-sets on both engines', () => {
  it('is for admins only on both: anonymous 401, analyst 403, nothing written', async () => {
    const before = await stored('postgres');
    const file = JSON.stringify(clean.collection);
    expect((await uploaded(STORE, file, null)).status).toBe(401);
    expect((await uploaded(STORE, file, who.analyst)).status).toBe(403);
    expect(await stored('postgres')).toEqual(before);
  });

  it('answers bad files and queries alike, naming the field, and writes nothing', async () => {
    const before = await stored('postgres');
    const flaws = await uploaded('dryRun=true', JSON.stringify(flawed.collection));
    expect(flaws.status).toBe(422);
    expect((flaws.body as { error: { code: string } }).error.code).toBe('boundary_set_refused');
    expect(fieldsOf(await uploaded('validFrom=2016-01-01', JSON.stringify(clean.collection)))).toEqual(['licence']);
    const notAreas = await uploaded('dryRun=true', JSON.stringify({ type: 'FeatureCollection', features: [] }));
    expect(notAreas.status).toBeGreaterThanOrEqual(400);
    expect(notAreas.status).toBeLessThan(500);
    expect(fieldsOf(await uploaded('level=7', JSON.stringify(clean.collection)))).toEqual(['level']);
    expect(fieldsOf(await uploaded(`${STORE}&series=nowhere`, JSON.stringify(clean.collection)))).toEqual(['series']);
    expect(await stored('postgres')).toEqual(before);
    await expectSameData();
  });

  it('a dry run reports alike and writes nothing', async () => {
    const before = await stored('postgres');
    const dry = await uploaded('dryRun=true', JSON.stringify(clean.collection));
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ status: 'dry-run', problems: [] });
    expect(await stored('postgres')).toEqual(before);
  });

  it('stores a set alike (201): the same set, regions, aliases, audit entry, scores, boundaries and tiles', async () => {
    const scoresBefore = await storedScores(both.engines.postgres());
    const r = await uploaded(STORE, JSON.stringify(clean.collection));
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ status: 'stored', setId: 'SET0', problems: [] });
    await expectSameData();
    const after = (await stored('postgres')) as { regions: { code: string; boundarySet: string | null }[] };
    expect(after.regions.filter((x) => x.boundarySet === 'SET0')).toHaveLength(clean.collection.features.length);
    // The new districts inherit their regions' records: stored scores at level 2 appear.
    expect(await storedScores(both.engines.postgres())).not.toEqual(scoresBefore);
  });

  it('refuses the same codes as a new set alike (a clash), and writes nothing', async () => {
    const before = await stored('postgres');
    const r = await uploaded(STORE, JSON.stringify(clean.collection));
    expect(r.status).toBe(422);
    expect(JSON.stringify(r.body)).toContain('give series=SET0');
    expect(await stored('postgres')).toEqual(before);
  });

  it('stores a second version alike: the dropped district retired, the rest kept', async () => {
    const dropped = clean.collection.features[1]!.properties.ADM2_PCODE;
    const next = structuredClone(clean.collection);
    next.features = next.features.filter((f) => f.properties.ADM2_PCODE !== dropped);
    const series = (e: Engine) => setIds[e][0]!;
    const ask = (query: (e: Engine) => string) =>
      sameOnEngines((e) => post(e, query(e), JSON.stringify(next)), 'second version');
    const dry = await ask((e) => `dryRun=true&series=${series(e)}`);
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ version: { version: 2, retired: [dropped] } });
    const early = await ask((e) => `${STORE}&series=${series(e)}`);
    expect(early.status).toBe(400);
    expect(fieldsOf(early)).toEqual(['validFrom']);
    const r = await ask((e) => `${STORE.replace('2016-01-01', '2017-01-01')}&series=${series(e)}`);
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ status: 'stored', version: { retired: [dropped] } });
    await expectSameData();
    const after = (await stored('postgres')) as { regions: { code: string; retiredAt: string | null }[] };
    expect(after.regions.find((x) => x.code === dropped)?.retiredAt).toBe('2017-01-01');
  });

  it('keeps nothing of an upload whose audit entry is refused, on either engine', async () => {
    const one = {
      ...clean.collection,
      features: clean.collection.features.map((f) => ({
        ...f,
        properties: { ...f.properties, ADM2_PCODE: `${f.properties.ADM2_PCODE}X` },
      })),
    };
    const before = await Promise.all(ENGINES.map(stored));
    for (const engine of ENGINES)
      await whileAuditRefuses(engine, both.engines[engine](), 'boundary_set', async () => {
        const r = await post(engine, STORE.replace('2016-01-01', '2018-01-01'), JSON.stringify(one));
        expect(r.status).toBe(500);
      });
    expect(await Promise.all(ENGINES.map(stored))).toEqual(before);
    await expectSameData();
  });
});
