import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { ApiError } from '../errors.ts';

/** Fixed-window counters in memory (one process; a shared store is needed once several processes serve). */
export class RateLimiter {
  private readonly hits = new Map<string, { count: number; resetAt: number }>();

  constructor(
    readonly max: number,
    readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one attempt for `key`; returns the seconds to wait when the limit is already reached, else 0. */
  hit(key: string): number {
    const t = this.now();
    if (this.hits.size > 10_000) for (const [k, v] of this.hits) if (v.resetAt <= t) this.hits.delete(k);
    const entry = this.hits.get(key);
    if (!entry || entry.resetAt <= t) {
      this.hits.set(key, { count: 1, resetAt: t + this.windowMs });
      return 0;
    }
    if (entry.count >= this.max) return Math.ceil((entry.resetAt - t) / 1000);
    entry.count++;
    return 0;
  }

  /** Forgets `key` (after a successful sign-in). */
  reset(key: string): void {
    this.hits.delete(key);
  }
}

/**
 * Limits requests per key (e.g. client address and email): over the limit, a 429 with Retry-After,
 * before the handler runs. A key of null is not limited.
 */
export function rateLimit(limiter: RateLimiter, key: (c: Context) => string | null | Promise<string | null>) {
  return createMiddleware(async (c, next) => {
    const k = await key(c);
    const wait = k === null ? 0 : limiter.hit(k);
    if (wait > 0) {
      c.header('Retry-After', String(wait));
      throw new ApiError(429, 'rate_limited', `Too many attempts; try again in ${wait} s`);
    }
    await next();
  });
}
