import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { AsyncDb } from '../../db/async.ts';
import { countAttempt, forgetAttempts, openWindow, sweepAttempts } from '../../db/queries/rate-limits.ts';
import { ApiError } from '../errors.ts';

/**
 * Fixed-window counters kept in the database (`rate_limits`), so every API process on one database
 * counts against the same limit. `name` sets the limit apart from the others in the table.
 */
export class RateLimiter {
  private sweptAt = -Infinity;

  constructor(
    readonly name: string,
    readonly max: number,
    readonly windowMs: number,
    private readonly store: AsyncDb,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one attempt for `key`; returns the seconds to wait when the limit is already reached, else 0. */
  async hit(key: string): Promise<number> {
    const now = new Date(this.now());
    const k = `${this.name}:${key}`;
    const wait = (resetsAt: string) => Math.max(1, Math.ceil((Date.parse(resetsAt) - now.getTime()) / 1000));
    await this.sweep(now);
    // Refused attempts are not written: a key over its limit costs one read, whatever the rate.
    const open = await openWindow(this.store, k, now);
    if (open && open.count >= this.max) return wait(open.resetsAt);
    // Two processes may both have read a count under the limit: the atomic count decides between them.
    const counted = await countAttempt(this.store, k, now, this.windowMs);
    return counted.count > this.max ? wait(counted.resetsAt) : 0;
  }

  /** Forgets `key` (after a successful sign-in), in the transaction `tx` when given. */
  async reset(key: string, tx: AsyncDb = this.store): Promise<void> {
    await forgetAttempts(tx, `${this.name}:${key}`);
  }

  /** Deletes this limit's ended windows, at most once a window per process. */
  private async sweep(now: Date): Promise<void> {
    if (now.getTime() - this.sweptAt < this.windowMs) return;
    this.sweptAt = now.getTime();
    await sweepAttempts(this.store, `${this.name}:`, now);
  }
}

/**
 * Limits requests per key (e.g. client address and email): over the limit, a 429 with Retry-After,
 * before the handler runs. A key of null is not limited.
 */
export function rateLimit(limiter: RateLimiter, key: (c: Context) => string | null | Promise<string | null>) {
  return createMiddleware(async (c, next) => {
    const k = await key(c);
    const wait = k === null ? 0 : await limiter.hit(k);
    if (wait > 0) {
      c.header('Retry-After', String(wait));
      throw new ApiError(429, 'rate_limited', `Too many attempts; try again in ${wait} s`);
    }
    await next();
  });
}
