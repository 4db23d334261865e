import { sqliteAsync } from '../../db/async.ts';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type Connection } from '../../db/client.ts';
import { runMigrations } from '../../db/migrate.ts';
import { listAudit } from '../../db/queries/audit.ts';
import { diffCatalogues, listCatalogueVersions, loadCatalogue } from '../../db/queries/catalogue.ts';
import { insertObservations, listObservations } from '../../db/queries/observations.ts';
import { setSetting } from '../../db/queries/settings.ts';
import { indicators } from '../../db/schema/index.ts';
import { bundledSteps } from '../../db/seed/catalogue.ts';
import { SEED_ACTOR, seedDefaults } from '../../db/seed/index.ts';
import type { Actor } from '../../api/services/auth/actor.ts';
import { importCatalogue } from '../../api/services/catalogue/import.ts';
import { runImport } from '../../api/services/imports/run-import.ts';
import { rollbackBatch } from '../../api/services/imports/rollback.ts';
import { recomputeAll } from '../../api/services/scores/recompute.ts';
import { UCDP_SEED_SETTING } from '../../api/services/ucdp/bundled-sample.ts';
import { defaultCatalogue } from '../../indicators/catalogue/index.ts';
import type { Catalogue } from '../../indicators/types.ts';
import { seededDbCopy } from '../helpers/seeded-db.ts';
import { spawnServer } from '../reliability/processes.ts';

const dir = mkdtempSync(join(tmpdir(), 'vigil-catalogue-upgrade-'));
const oldTemplate = join(dir, 'old.db');
const frozen = JSON.parse(readFileSync('db/seed/catalogue-2026.1.json', 'utf8')) as Catalogue;
const admin: Actor = { id: null, name: 'admin@example.org', role: 'admin' };
let copies = 0;

/** A copy of the database a 2026.1 release left, opened (and closed with the test folder). */
function oldDatabase(): { path: string; db: Connection } {
  const path = join(dir, `copy-${++copies}.db`);
  copyFileSync(oldTemplate, path);
  const db = openDb(path);
  runMigrations(db);
  return { path, db };
}

const current = (db: Connection, indicatorId: string) => listObservations(db, { indicator: indicatorId, limit: 1000 });

/**
 * Builds what a 2026.1 installation holds: seeded by that release (its one bundled catalogue version),
 * with the bundled observation 2026.2 dropped, a feed import and an analyst entry on the provisional
 * risk-factor-8 ids (the bundled UCDP sample used `afac.8.x-serious-violence`), and scored.
 */
