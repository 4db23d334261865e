import type { Db } from '../../../db/client.ts';
import { appendAudit } from '../../../db/queries/audit.ts';
import { deleteExpiredSessions, deleteSession, insertSession } from '../../../db/queries/sessions.ts';
import { findUserByEmail, type PublicUser } from '../../../db/queries/users.ts';
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
 * not, so that anonymous callers cannot fill it; they meet the rate limit instead).
 */
export async function signIn(
  db: Db,
  email: string,
  password: string,
  now: Date,
  ttlHours: number,
): Promise<NewSession | null> {
  const user = findUserByEmail(db, email);
  const ok = await verifyPassword(password, user?.passwordHash ?? null);
  if (!ok || !user || user.disabledAt) return null;
  const sessionId = randomSecret();
  const csrfToken = randomSecret();
  const at = now.toISOString();
  const expiresAt = new Date(now.getTime() + ttlHours * 3600_000).toISOString();
  db.transaction((tx) => {
    deleteExpiredSessions(tx, at);
    insertSession(tx, { idHash: hashSecret(sessionId), userId: user.id, csrfToken, createdAt: at, expiresAt });
    appendAudit(tx, {
      at,
      actor: user.email,
      action: 'sign-in',
      entity: 'session',
      entityId: String(user.id),
      before: null,
      after: { expiresAt },
    });
  });
  const { passwordHash: _hash, ...publicUser } = user;
  return { sessionId, csrfToken, expiresAt, user: publicUser };
}

/** Ends a session (sign-out). */
export function signOut(db: Db, sessionIdHash: string): void {
  deleteSession(db, sessionIdHash);
}
