import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { ROLES } from '../../indicators/index.ts';

/** People who sign in. Passwords are stored as scrypt hashes only. */
export const users = sqliteTable('users', {
  id: integer().primaryKey({ autoIncrement: true }),
  email: text().notNull().unique(),
  name: text().notNull(),
  role: text({ enum: ROLES }).notNull(),
  passwordHash: text(),
  createdAt: text().notNull(),
  disabledAt: text(),
  /** The dashboard's language chosen by the account (`en`, `fr`, `ar`); null: not chosen, the browser's is used. */
  language: text(),
});

/** Browser sessions (cookie holds the random id; only its hash is stored). */
export const sessions = sqliteTable('sessions', {
  idHash: text().primaryKey(),
  userId: integer().notNull(),
  csrfToken: text().notNull(),
  createdAt: text().notNull(),
  expiresAt: text().notNull(),
});

/** API tokens for scripts: shown once, stored hashed, revocable; revoked too when the owner's password changes. */
export const apiTokens = sqliteTable('api_tokens', {
  id: integer().primaryKey({ autoIncrement: true }),
  userId: integer().notNull(),
  label: text().notNull(),
  tokenHash: text().notNull().unique(),
  createdAt: text().notNull(),
  revokedAt: text(),
  /** When the token stops working, if its owner chose an expiry. */
  expiresAt: text(),
  /** The last request it answered successfully, to the minute (written at most once a minute). */
  lastUsedAt: text(),
});

/** Regions a person follows month by month (the monitoring page's watchlist), kept with their account. */
export const watchlist = sqliteTable(
  'watchlist',
  {
    userId: integer().notNull(),
    regionCode: text().notNull(),
    addedAt: text().notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.regionCode] })],
);

/**
 * Areas of interest a person saved to reopen (the area page): a drawn polygon or a list of regions,
 * with the month range and lens they were profiled over. Kept with the account, like the watchlist.
 */
export const savedAreas = sqliteTable(
  'saved_areas',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    userId: integer().notNull(),
    name: text().notNull(),
    /** What `POST /api/areas/profile` is sent for it: `{ geometry }` or `{ regions }`, and `level` (JSON). */
    area: text({ mode: 'json' }).notNull(),
    /** First and last month (YYYY-MM); null for "the latest twelve months" at the time it is opened. */
    fromPeriod: text(),
    toPeriod: text(),
    lens: text().notNull(),
    createdAt: text().notNull(),
  },
  (t) => [index('saved_areas_user').on(t.userId)],
);

/**
 * Fixed-window counters of the rate limits (sign-in attempts and the like), kept in the database so
 * that every API process on it counts against the same limit. A row is one window of one key; it is
 * not data: writes here do not move PostgreSQL's data version (db/pg/migrations, `data-version`).
 */
export const rateLimits = sqliteTable('rate_limits', {
  /** The limit and what it counts, e.g. `sign-in-account:203.0.113.9|a@example.org`. */
  key: text().primaryKey(),
  /** Attempts counted in the window (may pass the limit: attempts over it are refused). */
  count: integer().notNull(),
  /** When the window ends (ISO-8601): the next attempt after it starts a new one. */
  resetsAt: text().notNull(),
});

/** Append-only record of every write: who, when, what, and the rows before and after. */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    at: text().notNull(),
    actor: text().notNull(),
    action: text().notNull(),
    entity: text().notNull(),
    entityId: text(),
    before: text({ mode: 'json' }),
    after: text({ mode: 'json' }),
    batchId: integer(),
  },
  (t) => [index('audit_log_at').on(t.at)],
);
