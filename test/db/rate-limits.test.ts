import { beforeAll, describe, expect, it } from 'vitest';
import { RateLimiter } from '../../api/middleware/rate-limit.ts';
import type { AsyncDb } from '../../db/async.ts';
import { countAttempt } from '../../db/queries/rate-limits.ts';
import { twoHandlesPerEngine } from '../helpers/engines.ts';

// Two handles on one database per engine, as two API processes hold them.
const { engines } = twoHandlesPerEngine();

describe.each(['sqlite', 'postgres'] as const)('rate limits counted in the database (%s)', (engine) => {
  let a: AsyncDb;
  let b: AsyncDb;
  let clock = Date.parse('2026-03-01T12:00:00.000Z');
  const now = () => clock;
  beforeAll(() => {
    [a, b] = engines[engine]();
  });

  it('one atomic statement counts up, and starts a new window once the old one ended', async () => {
    const t0 = new Date('2026-03-01T10:00:00.000Z');
    expect(await countAttempt(a, 'k', t0, 60_000)).toEqual({ count: 1, resetsAt: '2026-03-01T10:01:00.000Z' });
    expect(await countAttempt(b, 'k', new Date(t0.getTime() + 59_999), 60_000)).toEqual({
      count: 2,
      resetsAt: '2026-03-01T10:01:00.000Z',
    });
    expect(await countAttempt(a, 'k', new Date(t0.getTime() + 60_000), 60_000)).toEqual({
      count: 1,
      resetsAt: '2026-03-01T10:02:00.000Z',
    });
  });

  it('attempts at once from both handles are each counted once', async () => {
    const t = new Date('2026-03-01T11:00:00.000Z');
    const counts = await Promise.all(
      Array.from({ length: 30 }, (_, i) => countAttempt(i % 2 ? a : b, 'burst', t, 60_000)),
    );
    expect(counts.map((c) => c.count).sort((x, y) => x - y)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
  });

  it('two limiters on one database (two processes) share the limit: attempts alternating trip it at max', async () => {
    const first = new RateLimiter('sign-in-account', 3, 60_000, a, now);
    const second = new RateLimiter('sign-in-account', 3, 60_000, b, now);
    const waits = [];
    for (let i = 0; i < 6; i++) waits.push(await (i % 2 ? second : first).hit('203.0.113.9|x@example.org'));
    expect(waits).toEqual([0, 0, 0, 60, 60, 60]);
    // Another key and another limit with the same key are counted apart.
    expect(await first.hit('203.0.113.9|y@example.org')).toBe(0);
    expect(await new RateLimiter('password-change', 3, 60_000, b, now).hit('203.0.113.9|x@example.org')).toBe(0);
    clock += 30_000;
    expect(await second.hit('203.0.113.9|x@example.org')).toBe(30);
    // A reset on one process clears the key for the other.
    await first.reset('203.0.113.9|x@example.org');
    expect(await second.hit('203.0.113.9|x@example.org')).toBe(0);
    clock += 60_000;
  });

  it('ended windows are swept, only those of the limit that sweeps', async () => {
    const keys = async (h: AsyncDb) =>
      (await h.db.select({ key: h.t.rateLimits.key }).from(h.t.rateLimits)).map((r) => r.key).sort();
    const limiter = new RateLimiter('sweep-me', 5, 60_000, a, now);
    await limiter.hit('one');
    await limiter.hit('two');
    await new RateLimiter('kept', 5, 60_000, a, () => clock - 120_000).hit('old');
    expect((await keys(b)).filter((k) => /^(sweep-me|kept):/.test(k))).toEqual([
      'kept:old',
      'sweep-me:one',
      'sweep-me:two',
    ]);
    clock += 60_000;
    await limiter.hit('three');
    expect((await keys(b)).filter((k) => /^(sweep-me|kept):/.test(k))).toEqual(['kept:old', 'sweep-me:three']);
  });
});
