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
import { pgAsync, sqliteAsync, type AsyncDb } from '../db/async.ts';
import { openPg, runPgMigrations } from '../db/pg/client.ts';
import { describeDatabase } from '../db/pg/url.ts';
import { regionsAsync } from '../db/queries/regions.ts';

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

/**
 * A command's PostgreSQL database (`url` from {@link databaseUrlOption}): a pool, migrated, refused
 * while it holds no Vigil data (the server's first start copies the bundled data into an empty
 * database only, so a command must not start one half-filled). `close` ends the pool.
 */
export async function openPgData(url: string): Promise<{ data: AsyncDb; where: string; close: () => Promise<void> }> {
  const pg = openPg(url);
  const where = `PostgreSQL ${describeDatabase(url)}`;
  try {
    await runPgMigrations(pg);
    const data = pgAsync(pg);
    if ((await regionsAsync.levels(data)).length === 0)
      throw new UsageError(
        `${where} holds no Vigil data yet: start the server on it once first (its first start copies the bundled data into an empty database only), with VIGIL_BOOTSTRAP_ADMIN_EMAIL and VIGIL_BOOTSTRAP_ADMIN_PASSWORD for the first admin`,
      );
    return { data, where, close: () => pg.$client.end() };
  } catch (e) {
    await pg.$client.end();
    throw e;
  }
}

/**
 * A data command's database: PostgreSQL with `--database-url` or VIGIL_DATABASE_URL
 * ({@link openPgData}), else the SQLite file `VIGIL_DB` ({@link openCliDb}); `where` names it for
 * the command's messages, `close` closes it.
 */
export async function openCliData(
  args: ParsedArgs,
  env: Record<string, string | undefined>,
): Promise<{ data: AsyncDb; where: string; close: () => Promise<void> }> {
  const url = databaseUrlOption(args, env);
  if (url !== undefined) return openPgData(url);
  const { db, path } = openCliDb(env);
  return { data: sqliteAsync(db), where: path, close: async () => void db.$client.close() };
}
