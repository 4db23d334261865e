import pg from 'pg';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import { fileURLToPath } from 'node:url';
import * as schema from './schema.ts';

/** An open PostgreSQL database: drizzle over a connection pool (`$client`, for raw SQL and `end()`). */
export type PgConnection = NodePgDatabase<typeof schema> & { $client: pg.Pool };

/** Opens a pool on `url` (`postgres://user:password@host:port/database`). Nothing is sent until the first query. */
export function openPg(url: string): PgConnection {
  return drizzle(new pg.Pool({ connectionString: url }), { schema, casing: 'snake_case' });
}

/**
 * Drizzle over one connection taken from a pool (`pool.connect()`): queries through it run in that
 * connection's transaction, as the copy of `vigil migrate-db` needs for its checks before commit.
 */
export function pgOnClient(client: pg.PoolClient): NodePgDatabase<typeof schema> {
  return drizzle(client, { schema, casing: 'snake_case' });
}

const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

/**
 * Applies the pending PostgreSQL migrations (`db/pg/migrations`, generated from db/pg/schema.ts) in
 * one transaction; drizzle records them in `drizzle.__drizzle_migrations`, outside Vigil's tables.
 */
export async function runPgMigrations(db: PgConnection): Promise<void> {
  await migrate(db, { migrationsFolder });
}
