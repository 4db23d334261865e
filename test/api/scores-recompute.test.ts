import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDb, type Connection } from '../../db/client.ts';
import { runMigrations } from '../../db/migrate.ts';
import { insertObservations, type NewObservation } from '../../db/queries/observations.ts';
import { readRegionSeries, readScoresWindow, scoredPeriods } from '../../db/queries/scores.ts';
import { recomputeAfterWrite, recomputeAll } from '../../api/services/scores/recompute.ts';
import { driversJson } from '../../api/services/scores/packed-rows.ts';
import { recomputeAllOffLoop } from '../../api/services/scores/recompute-off-loop.ts';
import { seededDbCopy } from '../helpers/seeded-db.ts';

let path: string;
let db: Connection;

beforeEach(() => {
  path = seededDbCopy();
  db = openDb(path);
  runMigrations(db);
  recomputeAll(db);
});
afterEach(() => {
  db.$client.close();
  rmSync(dirname(path), { recursive: true, force: true });
});

const observation = (
  over: Partial<NewObservation> & Pick<NewObservation, 'regionCode' | 'indicatorId' | 'period' | 'value'>,
): NewObservation => ({
  confidence: 'high',
  sourceCitation: 'test',
  enteredBy: 'test',
  enteredAt: '2026-01-01T00:00:00Z',
  ...over,
});

/** Every stored baseline score, in a stable order, for exact comparison. */
function snapshot() {
  return ['overall', 'crsv', 'osce', 'afac', 'tip']
    .flatMap((lens) =>
      readScoresWindow(db, { scenario: 'baseline', lens: lens as 'tip', from: '0000-01', to: '9999-12' }),
    )
    .sort((a, b) =>
      `${a.lens}|${a.level}|${a.regionCode}|${a.period}`.localeCompare(
        `${b.lens}|${b.level}|${b.regionCode}|${b.period}`,
      ),
    );
}

function timed<T>(f: () => T): [T, number] {
  const t0 = performance.now();
  const out = f();
  return [out, performance.now() - t0];
}

