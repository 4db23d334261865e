import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { openDb } from '../../db/client.ts';
import { runMigrations } from '../../db/migrate.ts';
import { openPg } from '../../db/pg/client.ts';
import { copySqliteToPg } from '../../db/pg/copy.ts';
import type { Engine } from './engines.ts';

/** The database every `startApp()` of the postgres project starts from: the seeded data, copied once (test/global-postgres.ts). */
export const SEEDED_TEMPLATE = 'vigil_seeded';

/**
 * The engine the API and reliability tests run on: `postgres` in vitest's postgres project
 * (VIGIL_TEST_ENGINE=postgres, vite.config.ts), `sqlite` otherwise.
 */
export function testEngine(): Engine {
  return process.env.VIGIL_TEST_ENGINE === 'postgres' ? 'postgres' : 'sqlite';
}

/** A database of its own on the postgres project's server (test/global-postgres.ts). */
export interface TestPgDatabase {
  url: string;
  /** Drops it (every pool on it ended first). */
  drop(): Promise<void>;
}

/** The server's URL without a database, as test/global-postgres.ts provides it (vitest imported here only: bench/ imports app.ts). */
async function serverUrl(): Promise<string> {
  const { inject } = await import('vitest');
  return inject('postgresServer');
}

async function admin<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: `${await serverUrl()}postgres` });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/**
 * A fresh database on the run's PostgreSQL server: a copy of the seeded data (`CREATE DATABASE …
 * TEMPLATE`), or, with `from`, the SQLite database at that path copied in (`copySqliteToPg`, as
 * `vigil migrate-db` does), or with `from: 'empty'` nothing (a server's first start fills it).
 */
export async function freshPgDatabase(from?: string): Promise<TestPgDatabase> {
  const name = `t_${randomUUID().replaceAll('-', '')}`;
  const template = from ? 'template0' : SEEDED_TEMPLATE;
  await admin((c) => c.query(`CREATE DATABASE ${name} TEMPLATE ${template}`));
  const url = `${await serverUrl()}${name}`;
  if (from && from !== 'empty') {
    const source = openDb(from);
    runMigrations(source);
    const target = openPg(url);
    try {
      await copySqliteToPg(source, target);
    } finally {
      await target.$client.end();
      source.$client.close();
    }
  }
  return { url, drop: () => admin(async (c) => void (await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`))) };
}
