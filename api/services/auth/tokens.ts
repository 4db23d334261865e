import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Prefix of API tokens, so that a leaked one is recognisable (and greppable by secret scanners). */
export const TOKEN_PREFIX = 'vigil_';

/** A fresh random secret of 32 bytes (256 bits), base64url. */
export function randomSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** A fresh API token: the prefix and 256 random bits. Shown to its owner once; only its hash is stored. */
export function newApiToken(): string {
  return `${TOKEN_PREFIX}${randomSecret()}`;
}

/**
 * SHA-256 of a random secret (session id or API token), hex. A fast hash is enough here: the secrets
 * carry 256 bits of entropy, so there is nothing to brute-force, and lookups stay cheap.
 */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** Compares two strings in constant time (for CSRF tokens). */
export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
