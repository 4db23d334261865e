import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '../../db/client.ts';
import { listAudit } from '../../db/queries/audit.ts';
import { listImportBatches } from '../../db/queries/imports.ts';
import { listObservations } from '../../db/queries/observations.ts';
import { getSetting, setSetting } from '../../db/queries/settings.ts';
import { SEED_ACTOR } from '../../db/seed/index.ts';
import { seedUcdpSample, UCDP_SEED_SETTING } from '../../api/services/ucdp/bundled-sample.ts';
import { UCDP_CITATION } from '../../api/services/ucdp/import-ucdp.ts';
import { createUserAndLogin, type Credentials } from '../helpers/auth.ts';
import { seededDbCopy } from '../helpers/seeded-db.ts';
import { startServer, type RunningServer } from '../helpers/server.ts';

interface Obs {
  id: number;
  regionCode: string;
  indicatorId: string;
  period: string;
  sourceCitation: string;
  enteredBy: string;
  batchId: number | null;
}

describe('a fresh server loads the bundled UCDP GED sample once', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-ucdp-seed-'));
  const dbPath = join(dir, 'vigil.db');
  let server: RunningServer;
  let admin: Credentials;
  const json = async <T>(path: string): Promise<T> => {
    const res = await fetch(`${server.url}${path}`, { headers: admin.bearer });
    expect(res.status, path).toBe(200);
    return (await res.json()) as T;
  };
  const bundledUcdp = () =>
    json<Obs[]>('/api/observations?limit=5000').then((rows) => rows.filter((r) => r.sourceCitation === UCDP_CITATION));

  beforeAll(async () => {
    server = await startServer({ dbPath });
    console.log(`first start with the UCDP sample: ${Math.round(server.startupMs)} ms`);
    admin = await createUserAndLogin(server, 'admin');
  });
  afterAll(async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('has UCDP-derived observations with the UCDP citation, in one batch of the bundled-data actor', async () => {
    const rows = await bundledUcdp();
    expect(rows.length).toBeGreaterThan(200);
    expect(rows.every((r) => r.enteredBy === SEED_ACTOR && r.batchId === rows[0]!.batchId)).toBe(true);
    expect(new Set(rows.map((r) => r.indicatorId))).toEqual(
      new Set(['afac.rf1', 'osce.politico-military', 'afac.8.5']),
    );
    expect(rows.some((r) => r.regionCode === 'IQ-NI' && r.period === '2014-06' && r.indicatorId === 'afac.rf1')).toBe(
      true,
    );
    const batches =
      await json<{ id: number; format: string; createdBy: string; state: string; rowCount: number }[]>('/api/imports');
    expect(batches).toEqual([
      expect.objectContaining({
        id: rows[0]!.batchId,
        format: 'ucdp-ged',
        createdBy: SEED_ACTOR,
        state: 'applied',
        rowCount: rows.length,
      }),
    ]);
    const audit = await json<{ actor: string; action: string }[]>(
      `/api/audit?entity=import_batch&batch=${rows[0]!.batchId}`,
    );
    expect(audit).toEqual([expect.objectContaining({ actor: SEED_ACTOR, action: 'import' })]);
  });

  it('feeds them into the scores a reader sees', async () => {
    const e = await json<{ contributions: { indicatorId: string; observed: boolean; sourceCitation?: string }[] }>(
      '/api/regions/IQ-NI/explain?period=2014-06&lens=overall',
    );
    expect(e.contributions.find((c) => c.indicatorId === 'afac.rf1')).toMatchObject({
      observed: true,
      sourceCitation: UCDP_CITATION,
    });
  });

  it('credits UCDP in exports of months they inform, next to the bundled historical cases', async () => {
    const m = await json<{ dataSets: { id: string }[]; attribution: string[] }>(
      '/api/export/metadata?period=2014-08&level=1&lens=overall',
    );
    expect(m.dataSets.map((d) => d.id)).toEqual(['historical', 'ucdp']);
    expect(m.attribution).toContainEqual(expect.stringMatching(/UCDP .*CC BY 4\.0/));
    const geo = await json<{ metadata: { attribution: string[] } }>(
      '/api/export/scores.geojson?period=2014-08&level=1',
    );
    expect(geo.metadata.attribution.join(' ')).toContain('UCDP');
  });

  it('does not import them again on restart', async () => {
    const before = await bundledUcdp();
    await server.stop();
    server = await startServer({ dbPath });
    const after = await bundledUcdp();
    expect(after.map((r) => r.id)).toEqual(before.map((r) => r.id));
    expect((await json<{ format: string }[]>('/api/imports')).filter((b) => b.format === 'ucdp-ged')).toHaveLength(1);
  });
});

describe('seedUcdpSample', () => {
  /** A seeded database whose UCDP sample has not been loaded yet. */
  function unloaded() {
    const db = openDb(seededDbCopy());
    setSetting(db, UCDP_SEED_SETTING, '');
    return db;
  }
  const ucdpRows = (db: ReturnType<typeof openDb>) =>
    listObservations(db, { history: true, limit: 100_000 }).filter((r) => r.sourceCitation === UCDP_CITATION);

  it('writes nothing when the import fails part-way, and loads on the next try', async () => {
    const db = unloaded();
    try {
      // Fail inside the import's transaction after 100 observations have been inserted.
      db.$client.exec(`create temp trigger fail_ucdp before insert on observations
        when (select count(*) from observations where batch_id is not null) >= 100
        begin select raise(abort, 'injected failure'); end`);
      await expect(seedUcdpSample(db)).rejects.toThrow(/injected failure/);
      expect(ucdpRows(db)).toEqual([]);
      expect(listImportBatches(db)).toEqual([]);
      expect(listAudit(db, { action: 'import' })).toEqual([]);
      expect(getSetting(db, UCDP_SEED_SETTING)).toBe('');

      db.$client.exec('drop trigger fail_ucdp');
      const loaded = await seedUcdpSample(db);
      expect(loaded).toMatchObject({ status: 'loaded', observations: ucdpRows(db).length });
      expect(getSetting(db, UCDP_SEED_SETTING)).toMatch(/batch \d+$/);
      expect(await seedUcdpSample(db)).toMatchObject({ status: 'skipped' });
    } finally {
      db.$client.close();
    }
  });

  it('finds a committed batch whose setting was never written, and does not import it twice', async () => {
    const db = unloaded();
    try {
      await seedUcdpSample(db);
      const rows = ucdpRows(db).length;
      setSetting(db, UCDP_SEED_SETTING, '');
      expect(await seedUcdpSample(db)).toEqual({
        status: 'skipped',
        reason: expect.stringMatching(/^found as import batch \d+$/),
      });
      expect(ucdpRows(db)).toHaveLength(rows);
      expect(listImportBatches(db)).toHaveLength(1);
    } finally {
      db.$client.close();
    }
  });
});
