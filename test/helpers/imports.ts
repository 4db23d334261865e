import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { asc, count, eq } from 'drizzle-orm';
import type { Connection } from '../../db/client.ts';
import { withDb } from './db.ts';
import { seededDbCopy } from './seeded-db.ts';
import { testEngine } from './test-engine.ts';
import type { TestApp } from './app.ts';
import type { Credentials } from './auth.ts';

/**
 * What an import test needs against an app in process: `post(query, csv)` to `/api/imports` as
 * `who`, and `written()`, the observations plus import batches in the database, which a refused
 * import must leave as they were (`writtenAsync()`: the same count, awaited through `server.data`, on
 * either engine).
 */
export function importsOf(server: TestApp, who: () => Credentials) {
  return {
    post: (query: string, body: string) =>
      server.request(`/api/imports?${query}`, {
        method: 'POST',
        headers: { ...who().bearer, 'Content-Type': 'text/csv' },
        body,
      }),
    written: () =>
      (server.db.$client.prepare(`select count(*) as n from observations`).get() as { n: number }).n +
      (server.db.$client.prepare(`select count(*) as n from import_batches`).get() as { n: number }).n,
    writtenAsync: async () => {
      const { db, t } = server.data;
      const [[obs], [batches]] = await Promise.all([
        db.select({ n: count() }).from(t.observations),
        db.select({ n: count() }).from(t.importBatches),
      ]);
      return obs!.n + batches!.n;
    },
  };
}

/** The observations of an import batch as a test compares them, in region, month, indicator order (either engine). */
export async function batchObservations(server: TestApp, batchId: number) {
  const { db, t } = server.data;
  const o = t.observations;
  return db
    .select({
      region: o.regionCode,
      indicator: o.indicatorId,
      period: o.period,
      value: o.value,
      confidence: o.confidence,
      k: o.sourceKey,
      loc: o.sourceLocator,
    })
    .from(o)
    .where(eq(o.batchId, batchId))
    .orderBy(asc(o.regionCode), asc(o.period), asc(o.indicatorId));
}

/**
 * A SQLite file for `vigil import` to read what the app holds (the CLI's import runs on SQLite
 * only so far): the app's own file, or on PostgreSQL a copy of the same seeded data with `prepare`
 * applied (the set-up the test made through the app). `done()` deletes a copy.
 */
export function cliDatabaseOf(server: TestApp, prepare: (db: Connection) => void = () => {}) {
  if (testEngine() === 'sqlite') return { path: server.dbPath, done: () => {} };
  const path = seededDbCopy();
  withDb(path, prepare);
  return { path, done: () => rmSync(dirname(path), { recursive: true, force: true }) };
}
