import { and, asc, count, desc, eq, gt, isNull, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { apiTokens, users } from '../schema/index.ts';

export type UserRow = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;

/** A user as shown to people: everything but the password hash. */
export type PublicUser = Omit<UserRow, 'passwordHash'>;

const publicColumns = {
  id: users.id,
  email: users.email,
  name: users.name,
  role: users.role,
  createdAt: users.createdAt,
  disabledAt: users.disabledAt,
  language: users.language,
};

/** Emails are compared and stored lower-cased and trimmed. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Number of accounts (disabled included). */
export function countUsers(db: Db): number {
  return db.select({ n: count() }).from(users).get()?.n ?? 0;
}

/** Number of admins who are not disabled: the last one may not be demoted or disabled. */
export function countActiveAdmins(db: Db): number {
  return (
    db
      .select({ n: count() })
      .from(users)
      .where(and(eq(users.role, 'admin'), isNull(users.disabledAt)))
      .get()?.n ?? 0
  );
}

/** Inserts an account; returns it without its hash. The caller hashes the password. */
export function insertUser(db: Db, row: NewUser): PublicUser {
  return db
    .insert(users)
    .values({ ...row, email: normaliseEmail(row.email) })
    .returning(publicColumns)
    .get();
}

/** The account with this email (hash included, for login), or undefined. */
export function findUserByEmail(db: Db, email: string): UserRow | undefined {
  return db
    .select()
    .from(users)
    .where(eq(users.email, normaliseEmail(email)))
    .get();
}

/** One account without its hash, or undefined. */
export function getUser(db: Db, id: number): PublicUser | undefined {
  return db.select(publicColumns).from(users).where(eq(users.id, id)).get();
}

/** Every account without hashes, by email. */
export function listUsers(db: Db): PublicUser[] {
  return db.select(publicColumns).from(users).orderBy(asc(users.email)).all();
}

/** Changes an account's name, role, password hash, disabled mark or language; returns it after the change. */
export function updateUser(
  db: Db,
  id: number,
  patch: Partial<Pick<UserRow, 'name' | 'role' | 'passwordHash' | 'disabledAt' | 'language'>>,
): PublicUser | undefined {
  return db.update(users).set(patch).where(eq(users.id, id)).returning(publicColumns).get();
}

/** The columns of a token people may see (never its hash). */
const tokenColumns = {
  id: apiTokens.id,
  userId: apiTokens.userId,
  label: apiTokens.label,
  createdAt: apiTokens.createdAt,
  revokedAt: apiTokens.revokedAt,
  expiresAt: apiTokens.expiresAt,
  lastUsedAt: apiTokens.lastUsedAt,
};

/** Stores a new API token (its hash only); returns the row without the hash. */
export function insertApiToken(
  db: Db,
  row: { userId: number; label: string; tokenHash: string; createdAt: string; expiresAt?: string | null },
) {
  return db.insert(apiTokens).values(row).returning(tokenColumns).get();
}

/** The token look-up of {@link findUserByTokenHash}, prepared once per connection (it runs on every Bearer request). */
function tokenOwnerQuery(db: Db) {
  return db
    .select({ tokenId: apiTokens.id, lastUsedAt: apiTokens.lastUsedAt, user: publicColumns })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(
      and(
        eq(apiTokens.tokenHash, sql.placeholder('tokenHash')),
        isNull(apiTokens.revokedAt),
        or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, sql.placeholder('now'))),
        isNull(users.disabledAt),
      ),
    )
    .prepare();
}
const tokenOwnerQueries = new WeakMap<Db, ReturnType<typeof tokenOwnerQuery>>();

/**
 * The owner of a token with this hash that is neither revoked nor expired at `now`, if the owner's
 * account is enabled; with the token's id and last-used time.
 */
export function findUserByTokenHash(
  db: Db,
  tokenHash: string,
  now: string,
): { tokenId: number; lastUsedAt: string | null; user: PublicUser } | undefined {
  let query = tokenOwnerQueries.get(db);
  if (!query) tokenOwnerQueries.set(db, (query = tokenOwnerQuery(db)));
  return query.get({ tokenHash, now });
}

/** Records that a token was used at `at`, unless a use at or after `since` is recorded already. */
export function touchApiToken(db: Db, id: number, at: string, since: string): void {
  db.update(apiTokens)
    .set({ lastUsedAt: at })
    .where(and(eq(apiTokens.id, id), or(isNull(apiTokens.lastUsedAt), lt(apiTokens.lastUsedAt, since))))
    .run();
}

/** A user's tokens (revoked ones too, newest first), without hashes. */
export function listApiTokens(db: Db, userId: number) {
  return db.select(tokenColumns).from(apiTokens).where(eq(apiTokens.userId, userId)).orderBy(desc(apiTokens.id)).all();
}

/** One token without its hash, or undefined. */
export function getApiToken(db: Db, id: number) {
  return db.select(tokenColumns).from(apiTokens).where(eq(apiTokens.id, id)).get();
}

/** Marks a token revoked (once; revoking again keeps the first time). Returns true if it changed. */
export function revokeApiToken(db: Db, id: number, at: string): boolean {
  return (
    db
      .update(apiTokens)
      .set({ revokedAt: at })
      .where(and(eq(apiTokens.id, id), isNull(apiTokens.revokedAt)))
      .run().changes > 0
  );
}

/** Revokes every unrevoked token of a user (disabled account, new password); returns their ids. */
export function revokeUserTokens(db: Db, userId: number, at: string): number[] {
  return db
    .update(apiTokens)
    .set({ revokedAt: at })
    .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id })
    .all()
    .map((r) => r.id);
}
