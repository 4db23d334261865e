import type { AsyncDb } from '../../../db/async.ts';
import { auditAsync } from '../../../db/queries/audit.ts';
import { sessionsAsync } from '../../../db/queries/sessions.ts';
import { tokensAsync, usersAsync, type PublicUser } from '../../../db/queries/users.ts';
import { withWriteLock } from '../../../db/write-lock.ts';
import type { Role } from '../../../indicators/index.ts';
import { ApiError, badRequest } from '../../errors.ts';
import { hashPassword, passwordProblem, verifyPassword } from './password.ts';

/** A new account as an admin (or the CLI) asks for it. */
export interface NewAccount {
  email: string;
  name?: string;
  role: Role;
  password: string;
}

/** What an admin may change on an account. */
export interface AccountChange {
  name?: string;
  role?: Role;
  disabled?: boolean;
  password?: string;
}

/**
 * Creates an account with a scrypt-hashed password and records it in the audit log (never the hash).
 * Throws a 400 for a weak password and a 409 when the email is taken. Account changes hold the write
 * lock `accounts` (db/write-lock.ts), so that two processes cannot both take an email or both demote
 * one of the last two admins.
 */
export async function createAccount(data: AsyncDb, input: NewAccount, actor: string, at: string): Promise<PublicUser> {
  const problem = passwordProblem(input.password, input.email);
  if (problem) throw badRequest([{ field: 'password', message: problem }]);
  if (await usersAsync.findByEmail(data, input.email))
    throw new ApiError(409, 'conflict', `An account for ${input.email.trim().toLowerCase()} already exists`);
  const passwordHash = await hashPassword(input.password);
  return withWriteLock(data, 'accounts', async (tx) => {
    if (await usersAsync.findByEmail(tx, input.email))
      throw new ApiError(409, 'conflict', `An account for ${input.email.trim().toLowerCase()} already exists`);
    const user = await usersAsync.insert(tx, {
      email: input.email,
      name: input.name?.trim() || input.email.trim(),
      role: input.role,
      passwordHash,
      createdAt: at,
    });
    await auditAsync.append(tx, {
      at,
      actor,
      action: 'create',
      entity: 'user',
      entityId: String(user.id),
      before: null,
      after: user,
    });
    return user;
  });
}

/**
 * Changes an account's name, role, password or disabled state, with its audit entry. A new password
 * must pass the policy ({@link passwordProblem}) and differ from the current one (400). Demoting or
 * disabling the last enabled admin is refused (409) so that nobody is locked out. A new role, a new
 * password or disabling ends the account's sessions (but `keepSession`, the one a person changing their
 * own password is using); a new password or disabling also revokes its API tokens (a stolen token must
 * not outlive the password it was made with).
 */
export async function changeAccount(
  data: AsyncDb,
  id: number,
  change: AccountChange,
  actor: string,
  at: string,
  opts: { keepSession?: string } = {},
): Promise<PublicUser> {
  if (change.password !== undefined) {
    const current = await usersAsync.get(data, id);
    const problem = passwordProblem(change.password, current?.email);
    if (problem) throw badRequest([{ field: 'password', message: problem }]);
    const hash = current && (await usersAsync.findByEmail(data, current.email))?.passwordHash;
    if (hash && (await verifyPassword(change.password, hash)))
      throw badRequest([{ field: 'password', message: 'must differ from the current password' }]);
  }
  const passwordHash = change.password === undefined ? undefined : await hashPassword(change.password);
  return withWriteLock(data, 'accounts', async (tx) => {
    const before = await usersAsync.get(tx, id);
    if (!before) throw new ApiError(404, 'not_found', `User ${id} not found`);
    const losesAdmin =
      before.role === 'admin' &&
      !before.disabledAt &&
      ((change.role !== undefined && change.role !== 'admin') || change.disabled === true);
    if (losesAdmin && (await usersAsync.countActiveAdmins(tx)) <= 1)
      throw new ApiError(409, 'last_admin', 'This is the last enabled admin; make another admin first');
    const disabledAt = change.disabled === undefined ? undefined : change.disabled ? (before.disabledAt ?? at) : null;
    const after = (await usersAsync.update(tx, id, {
      name: change.name?.trim() || undefined,
      role: change.role,
      passwordHash,
      disabledAt,
    }))!;
    if (after.role !== before.role || passwordHash !== undefined || (after.disabledAt && !before.disabledAt))
      await sessionsAsync.deleteOfUser(tx, id, opts.keepSession);
    if ((after.disabledAt && !before.disabledAt) || passwordHash !== undefined) {
      const revoked = await tokensAsync.revokeOfUser(tx, id, at);
      if (revoked.length)
        await auditAsync.append(tx, {
          at,
          actor,
          action: 'revoke',
          entity: 'api_token',
          entityId: revoked.join(','),
          before: null,
          after: { revokedAt: at, tokens: revoked, because: passwordHash ? 'new password' : 'account disabled' },
        });
    }
    await auditAsync.append(tx, {
      at,
      actor,
      action: passwordHash ? 'update-with-password' : 'update',
      entity: 'user',
      entityId: String(id),
      before,
      after,
    });
    return after;
  });
}

/**
 * A signed-in person changes their own password: the current one must be given (a 400 on `current`
 * otherwise, after the same scrypt work). Their other sessions end and their API tokens are revoked;
 * the session in use stays.
 */
export async function changeOwnPassword(
  data: AsyncDb,
  user: PublicUser,
  input: { current: string; password: string },
  at: string,
  sessionIdHash: string,
): Promise<PublicUser> {
  const stored = await usersAsync.findByEmail(data, user.email);
  if (!stored || !(await verifyPassword(input.current, stored.passwordHash)))
    throw badRequest([{ field: 'current', message: 'is not your current password' }]);
  return changeAccount(data, user.id, { password: input.password }, user.email, at, { keepSession: sessionIdHash });
}
