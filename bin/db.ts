import { parseEnv } from '../api/env.ts';
import { openDb, type Connection } from '../db/client.ts';
import { runMigrations } from '../db/migrate.ts';
import { countScores } from '../db/queries/scores.ts';
import { seedDefaults } from '../db/seed/index.ts';
import { catalogueUpdateNote } from '../db/seed/catalogue.ts';
import { recomputeAll } from '../api/services/scores/recompute.ts';
import type { Actor } from '../api/services/auth/actor.ts';
import { userInfo } from 'node:os';
import { stringOption, UsageError, type ParsedArgs } from './args.ts';

/**
 * Opens the database the server uses (`VIGIL_DB`, parsed by api/env.ts), migrated and seeded exactly
 * as the server does on start, so that a command works on a fresh clone too.
 */
export function openCliDb(env: Record<string, string | undefined> = process.env): { db: Connection; path: string } {
  const { VIGIL_DB } = parseEnv(env);
  const db = openDb(VIGIL_DB);
  runMigrations(db);
  const seeded = seedDefaults(db);
  // Only an upgrade is worth a line here: a kept admin catalogue would be reported on every command.
  if (!seeded.catalogueUpdate.kept) {
    const note = catalogueUpdateNote(seeded.catalogueUpdate);
    if (note) console.error(note);
  }
  if (seeded.observations > 0 || seeded.catalogue || countScores(db) === 0) recomputeAll(db);
  return { db, path: VIGIL_DB };
}

/**
 * Who a command acts as in the audit trail: the operating-system user, marked as the command line.
 * Whoever can run the CLI can open the database file, so the CLI acts with full rights.
 */
export function cliActor(): Actor {
  let name = 'unknown';
  try {
    name = userInfo().username;
  } catch {
    // some containers have no passwd entry for the uid
  }
  return { id: null, name: `cli:${name}`, role: 'admin' };
}

/** The PostgreSQL database a command works on: `--database-url`, else VIGIL_DATABASE_URL; none means SQLite. */
export function databaseUrlOption(args: ParsedArgs, env: Record<string, string | undefined>): string | undefined {
  const url = stringOption(args, 'database-url') ?? (env.VIGIL_DATABASE_URL || undefined);
  if (url === undefined) return undefined;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new UsageError('--database-url is not a URL: give postgres://user:password@host:port/database');
  }
  if (u.protocol !== 'postgres:' && u.protocol !== 'postgresql:')
    throw new UsageError(`--database-url must be a postgres:// URL, not ${u.protocol}//…`);
  return url;
}
