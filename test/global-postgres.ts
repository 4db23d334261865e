import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openPg } from '../db/pg/client.ts';
import { copySqliteToPg } from '../db/pg/copy.ts';
import { startPostgres } from './helpers/postgres.ts';
import { SEEDED_TEMPLATE } from './helpers/test-engine.ts';
import { openSeededCopy } from './helpers/seeded-db.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /**
     * The postgres project's server (`postgres://postgres@127.0.0.1:<port>/`, no database named):
     * its database `vigil_seeded` holds the seeded data, the template each test app's database is made from.
     */
    postgresServer: string;
  }
}

/**
 * The postgres project's one PostgreSQL server (test/helpers/postgres.ts: initdb into a temp folder,
 * a random port), started once for the whole run instead of once per test file; the seeded data are
 * copied into it once (`copySqliteToPg`, about the time of one file's copy), and each test app takes
 * its own database made from that one with `CREATE DATABASE … TEMPLATE` (a file copy inside the
 * server: fast). The server is stopped, its folder deleted, when the run ends.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await startPostgres();
  const url = await server.createDatabase(SEEDED_TEMPLATE);
  const seeded = openSeededCopy();
  const target = openPg(url);
  try {
    await copySqliteToPg(seeded.db, target);
  } finally {
    await target.$client.end();
    seeded.close();
  }
  // No connection may stay on a template: nothing but CREATE DATABASE reads it from now on.
  const admin = new pg.Client({ connectionString: url.replace(/[^/]+$/, 'postgres') });
  await admin.connect();
  await admin.query(`ALTER DATABASE ${SEEDED_TEMPLATE} WITH IS_TEMPLATE true ALLOW_CONNECTIONS false`);
  await admin.end();
  project.provide('postgresServer', url.replace(/[^/]+$/, ''));
  return () => server.stop();
}
