import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { asc } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { updateBundledAndRescore } from '../../api/services/catalogue/bundled.ts';
import { recomputeAll } from '../../api/services/scores/recompute.ts';
import { UCDP_SEED_SETTING } from '../../api/services/ucdp/bundled-sample.ts';
import { pgAsync, sqliteAsync, type AsyncDb } from '../../db/async.ts';
import { openDb, type Connection } from '../../db/client.ts';
import { runMigrations } from '../../db/migrate.ts';
import { openPg, type PgConnection } from '../../db/pg/client.ts';
import { copySqliteToPg } from '../../db/pg/copy.ts';
import { insertObservations } from '../../db/queries/observations.ts';
import { setSetting } from '../../db/queries/settings.ts';
import { bundledSteps, updateBundledCatalogue } from '../../db/seed/catalogue.ts';
import { SEED_ACTOR, seedDefaults } from '../../db/seed/index.ts';
import { CATALOGUE_VERSION } from '../../indicators/index.ts';
import { startPostgres, type TestPostgres } from '../helpers/postgres.ts';
import { spawnServer } from '../reliability/processes.ts';

// A later start on PostgreSQL brings the catalogue up to the bundled one, as a start on SQLite does:
// a database an earlier release left (its one bundled catalogue version, observations on ids the next
// version renumbers) is copied into a private PostgreSQL and brought up there, and the same database
// is brought up on SQLite; both must then hold the same versions, indicators, observations, audit
// entries and stored scores.
const dir = mkdtempSync(join(tmpdir(), 'vigil-catalogue-upgrade-pg-'));
const oldPath = join(dir, 'old.db');
const AT = '2026-12-05T08:00:00.000Z';
let postgres: TestPostgres;
const pools: PgConnection[] = [];

/** A copy of the old database, opened. */
function oldCopy(name: string): Connection {
  const path = join(dir, `${name}.db`);
  copyFileSync(oldPath, path);
  const db = openDb(path);
  runMigrations(db);
  return db;
}

/** A new database on the PostgreSQL server holding the old database's data. */
async function oldOnPg(name: string): Promise<{ url: string; data: AsyncDb }> {
  const url = await postgres.createDatabase(name);
  const pool = openPg(url);
  pools.push(pool);
  const source = oldCopy(`source-${name}`);
  try {
    await copySqliteToPg(source, pool);
  } finally {
    source.$client.close();
  }
  return { url, data: pgAsync(pool) };
}