beforeAll(async () => {
  const db = openDb(oldTemplate);
  runMigrations(db);
  seedDefaults(db, '2026-11-24T08:00:00.000Z', bundledSteps().slice(0, 1));
  setSetting(db, UCDP_SEED_SETTING, 'skipped: test of an old database');
  insertObservations(db, [
    {
      regionCode: 'NG-BO',
      indicatorId: 'tip.released-captives',
      period: '2017-03',
      value: 20570,
      confidence: 'medium',
      sourceCitation: 'Report of the Secretary-General on trafficking in persons in armed conflict, S/2017/939 (2017)',
      sourceLocator: 'seed 000, line 32',
      enteredBy: SEED_ACTOR,
      enteredAt: '2026-11-24T08:00:00.000Z',
    },
    {
      regionCode: 'SY-RA',
      indicatorId: 'afac.8.x-commemorations',
      period: '2016-07',
      value: 1,
      confidence: 'low',
      sourceCitation: 'Analyst note',
      enteredBy: 'analyst@example.org',
      enteredAt: '2026-11-25T08:00:00.000Z',
    },
  ]);
  const csv = [
    'region,indicator,period,value,confidence,source',
    'IQ-NI,afac.8.x-serious-violence,2014-06,4,high,Feed A',
    'NG-BO,afac.8.x-serious-violence,2014-08,3,high,Feed A',
    'NG-BO,afac.8.x-attacks-on-leaders,2014-08,2,high,Feed A',
    'SY-RA,afac.8.x-incitement,2016-07,2,medium,Feed A',
  ].join('\n');
  const report = await runImport(sqliteAsync(db), admin, Readable.from([csv]), {
    fileName: 'feed-a.csv',
    dryRun: false,
    now: new Date('2026-11-26T08:00:00.000Z'),
  });
  expect(report.status, JSON.stringify(report.rowsRejected)).toBe('applied');
  recomputeAll(db);
  db.$client.pragma('wal_checkpoint(TRUNCATE)');
  db.$client.close();
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('start-up brings a database of an earlier release up to the bundled catalogue', () => {
  it('saves 2026.2 with its diff once, carries renumbered observations over, audits it, and does nothing the second time', () => {
    const { db } = oldDatabase();
    try {
      expect(listCatalogueVersions(db).map((v) => v.id)).toEqual(['2026.1']);
      const first = seedDefaults(db, '2026-12-05T08:00:00.000Z');
      expect(first.catalogue).toBe(true);
      expect(first.catalogueUpdate).toEqual({ applied: ['2026.2'], from: '2026.1', carried: 4, kept: null });

      const versions = listCatalogueVersions(db);
      expect(versions.map((v) => [v.id, v.isCurrent, v.source, v.loadedBy])).toEqual([
        ['2026.2', true, 'bundled', SEED_ACTOR],
        ['2026.1', false, 'bundled', SEED_ACTOR],
      ]);
      expect(versions[0]!.diff).toEqual(diffCatalogues(frozen, defaultCatalogue));
      expect(loadCatalogue(db)!.indicators).toHaveLength(defaultCatalogue.indicators.length);

      // Renumbered: one afac.8.5 row per region and month, the higher of two old ids, in the import's batch.
      const rf85 = current(db, 'afac.8.5');
      expect(rf85.map((o) => [o.regionCode, o.period, o.value, o.sourceCitation, o.enteredBy])).toEqual(
        expect.arrayContaining([
          ['IQ-NI', '2014-06', 4, 'Feed A', SEED_ACTOR],
          ['NG-BO', '2014-08', 3, 'Feed A', SEED_ACTOR],
        ]),
      );
      expect(rf85).toHaveLength(2);
      expect(current(db, 'afac.8.7').map((o) => [o.regionCode, o.value])).toEqual([['SY-RA', 2]]);
      expect(current(db, 'afac.8.11').map((o) => [o.regionCode, o.batchId, o.sourceCitation])).toEqual([
        ['SY-RA', null, 'Analyst note'],
      ]);
      for (const old of Object.keys(bundledSteps()[1]!.successors)) expect(current(db, old), old).toEqual([]);
      const merged = listObservations(db, { indicator: 'afac.8.x-attacks-on-leaders', history: true, limit: 10 });
      expect(merged).toEqual([
        expect.objectContaining({
          state: 'superseded',
          supersededBy: rf85.find((o) => o.regionCode === 'NG-BO')!.id,
          reason: 'catalogue 2026.2 renumbered afac.8.x-attacks-on-leaders as afac.8.5',
        }),
      ]);
      // Retired without a successor: the observation stays, the indicator no longer counts.
      expect(current(db, 'tip.released-captives').map((o) => o.value)).toEqual([20570]);
      const retired = db
        .select()
        .from(indicators)
        .all()
        .filter((r) => r.retiredIn === '2026.2');
      expect(retired.map((r) => r.id).sort()).toEqual(diffCatalogues(frozen, defaultCatalogue).removed);

      const audit = listAudit(db, { entity: 'catalogue_version' });
      expect(audit.map((a) => [a.actor, a.action, a.entityId])).toEqual([[SEED_ACTOR, 'upgrade', '2026.2']]);

      const rows = () => listObservations(db, { history: true, limit: 100_000 }).length;
      const before = rows();
      const second = seedDefaults(db, '2026-12-06T08:00:00.000Z');
      expect(second.catalogue).toBe(false);
      expect(second.catalogueUpdate).toEqual({ applied: [], from: '2026.2', carried: 0, kept: null });
      expect(listCatalogueVersions(db).map((v) => v.id)).toEqual(['2026.2', '2026.1']);
      expect(listAudit(db, { entity: 'catalogue_version' })).toHaveLength(1);
      expect(rows()).toBe(before);
    } finally {
      db.$client.close();
    }
  });

  it('ends with the catalogue, retired ids and version history that a new database gets', () => {
    const { db: upgraded } = oldDatabase();
    const fresh = openDb(seededDbCopy());
    try {
      seedDefaults(upgraded);
      const table = (db: Connection) =>
        db
          .select()
          .from(indicators)
          .all()
          .sort((a, b) => a.id.localeCompare(b.id));
      expect(table(upgraded)).toEqual(table(fresh));
      expect(loadCatalogue(upgraded)).toEqual(loadCatalogue(fresh));
      const history = (db: Connection) => listCatalogueVersions(db).map((v) => [v.id, v.source, v.diff]);
      expect(history(upgraded)).toEqual(history(fresh));
    } finally {
      upgraded.$client.close();
      fresh.$client.close();
    }
  });

  it('leaves a catalogue an admin imported in force, and says why', () => {
    const { db } = oldDatabase();
    try {
      const csv = 'id,label\nafac.7.1,Emergency powers that erode rights';
      const report = importCatalogue(
        db,
        { text: csv, format: 'csv', framework: 'afac' },
        { dryRun: false, source: 'afac-official.csv', actor: admin.name, at: '2026-12-01T08:00:00.000Z' },
      );
      expect(report).toMatchObject({ ok: true, version: '2026.2' });
      const before = loadCatalogue(db);
      const { catalogue, catalogueUpdate } = seedDefaults(db, '2026-12-05T08:00:00.000Z');
      expect(catalogue).toBe(false);
      expect(catalogueUpdate.applied).toEqual([]);
      expect(catalogueUpdate.kept).toMatch(
        /^The bundled indicator catalogue 2026\.2 was not applied: the version in force, 2026\.2, was imported from 'afac-official\.csv' by admin@example\.org/,
      );
      expect(loadCatalogue(db)).toEqual(before);
      expect(listCatalogueVersions(db).map((v) => [v.id, v.source])).toEqual([
        ['2026.2', 'afac-official.csv'],
        ['2026.1', 'bundled'],
      ]);
      expect(current(db, 'afac.8.x-serious-violence')).toHaveLength(2);
      expect(listAudit(db, { entity: 'catalogue_version', action: 'upgrade' })).toEqual([]);
    } finally {
      db.$client.close();
    }
  });

  it('lets the import whose rows were carried over be rolled back as a whole', async () => {
    const { db } = oldDatabase();
    try {
      seedDefaults(db);
      const batchId = current(db, 'afac.8.7')[0]!.batchId!;
      const r = await rollbackBatch(sqliteAsync(db), admin, batchId);
      expect(r.retracted).toBeGreaterThanOrEqual(3);
      expect(current(db, 'afac.8.5')).toEqual([]);
      expect(current(db, 'afac.8.7')).toEqual([]);
      expect(current(db, 'afac.8.x-serious-violence')).toEqual([]);
      expect(current(db, 'afac.8.11')).toHaveLength(1);
    } finally {
      db.$client.close();
    }
  });
});

describe('a server started on an old database', () => {
  it('upgrades the catalogue and rescores once, and only logs it the first time', async () => {
    const { path, db } = oldDatabase();
    const storedDrivers = () =>
      db.$client
        .prepare(
          `select drivers from scores where region_code = 'NG-BO' and period = '2017-03' and lens = 'tip' and scenario = 'baseline'`,
        )
        .pluck()
        .get() as string;
    expect(storedDrivers()).toContain('tip.released-captives');
    db.$client.close();

    const first = await spawnServer(path);
    try {
      expect(first.output()).toContain(
        'Brought the indicator catalogue from 2026.1 up to the bundled 2026.2 (4 observations carried over to renumbered indicators)',
      );
      const versions = (await (await fetch(`${first.url}/api/catalogue/versions`)).json()) as {
        id: string;
        isCurrent: boolean;
        diff: { from: string; removed: string[] };
      }[];
      expect(versions.map((v) => [v.id, v.isCurrent])).toEqual([
        ['2026.2', true],
        ['2026.1', false],
      ]);
      expect(versions[0]!.diff.removed).toContain('tip.released-captives');
      const explain = (await (
        await fetch(`${first.url}/api/regions/IQ-NI/explain?period=2014-06&lens=overall`)
      ).json()) as { contributions: { indicatorId: string; observed: boolean }[] };
      expect(explain.contributions.find((c) => c.indicatorId === 'afac.8.5')).toMatchObject({ observed: true });
    } finally {
      await first.stop();
    }
    const after = openDb(path);
    try {
      const drivers = after.$client
        .prepare(
          `select drivers from scores where region_code = 'NG-BO' and period = '2017-03' and lens = 'tip' and scenario = 'baseline'`,
        )
        .pluck()
        .get() as string | undefined;
      expect(drivers ?? '').not.toContain('tip.released-captives');
    } finally {
      after.$client.close();
    }

    const second = await spawnServer(path);
    try {
      expect(second.output()).not.toContain('indicator catalogue');
    } finally {
      await second.stop();
    }
  }, 120_000);
});
