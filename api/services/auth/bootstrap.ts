import type { AsyncDb } from '../../../db/async.ts';
import { usersAsync } from '../../../db/queries/users.ts';
import { createAccount } from './accounts.ts';

/**
 * Creates the first admin from `VIGIL_BOOTSTRAP_ADMIN_EMAIL` / `_PASSWORD` when the database has no
 * account yet (for containers and tests; `vigil users add --admin` is the usual way). Does nothing
 * once any account exists. Returns the email created, or null.
 */
export async function bootstrapAdmin(
  data: AsyncDb,
  email: string | undefined,
  password: string | undefined,
  at: string,
): Promise<string | null> {
  if (!email || !password || (await usersAsync.count(data)) > 0) return null;
  const user = await createAccount(data, { email, role: 'admin', password }, 'bootstrap', at);
  return user.email;
}