describe('recomputation', () => {
  it('ignores superseded and retracted observations', () => {
    const before = readRegionSeries(db, { region: 'IQ-NI', scenario: 'baseline', lens: 'tip' });
    insertObservations(db, [
      observation({
        regionCode: 'IQ-NI',
        indicatorId: 'tip.slave-markets',
        period: '2014-09',
        value: 0,
        state: 'superseded',
      }),
      observation({
        regionCode: 'IQ-NI',
        indicatorId: 'tip.mass-displacement',
        period: '2014-09',
        value: 4,
        state: 'retracted',
      }),
    ]);
    recomputeAfterWrite(db, ['IQ-NI']);
    expect(readRegionSeries(db, { region: 'IQ-NI', scenario: 'baseline', lens: 'tip' })).toEqual(before);
    insertObservations(db, [
      observation({ regionCode: 'IQ-NI', indicatorId: 'tip.slave-markets', period: '2014-09', value: 0 }),
    ]);
    recomputeAfterWrite(db, ['IQ-NI']);
    const after = readRegionSeries(db, { region: 'IQ-NI', scenario: 'baseline', lens: 'tip' });
    expect(after.find((r) => r.period === '2014-09')!.score!).toBeLessThan(
      before.find((r) => r.period === '2014-09')!.score!,
    );
  });

  it('rewrites only the affected regions, and ends where a full rebuild ends', () => {
    const [, fullMs] = timed(() => recomputeAll(db));
    const writes: [string[], NewObservation][] = [
      [['NG-BO'], observation({ regionCode: 'NG-BO', indicatorId: 'tip.slave-markets', period: '2016-02', value: 3 })],
      [['LBY'], observation({ regionCode: 'LBY', indicatorId: 'tip.child-recruitment', period: '2017-02', value: 2 })],
      [
        ['IQ-DA'],
        observation({ regionCode: 'IQ-DA', indicatorId: 'tip.mass-displacement', period: '2016-08', value: 4 }),
      ],
    ];
    const untouched = readRegionSeries(db, { region: 'SY-RA', scenario: 'baseline', lens: 'tip' });
    const times: string[] = [];
    for (const [codes, row] of writes) {
      insertObservations(db, [row]);
      const [written, ms] = timed(() => recomputeAfterWrite(db, codes));
      times.push(`${codes.join(',')}: ${written} rows in ${ms.toFixed(0)} ms`);
      expect(written).toBeGreaterThan(0);
    }
    console.log(`full recompute ${fullMs.toFixed(0)} ms; incremental ${times.join('; ')}`);
    expect(readRegionSeries(db, { region: 'SY-RA', scenario: 'baseline', lens: 'tip' })).toEqual(untouched);
    const incremental = snapshot();
    recomputeAll(db);
    expect(incremental).toEqual(snapshot());
    const nga = readRegionSeries(db, {
      region: 'NGA',
      scenario: 'baseline',
      lens: 'tip',
      from: '2016-02',
      to: '2016-02',
    })[0]!;
    expect(nga.rolledUpFrom).toBe('NG-BO');
  });

  it('writes the same rows when the families are swept on worker threads', () => {
    const alone = snapshot();
    const raw = () =>
      db.$client.prepare(`select * from scores order by scenario, lens, period, level, region_code`).raw().all();
    const storedAlone = raw();
    expect(recomputeAll(db, { threads: 2 })).toBe(alone.length);
    expect(snapshot()).toEqual(alone);
    // The stored text too (drivers as JSON, nulls), not only the rows as read back.
    expect(raw()).toEqual(storedAlone);
    expect(storedAlone.length).toBeGreaterThan(1000);
  });

  it('recomputes off the event loop: the loop keeps turning until the rows are written, and they are the same', async () => {
    const before = snapshot();
    db.$client.prepare(`delete from scores`).run();
    let settled = false;
    const done = recomputeAllOffLoop(db).finally(() => (settled = true));
    let turns = 0;
    while (!settled) {
      await new Promise((resolve) => setImmediate(resolve));
      turns++;
    }
    // A recompute on this thread would settle within the first turn; a worker thread takes many.
    expect(turns).toBeGreaterThan(10);
    expect(await done).toBe(before.length);
    expect(snapshot()).toEqual(before);
  });

  it('fails cleanly when a sweep thread dies without a word: no wait, scores as they were, the next recompute works', async () => {
    const raw = () =>
      db.$client.prepare(`select * from scores order by scenario, lens, period, level, region_code`).raw().all();
    const before = raw();
    const dies = new URL('../fixtures/sweep-thread-dies.mjs', import.meta.url);
    expect(() => recomputeAll(db, { threads: 2, sweepWorker: dies })).toThrow(
      /sweep thread stopped \(exit code 1\) before finishing its chunks: .*lost in a callback/,
    );
    expect(db.$client.inTransaction).toBe(false);
    expect(raw()).toEqual(before);
    // Off the event loop as the server runs it: the promise rejects, nothing was stored.
    await expect(recomputeAllOffLoop(db, { threads: 2, sweepWorker: dies })).rejects.toThrow(/sweep thread stopped/);
    expect(raw()).toEqual(before);
    expect(await recomputeAllOffLoop(db, { threads: 2 })).toBe(before.length);
    expect(raw()).toEqual(before);
  });

  it('writes drivers as JSON.stringify does', () => {
    const prefixes = new Map<string, string>();
    const cases = [
      [],
      [{ indicatorId: 'tip.slave-markets', label: 'Slave "markets"\n', points: 1.0442666379540788 }],
      [
        { indicatorId: 'a', label: 'é — ع', points: 1e-7, region: 'IQ-NI' },
        { indicatorId: 'a', label: 'é — ع', points: 3 },
        { indicatorId: 'b', label: 'x', points: Number.NaN },
      ],
      [{ label: 'keys in another order', indicatorId: 'c', points: 2 }],
      [{ indicatorId: 'd', label: 'more keys', points: 2, region: 'X', extra: true }],
    ];
    for (const drivers of cases) expect(driversJson(drivers, prefixes)).toBe(JSON.stringify(drivers));
  });

  it('rebuilds everything when a write widens the scored months', () => {
    const last = scoredPeriods(db).at(-1)!;
    insertObservations(db, [
      observation({ regionCode: 'SOM', indicatorId: 'tip.child-recruitment', period: '2018-03', value: 4 }),
    ]);
    recomputeAfterWrite(db, ['SOM']);
    expect(scoredPeriods(db).at(-1)! > last).toBe(true);
    expect(scoredPeriods(db)).toContain('2018-03');
  });
});