beforeAll(async () => {
  const db = openDb(oldPath);
  runMigrations(db);
  seedDefaults(db, '2026-11-24T08:00:00.000Z', bundledSteps().slice(0, 1));
  setSetting(db, UCDP_SEED_SETTING, 'skipped: test of an old database');
  const entered = {
    confidence: 'high' as const,
    enteredBy: 'analyst@example.org',
    enteredAt: '2026-11-25T08:00:00.000Z',
  };
  insertObservations(db, [
    {
      ...entered,
      regionCode: 'IQ-NI',
      indicatorId: 'afac.8.x-serious-violence',
      period: '2014-06',
      value: 4,
      sourceCitation: 'Feed A',
    },
    {
      ...entered,
      regionCode: 'NG-BO',
      indicatorId: 'afac.8.x-serious-violence',
      period: '2014-08',
      value: 3,
      sourceCitation: 'Feed A',
    },
    {
      ...entered,
      regionCode: 'NG-BO',
      indicatorId: 'afac.8.x-attacks-on-leaders',
      period: '2014-08',
      value: 2,
      sourceCitation: 'Feed A',
    },
    {
      ...entered,
      regionCode: 'SY-RA',
      indicatorId: 'afac.8.x-incitement',
      period: '2016-07',
      value: 2,
      sourceCitation: 'Feed A',
    },
  ]);
  recomputeAll(db);
  db.$client.pragma('wal_checkpoint(TRUNCATE)');
  db.$client.close();
  postgres = await startPostgres();
}, 180_000);
afterAll(async () => {
  for (const p of pools) await p.$client.end();
  await postgres?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** What bringing the catalogue up may write, in key order. */
async function stored(a: AsyncDb) {
  const { db, t } = a;
  const s = t.scores;
  return {
    versions: await db.select().from(t.catalogueVersions).orderBy(asc(t.catalogueVersions.id)),
    indicators: await db.select().from(t.indicators).orderBy(asc(t.indicators.id)),
    groups: await db.select().from(t.indicatorGroups).orderBy(asc(t.indicatorGroups.id)),
    observations: await db.select().from(t.observations).orderBy(asc(t.observations.id)),
    audit: (await db.select().from(t.auditLog).orderBy(asc(t.auditLog.id))).map(({ id: _id, ...r }) => r),
    scores: await db
      .select()
      .from(s)
      .orderBy(asc(s.scenario), asc(s.lens), asc(s.period), asc(s.level), asc(s.regionCode)),
  };
}

describe('a later start on PostgreSQL and the bundled catalogue', () => {
  it('saves the newer bundled version as SQLite does: the same rows, carried observations, audit entry and scores; once', async () => {
    const { data } = await oldOnPg('later_start');
    const sqlite = oldCopy('reference');
    try {
      const before = await stored(data);
      expect(before.versions.map((v) => [v.id, v.isCurrent])).toEqual([['2026.1', true]]);
      const expected = updateBundledCatalogue(sqlite, SEED_ACTOR, AT);
      expect(expected).toMatchObject({ applied: [CATALOGUE_VERSION], from: '2026.1', carried: 3, kept: null });
      recomputeAll(sqlite);

      const { update, recomputed } = await updateBundledAndRescore(data, AT);
      expect(update).toEqual(expected);
      expect(recomputed).toBeGreaterThan(0);
      const [want, got] = [await stored(sqliteAsync(sqlite)), await stored(data)];
      expect(got.versions).toEqual(want.versions);
      expect(got.indicators).toEqual(want.indicators);
      expect(got.groups).toEqual(want.groups);
      expect(got.observations).toEqual(want.observations);
      expect(got.observations.length).toBe(before.observations.length + 3);
      expect(got.audit).toEqual(want.audit);
      expect(got.audit.at(-1)).toMatchObject({ actor: SEED_ACTOR, action: 'upgrade', entityId: CATALOGUE_VERSION });
      expect(got.scores.length).toBe(want.scores.length);
      expect(got.scores).toEqual(want.scores);
      expect(got.scores).not.toEqual(before.scores);

      const again = await updateBundledAndRescore(data, '2026-12-06T08:00:00.000Z');
      expect(again).toEqual({
        update: { applied: [], from: CATALOGUE_VERSION, carried: 0, kept: null },
        recomputed: null,
      });
      expect(await stored(data)).toEqual(got);
    } finally {
      sqlite.$client.close();
    }
  });

  it('leaves a catalogue an admin imported in force there too, and says why', async () => {
    const { data } = await oldOnPg('imported');
    await data.db.update(data.t.catalogueVersions).set({ source: 'afac-official.csv', loadedBy: 'admin@example.org' });
    const before = await stored(data);
    const { update, recomputed } = await updateBundledAndRescore(data, AT);
    expect(update.applied).toEqual([]);
    expect(update.kept).toMatch(
      /was not applied: the version in force, 2026\.1, was imported from 'afac-official\.csv'/,
    );
    expect(recomputed).toBeNull();
    expect(await stored(data)).toEqual(before);
  });

  it('a server started on it logs the upgrade the first time, serves the new version, and changes nothing the second time', async () => {
    const { url } = await oldOnPg('served');
    const local = join(dir, 'server-local.db');
    const first = await spawnServer(local, { VIGIL_DATABASE_URL: url });
    try {
      expect(first.output()).toContain('already holds data');
      expect(first.output()).toContain(
        `Brought the indicator catalogue from 2026.1 up to the bundled ${CATALOGUE_VERSION} (3 observations carried over to renumbered indicators)`,
      );
      const versions = (await (await fetch(`${first.url}/api/catalogue/versions`)).json()) as {
        id: string;
        isCurrent: boolean;
      }[];
      expect(versions.map((v) => [v.id, v.isCurrent])).toEqual([
        [CATALOGUE_VERSION, true],
        ['2026.1', false],
      ]);
    } finally {
      await first.stop();
    }
    const second = await spawnServer(local, { VIGIL_DATABASE_URL: url });
    try {
      expect(second.output()).toContain('already holds data');
      expect(second.output()).not.toContain('indicator catalogue');
    } finally {
      await second.stop();
    }
  }, 120_000);
});
