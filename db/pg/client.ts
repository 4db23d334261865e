import pg from 'pg';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import { fileURLToPath } from 'node:url';
import * as schema from './schema.ts';

/** An open PostgreSQL database: drizzle over a connection pool (`$client`, for raw SQL and `end()`). */
export type PgConnection = NodePgDatabase<typeof schema> & { $client: pg.Pool };

/**
 * Opens a pool on `url` (`postgres://user:password@host:port/database`). Nothing is sent until the
 * first query.
 *
 * A connection the server closes (a restart, an administrator ending it) makes `pg` emit 'error' on
 * its client, and on the pool for an idle one; an 'error' event nobody listens to ends the process.
 * Both are listened to here, for every client from its creation (a client taken out of the pool
 * loses the pool's listener until it is returned): the query running on it, if any, fails with the
 * error and is answered 503 (`isDatabaseUnavailable`, db/pg/errors.ts), the pool drops the client and
 * opens a new connection for the next query. `onLost` is told once per outage (until a connection
 * is made again); by default a line goes to the error log.
 */
export function openPg(url: string, onLost: (err: Error) => void = logLost): PgConnection {
  const pool = new pg.Pool({ connectionString: url });
  let lost = false;
  const lose = (err: Error) => {
    if (lost) return;
    lost = true;
    onLost(err);
  };
  pool.on('connect', (client) => {
    lost = false;
    client.on('error', lose);
  });
  pool.on('error', lose);
  return drizzle(pool, { schema, casing: 'snake_case' });
}

function logLost(err: Error): void {
  console.error(
    `Lost the connection to PostgreSQL (${err.message}): requests that need the database answer 503 until it is back`,
  );
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
