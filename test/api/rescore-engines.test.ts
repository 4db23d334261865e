import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { pgAsync, type AsyncDb } from '../../db/async.ts';
import { openPg } from '../../db/pg/client.ts';
import { observationsAsync } from '../../db/queries/observations.ts';
import { getSettingAsync } from '../../db/queries/settings.ts';
import { recomputeAll, STAMP_KEY } from '../../api/services/scores/recompute.ts';
import { rescoreAfterWriteAsync } from '../../api/services/scores/rescore-async.ts';
import { addMonths, monthsBetween } from '../../indicators/period.ts';
import { mulberry32 } from '../../indicators/model/sensitivity.ts';
import { ENGINES, seededOnBothEngines, type Engine } from '../helpers/engines.ts';

const both = seededOnBothEngines();

/** Every stored score row of the engine, in key order: all columns, for exact comparison. */
async function snapshot(a: AsyncDb) {
  const rows = await a.db.select().from(a.t.scores);
  const key = (r: (typeof rows)[number]) => `${r.scenario}|${r.lens}|${r.period}|${r.level}|${r.regionCode}`;
  return rows.sort((x, y) => (key(x) < key(y) ? -1 : key(x) > key(y) ? 1 : 0));
}

/** Both engines' stored scores, checked equal; the SQLite rows are returned. */
async function sameScores(label: string) {
  const [s, p] = await Promise.all(ENGINES.map((e) => snapshot(both.engines[e]())));
  expect(p!.length, label).toBe(s!.length);
  expect(p, label).toEqual(s);
  return s!;
}

const base = {
  confidence: 'high' as const,
  sourceCitation: 'test',
  enteredBy: 'test',
  enteredAt: '2026-01-01T00:00:00Z',
};
type Key = { regionCode: string; indicatorId: string; period: string };
type Write =
  | { kind: 'add'; key: Key; value: number }
  | { kind: 'correct'; key: Key; value: number }
  | { kind: 'retract'; key: Key };

/** The current row of a key on one engine (ids may differ between engines: keys do not). */

/** One write applied to an engine through the awaited interface, as the write path does (not yet rescored). */
async function apply(a: AsyncDb, w: Write): Promise<void> {
  const o = a.t.observations;
  if (w.kind === 'add') {
    await a.db.insert(o).values({ ...base, ...w.key, value: w.value });
    return;
  }
  const old = (await observationsAsync.findCurrent(a, w.key))!;
  if (w.kind === 'retract') {
    await a.db.update(o).set({ state: 'retracted', reason: 'test retraction' }).where(eq(o.id, old.id));
    return;
  }
  const [row] = await a.db
    .insert(o)
    .values({ ...base, ...w.key, value: w.value, supersedes: old.id })
    .returning({ id: o.id });
  await a.db
    .update(o)
    .set({ state: 'superseded', supersededBy: row!.id, reason: 'test correction' })
    .where(eq(o.id, old.id));
}

/** Regions of documented countries (roll-up winners among them), two countries (all their regions inherit). */
const REGIONS = ['IQ-NI', 'IQ-DA', 'IQ-BG', 'SY-RA', 'SY-HL', 'NG-BO', 'NG-YO', 'LY-TB', 'IRQ', 'LBY'];
const INDICATORS = ['tip.slave-markets', 'tip.child-recruitment', 'afac.7.9', 'crsv.women-mobility'];

describe('rescoring after a write, awaited, on both engines', () => {
  it('stores the same rows on SQLite and PostgreSQL after the same writes, and those of a full recompute', async () => {
    const sqlite = both.engines.sqlite();
    const pg = both.engines.postgres();
    await sameScores('as copied');
    const rand = mulberry32(18);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
    const { first, last } = await observationsAsync.bounds(sqlite);
    const span = monthsBetween(first!, last!);
    let written = 0;
    for (let step = 1; step <= 24; step++) {
      // Two of the writes reach past the scored months (every score rebuilt, the stamp moved); the rest fall inside.
      const region = pick(REGIONS);
      const own = await observationsAsync.list(sqlite, { region, limit: 500 });
      const action = step === 8 || step === 16 ? 0 : own.length === 0 ? 0 : Math.floor(rand() * 3);
      let write: Write;
      if (action === 0) {
        const period =
          step === 8
            ? addMonths(last!, 1)
            : step === 16
              ? addMonths(first!, -2)
              : addMonths(first!, Math.floor(rand() * (span + 1)));
        const key = { regionCode: region, indicatorId: pick(INDICATORS), period };
        if (await observationsAsync.findCurrent(sqlite, key)) continue;
        write = { kind: 'add', key, value: Math.floor(rand() * 5) };
      } else {
        const old = pick(own);
        const key = { regionCode: old.regionCode, indicatorId: old.indicatorId, period: old.period };
        write = action === 1 ? { kind: 'correct', key, value: Math.floor(rand() * 5) } : { kind: 'retract', key };
      }
      const opts = step % 3 ? { from: write.key.period } : {};
      for (const e of ENGINES) {
        const a = both.engines[e]();
        await apply(a, write);
        const n = await rescoreAfterWriteAsync(a, [region], opts);
        if (e === 'postgres') written += n;
      }
      if (step % 6 === 0) await sameScores(`after step ${step}`);
    }
    expect(written).toBeGreaterThan(0);
    // The stamp moved on both with the widened months.
    const stamps = await Promise.all(ENGINES.map((e) => getSettingAsync(both.engines[e](), STAMP_KEY)));
    expect(stamps[1]).toBe(stamps[0]);
    expect(stamps[0]).toContain(addMonths(last!, 1));
    // The same observations rescored from nothing on SQLite give the rows both engines hold.
    const incremental = await sameScores('after every write');
    recomputeAll(both.seeded());
    expect(await snapshot(sqlite)).toEqual(incremental);
    expect(await snapshot(pg)).toEqual(incremental);
  });

  it('writes nothing on PostgreSQL when the stored rows are already right', async () => {
    const pg = both.engines.postgres();
    expect(await rescoreAfterWriteAsync(pg, ['IQ-NI', 'SY-RA', 'IRQ'])).toBe(0);
    expect(await rescoreAfterWriteAsync(pg, ['IQ-NI'], { from: '2024-01' })).toBe(0);
  });

  it('two pools rescoring one country at once on PostgreSQL end with the rows of one rescoring after both writes', async () => {
    const second = openPg(both.url());
    try {
      const pools: Record<Engine, AsyncDb> = { sqlite: both.engines.postgres(), postgres: pgAsync(second) };
      const writes: Write[] = ['IQ-NI', 'IQ-DA', 'IQ-BG', 'IRQ'].map((regionCode, i) => ({
        kind: 'add',
        key: { regionCode, indicatorId: 'tip.mass-displacement', period: addMonths('2023-01', i) },
        value: 3,
      }));
      await Promise.all(
        writes.map(async (w, i) => {
          const a = i % 2 ? pools.postgres : pools.sqlite;
          await apply(a, w);
          await rescoreAfterWriteAsync(a, [w.key.regionCode], { from: w.key.period });
        }),
      );
      for (const w of writes) await apply(both.engines.sqlite(), w);
      recomputeAll(both.seeded());
      await sameScores('after concurrent writes');
    } finally {
      await second.$client.end();
    }
  });
});
