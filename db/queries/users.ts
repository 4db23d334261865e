import { and, asc, count, desc, eq, gt, isNull, lt, or, sql } from 'drizzle-orm';
import { preparedFirst, type AsyncDb, type Tables } from '../async.ts';
import type { Db } from '../client.ts';
import * as schema from '../schema/index.ts';
import type { users } from '../schema/index.ts';

export type UserRow = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;

/** A user as shown to people: everything but the password hash. */
export type PublicUser = Omit<UserRow, 'passwordHash'>;

/** The columns of a user shown to people (everything but the password hash), for any select. */
export const publicColumns = (t: Tables) => ({
  id: t.users.id,
  email: t.users.email,
  name: t.users.name,
  role: t.users.role,
  createdAt: t.users.createdAt,
  disabledAt: t.users.disabledAt,
  language: t.users.language,
});

/** The columns of a token people may see (never its hash). */
const tokenColumns = (t: Tables) => ({
  id: t.apiTokens.id,
  userId: t.apiTokens.userId,
  label: t.apiTokens.label,
  createdAt: t.apiTokens.createdAt,
  revokedAt: t.apiTokens.revokedAt,
  expiresAt: t.apiTokens.expiresAt,
  lastUsedAt: t.apiTokens.lastUsedAt,
});

export type ApiTokenRow = {
  id: number;
  userId: number;
  label: string;
  createdAt: string;
  revokedAt: string | null;
  expiresAt: string | null;
  lastUsedAt: string | null;
};

/** Emails are compared and stored lower-cased and trimmed. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

// Each query is one drizzle builder over (db, t): run with .all()/.get() by the synchronous functions,
// awaited on either engine by `usersAsync` (db/async.ts).
const insertUserQuery = (db: Db, t: Tables, row: NewUser) =>
  db
    .insert(t.users)
    .values({ ...row, email: normaliseEmail(row.email) })
    .returning(publicColumns(t));
const userByEmailQuery = (db: Db, t: Tables, email: string) =>
  db
    .select()
    .from(t.users)
    .where(eq(t.users.email, normaliseEmail(email)))
    .limit(1);
const listUsersQuery = (db: Db, t: Tables) => db.select(publicColumns(t)).from(t.users).orderBy(asc(t.users.email));
const insertTokenQuery = (
  db: Db,
  t: Tables,
  row: { userId: number; label: string; tokenHash: string; createdAt: string; expiresAt?: string | null },
) => db.insert(t.apiTokens).values(row).returning(tokenColumns(t));

/** Inserts an account; returns it without its hash. The caller hashes the password. */
export function insertUser(db: Db, row: NewUser): PublicUser {
  return insertUserQuery(db, schema, row).get()!;
}

/** The account with this email (hash included, for login), or undefined. */
export function findUserByEmail(db: Db, email: string): UserRow | undefined {
  return userByEmailQuery(db, schema, email).get();
}

/** Every account without hashes, by email. */
export function listUsers(db: Db): PublicUser[] {
  return listUsersQuery(db, schema).all();
}

/** Stores a new API token (its hash only); returns the row without the hash. */
export function insertApiToken(
  db: Db,
  row: { userId: number; label: string; tokenHash: string; createdAt: string; expiresAt?: string | null },
): ApiTokenRow {
  return insertTokenQuery(db, schema, row).get()!;
}

/**
 * The owner of a token with this hash that is neither revoked nor expired at `now`, if the owner's
 * account is enabled; with the token's id and last-used time. It runs on every Bearer request, so it
 * is prepared once per database handle ({@link preparedFirst}).
 */
const tokenOwner = preparedFirst('vigil_token_owner', (db, t) =>
  db
    .select({ tokenId: t.apiTokens.id, lastUsedAt: t.apiTokens.lastUsedAt, user: publicColumns(t) })
    .from(t.apiTokens)
    .innerJoin(t.users, eq(t.users.id, t.apiTokens.userId))
    .where(
      and(
        eq(t.apiTokens.tokenHash, sql.placeholder('tokenHash')),
        isNull(t.apiTokens.revokedAt),
        or(isNull(t.apiTokens.expiresAt), gt(t.apiTokens.expiresAt, sql.placeholder('now'))),
        isNull(t.users.disabledAt),
      ),
    ),
);

