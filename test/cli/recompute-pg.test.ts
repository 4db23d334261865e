import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { AsyncDb } from '../../db/async.ts';
import { getSettingAsync } from '../../db/queries/settings.ts';
import { STAMP_KEY } from '../../api/services/scores/recompute.ts';
import { runVigilHere } from '../helpers/cli.ts';
import { ENGINES, seededOnBothEngines } from '../helpers/engines.ts';

// `vigil recompute --database-url`: the full rebuild of the stored scores on PostgreSQL, which a
// server there needs after a model change and which the benchmark times beside SQLite's.
const both = seededOnBothEngines();

/** The stored baseline rows of an engine, every column, in key order. */
async function baseline(a: AsyncDb) {
  const rows = await a.db.select().from(a.t.scores).where(eq(a.t.scores.scenario, 'baseline'));
  const key = (r: (typeof rows)[number]) => `${r.lens}|${r.period}|${r.level}|${r.regionCode}`;
  return rows.sort((x, y) => (key(x) < key(y) ? -1 : key(x) > key(y) ? 1 : 0));
}

describe('vigil recompute on PostgreSQL', () => {
  it('rebuilds every stored score from nothing, row for row what SQLite stores, and stamps them', async () => {
    const pg = both.engines.postgres();
    const expected = await baseline(both.engines.sqlite());
    expect(expected.length).toBeGreaterThan(1000);
    await both.pg().$client.query("delete from scores where scenario = 'baseline'");
    await both.pg().$client.query('update settings set value = $1 where key = $2', ['stale', STAMP_KEY]);
    expect(await baseline(pg)).toEqual([]);

    const r = await runVigilHere('/nonexistent/unused.db', ['recompute', '--database-url', both.url()]);
    expect(r.stderr).toMatch(/^Recomputing scores in PostgreSQL 127\.0\.0\.1:\d+\/vigil…/);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^Recomputed ${expected.length.toLocaleString('en')} scores in`));
    expect(await baseline(pg)).toEqual(expected);
    const [a, b] = await Promise.all(ENGINES.map((e) => getSettingAsync(both.engines[e](), STAMP_KEY)));
    expect(b).toBe(a);
  });

  it('refuses a database with no Vigil data, and says how to fill it', async () => {
    const empty = await both.createDatabase('empty_recompute');
    const r = await runVigilHere('/nonexistent/unused.db', ['recompute', '--database-url', empty]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/holds no Vigil data yet: start the server on it once first/);
  });
});
