import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { COMMON_PASSWORDS } from './common-passwords.ts';

/**
 * scrypt cost of new hashes: by default N = 2^16 (64 MiB) and two lanes, one of the settings OWASP
 * lists for password storage. `VIGIL_SCRYPT_COST` (log2 N) may change N; tests lower it, as each
 * sign-in would otherwise cost them the production work.
 */
let params = { N: 2 ** 16, r: 8, p: 2 };
/** A hash of a random password, verified against when the account does not exist so that timing does not tell. */
let dummyHash: Promise<string> | undefined;
const KEY_LENGTH = 32;
const MIN_LENGTH = 12;
const MAX_LENGTH = 1024;

function derive(password: string, salt: Buffer, cost: { N: number; r: number; p: number }): Promise<Buffer> {
  const opts: ScryptOptions = { ...cost, maxmem: 256 * cost.N * cost.r + 16 * 1024 * 1024 };
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, KEY_LENGTH, opts, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

/**
 * Why a new password is not acceptable, or null when it is. The policy: 12 to 1024 characters, not
 * only whitespace, not one character repeated, not the account's email or the part before its `@`,
 * and not in a small bundled list of common passwords (compared lower-case). That it differs from the
 * current password is checked where the current hash is known ({@link verifyPassword}).
 */
export function passwordProblem(password: string, email?: string): string | null {
  const length = [...password].length;
  if (length < MIN_LENGTH) return `must be at least ${MIN_LENGTH} characters`;
  if (password.length > MAX_LENGTH) return `must be at most ${MAX_LENGTH} characters`;
  if (password.trim() === '') return 'must not be only spaces';
  if (new Set(password).size === 1) return 'must not be one character repeated';
  const folded = password.normalize('NFKC').trim().toLowerCase();
  const address = email?.trim().toLowerCase();
  if (address && (folded === address || folded === address.split('@')[0])) return 'must not be your email address';
  if (COMMON_PASSWORDS.has(folded)) return 'is one of the most common passwords; choose another';
  return null;
}

/**
 * Sets the scrypt cost (log2 N) of hashes made from now on, from the validated `VIGIL_SCRYPT_COST`.
 * Existing hashes carry their own parameters, so they verify whatever the cost is now.
 */
export function setScryptCost(log2N: number): void {
  if (params.N === 2 ** log2N) return;
  params = { ...params, N: 2 ** log2N };
  dummyHash = undefined;
}

/**
 * Hashes a password with scrypt and a fresh 16-byte salt. The result carries its own parameters
 * (`scrypt$N$r$p$salt$key`, base64url) so the cost can be raised later without breaking old hashes.
 */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const { N, r, p } = params;
  const key = await derive(password, salt, { N, r, p });
  return ['scrypt', N, r, p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/**
 * True when `password` matches `stored` (constant-time comparison). With `stored` null (unknown or
 * password-less account) it still spends the same work and returns false.
 */
export async function verifyPassword(password: string, stored: string | null): Promise<boolean> {
  const hash = stored ?? (await (dummyHash ??= hashPassword(randomBytes(18).toString('base64url'))));
  const [kind, n, r, p, salt, key] = hash.split('$');
  if (kind !== 'scrypt' || !n || !r || !p || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64url');
  const actual = await derive(password, Buffer.from(salt, 'base64url'), {
    N: Number(n),
    r: Number(r),
    p: Number(p),
  }).catch(() => null);
  return stored !== null && actual !== null && expected.length === actual.length && timingSafeEqual(expected, actual);
}
