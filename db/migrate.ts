import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { fileURLToPath } from 'node:url';
import type { Connection } from './client.ts';

const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

/** Applies every pending migration in `db/migrations` inside one transaction. */
export function runMigrations(db: Connection): void {
  migrate(db, { migrationsFolder });
}
