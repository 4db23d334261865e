import type { AsyncDb } from '../../../db/async.ts';
import { auditAsync } from '../../../db/queries/audit.ts';
import { sessionsAsync } from '../../../db/queries/sessions.ts';
import { usersAsync, type PublicUser } from '../../../db/queries/users.ts';
import { inTransaction } from '../../../db/write-lock.ts';
import { verifyPassword } from './password.ts';
import { hashSecret, randomSecret } from './tokens.ts';

/** A new browser session: the id goes into the cookie (only its hash is stored), the CSRF token to the page. */
export interface NewSession {
  sessionId: string;
  csrfToken: string;
  expiresAt: string;
  user: PublicUser;
}

/**
 * Checks an email and password; on success starts a session lasting `ttlHours`. Unknown accounts,
 * disabled accounts and wrong passwords all return null after the same scrypt work, so neither the
 * answer nor its timing tells which. A successful sign-in is recorded in the audit log (failed ones are
 * not, so that anonymous callers cannot fill it; they meet the rate limit instead). The session, its
 * audit entry, the removal of expired sessions and `alsoOnSuccess` (clearing the failed attempts
 * counted against the account) are one transaction.
 */
export async function signIn(
  data: AsyncDb,
  email: string,
  password: string,
  now: Date,
  ttlHours: number,
  alsoOnSuccess?: (tx: AsyncDb) => Promise<void>,
): Promise<NewSession | null> {
  const user = await usersAsync.findByEmail(data, email);
  const ok = await verifyPassword(password, user?.passwordHash ?? null);
  if (!ok || !user || user.disabledAt) return null;
  const sessionId = randomSecret();
  const csrfToken = randomSecret();
  const at = now.toISOString();
  const expiresAt = new Date(now.getTime() + ttlHours * 3600_000).toISOString();
  await inTransaction(data, async (tx) => {
    await sessionsAsync.deleteExpired(tx, at);
    await sessionsAsync.insert(tx, {
      idHash: hashSecret(sessionId),
      userId: user.id,
      csrfToken,
      createdAt: at,
      expiresAt,
    });
    await auditAsync.append(tx, {
      at,
      actor: user.email,
      action: 'sign-in',
      entity: 'session',
      entityId: String(user.id),
      before: null,
      after: { expiresAt },
    });
    await alsoOnSuccess?.(tx);
  });
  const { passwordHash: _hash, ...publicUser } = user;
  return { sessionId, csrfToken, expiresAt, user: publicUser };
}

/** Ends a session (sign-out). */
export async function signOut(data: AsyncDb, sessionIdHash: string): Promise<void> {
  await sessionsAsync.delete(data, sessionIdHash);
}