/** Accounts and API tokens, on either engine (db/async.ts). */
export const usersAsync = {
  /** Number of accounts (disabled included). */
  count: async (a: AsyncDb): Promise<number> => (await a.db.select({ n: count() }).from(a.t.users))[0]?.n ?? 0,
  /** Number of admins who are not disabled: the last one may not be demoted or disabled. */
  countActiveAdmins: async (a: AsyncDb): Promise<number> => {
    const { db, t } = a;
    const [row] = await db
      .select({ n: count() })
      .from(t.users)
      .where(and(eq(t.users.role, 'admin'), isNull(t.users.disabledAt)));
    return row?.n ?? 0;
  },
  /** Inserts an account; returns it without its hash. The caller hashes the password. */
  insert: async (a: AsyncDb, row: NewUser): Promise<PublicUser> => (await insertUserQuery(a.db, a.t, row))[0]!,
  /** The account with this email (hash included, for sign-in), or undefined. */
  findByEmail: async (a: AsyncDb, email: string): Promise<UserRow | undefined> =>
    (await userByEmailQuery(a.db, a.t, email))[0],
  /** One account without its hash, or undefined. */
  get: async (a: AsyncDb, id: number): Promise<PublicUser | undefined> =>
    (await a.db.select(publicColumns(a.t)).from(a.t.users).where(eq(a.t.users.id, id)))[0],
  /** Every account without hashes, by email. */
  list: (a: AsyncDb): Promise<PublicUser[]> => listUsersQuery(a.db, a.t),
  /** Changes an account's name, role, password hash, disabled mark or language; returns it after the change. */
  update: async (
    a: AsyncDb,
    id: number,
    patch: Partial<Pick<UserRow, 'name' | 'role' | 'passwordHash' | 'disabledAt' | 'language'>>,
  ): Promise<PublicUser | undefined> =>
    (await a.db.update(a.t.users).set(patch).where(eq(a.t.users.id, id)).returning(publicColumns(a.t)))[0],
};

/** API tokens, on either engine: only a token's hash is stored. */
export const tokensAsync = {
  /** Stores a new API token (its hash only); returns the row without the hash. */
  insert: async (
    a: AsyncDb,
    row: { userId: number; label: string; tokenHash: string; createdAt: string; expiresAt?: string | null },
  ): Promise<ApiTokenRow> => (await insertTokenQuery(a.db, a.t, row))[0]!,
  /** The enabled owner of an unrevoked, unexpired token with this hash, with the token's id and last use. */
  owner: (
    a: AsyncDb,
    tokenHash: string,
    now: string,
  ): Promise<{ tokenId: number; lastUsedAt: string | null; user: PublicUser } | undefined> =>
    tokenOwner(a, { tokenHash, now }),
  /** Records that a token was used at `at`, unless a use at or after `since` is recorded already. */
  touch: async (a: AsyncDb, id: number, at: string, since: string): Promise<void> => {
    const { db, t } = a;
    await db
      .update(t.apiTokens)
      .set({ lastUsedAt: at })
      .where(and(eq(t.apiTokens.id, id), or(isNull(t.apiTokens.lastUsedAt), lt(t.apiTokens.lastUsedAt, since))));
  },
  /** A user's tokens (revoked ones too, newest first), without hashes. */
  list: (a: AsyncDb, userId: number): Promise<ApiTokenRow[]> =>
    a.db
      .select(tokenColumns(a.t))
      .from(a.t.apiTokens)
      .where(eq(a.t.apiTokens.userId, userId))
      .orderBy(desc(a.t.apiTokens.id)),
  /** One token without its hash, or undefined. */
  get: async (a: AsyncDb, id: number): Promise<ApiTokenRow | undefined> =>
    (await a.db.select(tokenColumns(a.t)).from(a.t.apiTokens).where(eq(a.t.apiTokens.id, id)))[0],
  /** Marks a token revoked (once; revoking again keeps the first time). Returns true if it changed. */
  revoke: async (a: AsyncDb, id: number, at: string): Promise<boolean> => {
    const { db, t } = a;
    const changed = await db
      .update(t.apiTokens)
      .set({ revokedAt: at })
      .where(and(eq(t.apiTokens.id, id), isNull(t.apiTokens.revokedAt)))
      .returning({ id: t.apiTokens.id });
    return changed.length > 0;
  },
  /** Revokes every unrevoked token of a user (disabled account, new password); returns their ids. */
  revokeOfUser: async (a: AsyncDb, userId: number, at: string): Promise<number[]> => {
    const { db, t } = a;
    const changed = await db
      .update(t.apiTokens)
      .set({ revokedAt: at })
      .where(and(eq(t.apiTokens.userId, userId), isNull(t.apiTokens.revokedAt)))
      .returning({ id: t.apiTokens.id });
    return changed.map((r) => r.id);
  },
};
