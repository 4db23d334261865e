import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validationSettled, validationSettledAsync } from '../../api/services/validation/runner.ts';
import { storedValidationAsync } from '../../api/services/validation/validation.ts';
import { sqliteHandleOf } from '../../db/async.ts';
import { jobDatabaseOf } from '../../db/child-job.ts';
import { LENSES } from '../../indicators/vocabulary.ts';
import { startApp, type TestApp } from '../helpers/app.ts';
import { runVigilHere } from '../helpers/cli.ts';
import { seededDbCopy } from '../helpers/seeded-db.ts';

interface Served {
  status: string;
  computedAt: string;
  modelVersion: string;
  computing: { done: number; total: number } | null;
  backtest: {
    rows: {
      onset: { id: string; region: string };
      byMethod: Record<'v1' | 'v2', { at: { rank: number | null; of: number } }>;
    }[];
  };
  sensitivity: { variants: { id: string; family: string }[]; overall: { comparisons: number } };
  classChanges: { lens: string; changed: number; regionMonths: number }[];
}

/** Resolves when the validation the app's route started (on its engine) has finished. */
const settled = (app: TestApp) =>
  sqliteHandleOf(app.data) ? validationSettled(app.db) : validationSettledAsync(app.data);

/** `vigil …` on the app's database: its SQLite file, or its PostgreSQL database by `--database-url`. */
function vigilOn(app: TestApp, args: string[]) {
  const where = jobDatabaseOf(app.data)!;
  return /^postgres(ql)?:/.test(where)
    ? runVigilHere('/nonexistent/unused.db', [...args, '--database-url', where])
    : runVigilHere(where, args);
}

describe('GET /api/validation', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(async () => {
    await settled(app);
    await app.close();
  });

  it('answers 202 with progress while a first validation runs in a child process, and keeps serving other requests', async () => {
    const first = await app.request('/api/validation?wait=false');
    expect(first.status).toBe(202);
    const body = (await first.json()) as { status: string; computing: { done: number; total: number } };
    expect(body.status).toBe('computing');
    expect(body.computing.total).toBeGreaterThanOrEqual(1);
    // The server is not busy computing: another read answers while the validation runs.
    const scores = await app.request('/api/scores?period=2017-12&lens=tip&level=1');
    expect(scores.status).toBe(200);
    expect(await storedValidationAsync(app.data)).toBeNull();
  });

  it('waits for the first validation, then serves the backtest, the sensitivity and the class changes', async () => {
    const res = await app.request('/api/validation');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const v = (await res.json()) as Served;
    expect(v.status).toBe('current');
    expect(v.computing).toBeNull();
    expect(Date.parse(v.computedAt)).not.toBeNaN();
    const nineveh = v.backtest.rows.find((r) => r.onset.id === 'nineveh-2014-08');
    expect(nineveh?.onset.region).toBe('IQ-NI');
    for (const m of ['v1', 'v2'] as const) expect(nineveh?.byMethod[m].at.rank).toBe(1);
    expect(new Set(v.sensitivity.variants.map((x) => x.family))).toEqual(
      new Set(['aggregation', 'corroboration', 'persistence', 'inheritance', 'weights']),
    );
    expect(v.sensitivity.overall.comparisons).toBeGreaterThan(0);
    expect(v.classChanges.map((c) => c.lens)).toEqual([...LENSES]);
    const tip = v.classChanges.find((c) => c.lens === 'tip')!;
    expect(tip.changed).toBeGreaterThan(0);
    expect(tip.changed).toBeLessThanOrEqual(tip.regionMonths);
    // Stored with the data it was computed on: the next request does not recompute.
    const again = (await (await app.request('/api/validation?wait=false')).json()) as Served;
    expect(again).toMatchObject({ status: 'current', computedAt: v.computedAt });
  });

  it('serves the previous figures as stale after the data change, recomputes in the background, then is current again', async () => {
    const before = (await (await app.request('/api/validation')).json()) as Served;
    const file = join(mkdtempSync(join(tmpdir(), 'vigil-validation-')), 'one.csv');
    writeFileSync(
      file,
      'region,indicator,period,value,confidence,source\nNG-BO,afac.rf1,2017-11,2,medium,Field report\n',
    );
    const imported = await vigilOn(app, ['import', file]);
    expect(imported.code).toBe(0);
    const stale = await app.request('/api/validation?wait=false');
    expect(stale.status).toBe(200);
    const s = (await stale.json()) as Served;
    expect(s.status).toBe('stale');
    expect(s.computedAt).toBe(before.computedAt);
    expect(s.computing).not.toBeNull();
    await settled(app);
    const fresh = (await (await app.request('/api/validation?wait=false')).json()) as Served;
    expect(fresh.status).toBe('current');
    expect(Date.parse(fresh.computedAt)).toBeGreaterThan(Date.parse(before.computedAt));
  });

  it('refuses a wait that is not true or false, naming the field', async () => {
    const res = await app.request('/api/validation?wait=maybe');
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { fields: { field: string }[] } };
    expect(body.error.fields.map((f) => f.field)).toContain('wait');
  });
});

describe('vigil validate', () => {
  it('computes and stores the validation with a report, which the server then serves at once as current', async () => {
    const app = await startApp();
    try {
      const r = await vigilOn(app, ['validate']);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/Nineveh \(Sinjar\), Iraq, 2014-08: v2 .*1\/\d+ at onset/);
      expect(r.stdout).toMatch(/Region-months changing class from v1 to v2:\n {2}overall: [\d,]+ of [\d,]+/);
      const stored = await storedValidationAsync(app.data);
      expect(stored?.backtest.rows.length).toBeGreaterThan(0);
      const res = await app.request('/api/validation?wait=false');
      expect(res.status).toBe(200);
      expect(((await res.json()) as Served).computedAt).toBe(stored?.computedAt);
    } finally {
      await app.close();
    }
  });

  it('refuses an unknown option', async () => {
    const r = await runVigilHere(seededDbCopy(), ['validate', '--lens', 'tip']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('--lens');
  });
});
