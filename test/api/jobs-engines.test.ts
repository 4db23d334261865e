import { beforeAll, describe, expect, it } from 'vitest';
import { validationStateAsync } from '../../api/services/validation/runner.ts';
import { pgAsync } from '../../db/async.ts';
import { openPg } from '../../db/pg/client.ts';
import { scoredPeriods } from '../../db/queries/scores.ts';
import { appsWithClosedSqlite, type App } from '../helpers/engine-apps.ts';
import { ENGINES, sameOnEngines, seededOnBothEngines, type Engine } from '../helpers/engines.ts';

// GET /api/sensitivity and GET /api/validation on both engines: computed in a child process that opens the SQLite file on
// one, and its own pool on the PostgreSQL database on the other, by the same code. The PostgreSQL app
// gets a closed SQLite handle: a read left on it would fail instead of answering the SQLite copy.
const both = seededOnBothEngines();
const app = {} as Record<Engine, App>;
let periods: string[];

beforeAll(() => {
  Object.assign(app, appsWithClosedSqlite(both));
  periods = scoredPeriods(both.seeded());
});

async function answer(engine: Engine, path: string) {
  const res = await app[engine].request(path);
  return { status: res.status, body: (await res.json()) as unknown };
}

const same = (path: string) => sameOnEngines((e) => answer(e, path), path);

type Report = { runs: number; period: string; topRegions: { region: string }[] };

describe('sensitivity runs on both engines', () => {
  it('run to completion with the same report, for the latest month and another, under two scenarios', async () => {
    for (const q of [
      'runs=3&top=5',
      `runs=2&top=3&lens=overall&level=1&period=${periods.at(-7)}`,
      'runs=2&scenario=children-focus&seed=7',
    ]) {
      const { status, body } = await same(`/api/sensitivity?${q}`);
      expect(status, q).toBe(200);
      const r = body as Report;
      expect(r.period).toMatch(/^\d{4}-\d{2}$/);
      expect(r.topRegions.length, q).toBeGreaterThan(0);
      expect(r.runs, q).toBe(Number(new URLSearchParams(q).get('runs')));
    }
    expect((await same('/api/sensitivity?runs=0')).status).toBe(400);
    expect((await same('/api/sensitivity?scenario=nope')).status).toBe(400);
  });

  it('the validation runs to completion on both with the same figures, stored where another process reads it', async () => {
    const [sqlite, pg] = await Promise.all(ENGINES.map((e) => answer(e, '/api/validation')));
    const figures = (b: unknown) => {
      const { computedAt: _at, seconds: _s, ...rest } = b as { computedAt: string; seconds: number };
      return rest;
    };
    expect(sqlite!.status).toBe(200);
    expect(pg!.status).toBe(200);
    expect((pg!.body as { status: string }).status).toBe('current');
    expect(figures(pg!.body)).toEqual(figures(sqlite!.body));
    // Another pool on the same database (another API process) finds it computed, current, in the database.
    const other = openPg(both.url());
    try {
      const state = await validationStateAsync(pgAsync(other));
      expect(state.status).toBe('current');
    } finally {
      await other.$client.end();
    }
    expect((await same('/api/validation?wait=maybe')).status).toBe(400);
  });
});
