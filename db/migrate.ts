import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { fileURLToPath } from 'node:url';
import type { Connection } from './client.ts';
import { UCDP_CANDIDATE, UCDP_GED, UCDP_SOURCE_KEY } from '../indicators/index.ts';
import { backfillSourceKeys, rekeyFeedRows } from './queries/observations.ts';
import { getSetting, setSetting } from './queries/settings.ts';

/** Set once UCDP rows written before feeds had source keys carry `feed:ucdp`. */
const REKEYED = 'migrated.feed-ucdp-key';

const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

/**
 * Applies every pending migration in `db/migrations` inside one transaction, then the data steps a
 * schema change needs and SQL alone cannot do (source keys derived from citations by the model's
 * own normalisation; UCDP rows written before feeds had keys re-keyed `feed:ucdp`).
 */
export function runMigrations(db: Connection): void {
  migrate(db, { migrationsFolder });
  backfillSourceKeys(db);
  if (!getSetting(db, REKEYED)) {
    rekeyFeedRows(db, UCDP_SOURCE_KEY, [UCDP_GED.citation, UCDP_CANDIDATE.citation]);
    setSetting(db, REKEYED, new Date().toISOString());
  }
}
