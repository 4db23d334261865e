import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { fileURLToPath } from 'node:url';
import type { Connection } from './client.ts';
import { backfillSourceKeys } from './queries/observations.ts';

const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

/**
 * Applies every pending migration in `db/migrations` inside one transaction, then the data steps a
 * schema change needs and SQL alone cannot do (source keys derived from citations by the model's
 * own normalisation).
 */
export function runMigrations(db: Connection): void {
  migrate(db, { migrationsFolder });
  backfillSourceKeys(db);
}
