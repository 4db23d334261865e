import { count } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { pgAsync, type AsyncDb } from '../../db/async.ts';
import { dataVersionOf, perDataVersionAsync } from '../../db/data-version.ts';
import { countAttempt } from '../../db/queries/rate-limits.ts';
import { twoHandlesPerEngine } from '../helpers/engines.ts';

// Two handles on one database per engine, as two API processes hold them.
const { engines, pg } = twoHandlesPerEngine();

describe.each(['sqlite', 'postgres'] as const)('one data version across connections (%s)', (engine) => {
  let a: AsyncDb;
  let b: AsyncDb;
  let builds = 0;
  // A value derived from the data, cached on `a`: the number of settings.
  const settingsCount = perDataVersionAsync(async (h) => {
    builds++;
    const [row] = await h.db.select({ n: count() }).from(h.t.settings);
    return row!.n;
  });
  beforeAll(() => {
    [a, b] = engines[engine]();
  });

  it('a write from the other connection renews the cached value; no write, no rebuild', async () => {
    const first = await settingsCount(a);
    expect(await settingsCount(a)).toBe(first);
    expect(builds).toBe(1);
    await b.db.insert(b.t.settings).values({ key: `version-test-${engine}`, value: 'x' });
    expect(await settingsCount(a)).toBe(first + 1);
    expect(builds).toBe(2);
    expect(await settingsCount(a)).toBe(first + 1);
    expect(builds).toBe(2);
  });

  it('counting a rate-limit attempt is not a change of the data', async () => {
    const before = await dataVersionOf(a);
    await countAttempt(b, 'not-data', new Date('2026-03-01T00:00:00Z'), 60_000);
    if (engine === 'postgres') expect(await dataVersionOf(a)).toBe(before);
    // SQLite's data_version moves on any commit to the file (stated in db/README.md).
    else expect(await dataVersionOf(a)).not.toBe(before);
  });
});

describe('the PostgreSQL data version', () => {
  it('moves only when the writing transaction commits, once per transaction; a rollback leaves it', async () => {
    const a = pgAsync(pg()[0]);
    const v0 = await dataVersionOf(a);
    const client = await pg()[1].$client.connect();
    try {
      await client.query('begin');
      await client.query("insert into settings (key, value) values ('in-tx-1', 'x')");
      await client.query("insert into settings (key, value) values ('in-tx-2', 'x')");
      await client.query("update settings set value = 'y' where key = 'in-tx-1'");
      // Not committed yet: the other connection still reads the old version.
      expect(await dataVersionOf(a)).toBe(v0);
      await client.query('commit');
      const v1 = await dataVersionOf(a);
      expect(BigInt(v1)).toBe(BigInt(v0) + 1n);
      await client.query('begin');
      await client.query("delete from settings where key = 'in-tx-1'");
      await client.query('rollback');
      expect(await dataVersionOf(a)).toBe(v1);
    } finally {
      client.release();
    }
  });

  it('every Vigil table but the rate-limit counters moves it, on insert, update, delete and truncate', async () => {
    const { rows } = await pg()[0].$client.query<{ table: string; moves: boolean }>(
      `select c.relname as table,
              exists (select 1 from pg_trigger g where g.tgrelid = c.oid and g.tgname = 'data_version_moves') as moves
         from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind = 'r' order by c.relname`,
    );
    expect(rows.length).toBeGreaterThanOrEqual(19);
    expect(rows.filter((r) => !r.moves).map((r) => r.table)).toEqual(['rate_limits']);
    const v0 = BigInt(await dataVersionOf(pgAsync(pg()[0])));
    await pg()[1].$client.query('truncate watchlist');
    expect(BigInt(await dataVersionOf(pgAsync(pg()[0])))).toBe(v0 + 1n);
  });
});
