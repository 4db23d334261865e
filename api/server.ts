import { serve } from '@hono/node-server';
import type { Server } from 'node:http';
import { readFileSync } from 'node:fs';
import { pgAsync, sqliteAsync } from '../db/async.ts';
import { openDb } from '../db/client.ts';
import { runMigrations } from '../db/migrate.ts';
import { startOnPg } from '../db/pg/start.ts';
import { describeDatabase, maskPassword } from '../db/pg/url.ts';
import { seedDefaults } from '../db/seed/index.ts';
import { catalogueUpdateNote } from '../db/seed/catalogue.ts';
import { countScores } from '../db/queries/scores.ts';
import { createApp } from './app.ts';
import { EnvError, parseEnv } from './env.ts';
import { startBackups } from './services/backup/scheduler.ts';
import { formatEvery } from './services/backup/status.ts';
import { sqliteEngine } from '../db/backup/sqlite-engine.ts';
import { pgEngine } from '../db/backup/pg-engine.ts';
import { recomputeAll, scoresOutdated } from './services/scores/recompute.ts';
import { bootstrapAdmin } from './services/auth/bootstrap.ts';
import { updateBundledAndRescore } from './services/catalogue/bundled.ts';
import { setScryptCost } from './services/auth/password.ts';
import { securityFromEnv } from './services/auth/config.ts';
import { seedUcdpSample } from './services/ucdp/bundled-sample.ts';
import { setJobChildren } from '../db/child-job.ts';

const env = (() => {
  try {
    return parseEnv(process.env);
  } catch (e) {
    if (!(e instanceof EnvError)) throw e;
    console.error(`Vigil did not start. ${e.message}`);
    process.exit(1);
  }
})();
setScryptCost(env.VIGIL_SCRYPT_COST);
if (env.VIGIL_JOB_CHILDREN) setJobChildren(env.VIGIL_JOB_CHILDREN);
const version = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string })
  .version;
const t0 = performance.now();
const db = openDb(env.VIGIL_DB);
runMigrations(db);

/** Brings the SQLite file up to date: seeded, scored, the bundled UCDP sample on the first start. */
async function prepareSqlite() {
  const seeded = seedDefaults(db);
  const catalogueNote = catalogueUpdateNote(seeded.catalogueUpdate);
  if (catalogueNote) console.log(catalogueNote);
  if (seeded.observations > 0 || seeded.catalogue || countScores(db) === 0 || scoresOutdated(db)) recomputeAll(db);
  const ucdp = await seedUcdpSample(db).catch((e: unknown) => {
    console.error(
      `The bundled UCDP GED sample was not loaded (${e instanceof Error ? e.message : String(e)}); the next start tries again.`,
    );
  });
  if (ucdp?.status === 'loaded')
    console.log(
      `Loaded the bundled UCDP GED sample (CC BY 4.0): ${ucdp.observations} observations in ${ucdp.regions} regions, import batch ${ucdp.batchId}`,
    );
}

/** On PostgreSQL: the pool, migrated, holding the bundled data (copied from the SQLite file on its first start). */
async function openPostgres(url: string) {
  const where = describeDatabase(url);
  try {
    const { pg, outcome } = await startOnPg(url, async () => {
      console.log(
        `PostgreSQL ${where} holds no data yet: preparing the bundled data in ${env.VIGIL_DB}, then copying it`,
      );
      await prepareSqlite();
      return db;
    });
    if (outcome.kind === 'copied')
      console.log(
        `Copied ${env.VIGIL_DB} into PostgreSQL ${where}: ${outcome.copies.length} tables, ${outcome.rows.toLocaleString('en')} rows, each read back and compared (count and checksum), in ${outcome.ms} ms`,
      );
    else {
      console.log(`PostgreSQL ${where} already holds data (${outcome.regions} regions): nothing copied`);
      // A later start: a newer bundled catalogue is applied there, as a start on SQLite applies it to the file.
      const { update } = await updateBundledAndRescore(pgAsync(pg));
      const catalogueNote = catalogueUpdateNote(update);
      if (catalogueNote) console.log(catalogueNote);
    }
    return { pg, where: `PostgreSQL ${where}` };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    console.error(`Vigil did not start. VIGIL_DATABASE_URL: PostgreSQL ${where}: ${maskPassword(url, message)}`);
    process.exit(1);
  }
}

const postgres = env.VIGIL_DATABASE_URL ? await openPostgres(env.VIGIL_DATABASE_URL) : undefined;
if (!postgres) await prepareSqlite();
const data = postgres ? pgAsync(postgres.pg) : sqliteAsync(db);
const admin = await bootstrapAdmin(
  data,
  env.VIGIL_BOOTSTRAP_ADMIN_EMAIL,
  env.VIGIL_BOOTSTRAP_ADMIN_PASSWORD,
  new Date().toISOString(),
);
if (admin) console.log(`Created the first admin account, ${admin}`);
const backups = env.VIGIL_BACKUP_DIR
  ? { dir: env.VIGIL_BACKUP_DIR, everyMs: env.VIGIL_BACKUP_EVERY, keep: env.VIGIL_BACKUP_KEEP }
  : undefined;
const app = createApp({ db, data, version, webRoot: env.VIGIL_WEB_ROOT, security: securityFromEnv(env), backups });
const scheduler =
  backups &&
  (await startBackups(
    data,
    env.VIGIL_DATABASE_URL ? pgEngine(env.VIGIL_DATABASE_URL) : sqliteEngine(env.VIGIL_DB),
    backups,
  ));
if (scheduler)
  console.log(
    `Scheduled backups every ${formatEvery(backups.everyMs)} into ${backups.dir}, keeping ${backups.keep}; the next at ${scheduler.nextAt}`,
  );

const server = serve({ fetch: app.fetch, port: env.PORT, hostname: env.HOST }, (info) => {
  const ms = Math.round(performance.now() - t0);
  console.log(
    `Vigil ${version} listening on http://localhost:${info.port} (database ${postgres?.where ?? env.VIGIL_DB}, ready in ${ms} ms)`,
  );
});
// Keep idle connections longer than clients and reverse proxies do (Node's 5 s default is shorter than
// most proxies' 60 s): otherwise a client can send its next request on a connection the server is just
// closing and get ECONNRESET, as a reliability test did on a loaded machine.
(server as Server).keepAliveTimeout = 65_000;

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    scheduler?.stop();
    server.close();
    db.$client.close();
    if (postgres) void postgres.pg.$client.end().finally(() => process.exit(0));
    else process.exit(0);
  });
}
