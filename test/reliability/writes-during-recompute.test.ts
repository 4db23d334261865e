import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recomputeAll } from '../../api/services/scores/recompute.ts';
import { recomputeAllOffLoop } from '../../api/services/scores/recompute-off-loop.ts';
import { setWriteGate, writeGate } from '../../db/write-gate.ts';
import { createUserAndLogin, type Credentials } from '../helpers/auth.ts';
import { startApp, type TestApp } from '../helpers/app.ts';
import { createFixture, validObservation, type Fixture } from './write-requests.ts';

// A full recompute runs on a thread of its own and builds its rows away from the database; the write
// lock is taken only to store them. Writes sent meanwhile are saved (201) or refused whole with a 503
// and Retry-After, never a 500, and the scores at the end are those a fresh recompute gives.

let server: TestApp;
let analyst: Credentials;
let fixture: Fixture;

beforeAll(async () => {
  server = await startApp();
  analyst = await createUserAndLogin(server, 'analyst');
  fixture = await createFixture(server, await createUserAndLogin(server, 'admin'));
}, 120_000);
afterAll(() => server?.close());

const scoresNow = () =>
  server.db.$client.prepare(`select * from scores order by scenario, lens, period, level, region_code`).raw().all();

let sent = 0;

/** Sends one new observation (a citation without digits: a run of them can read as a telephone number); its body and the answer. */
async function enter() {
  const body = {
    ...validObservation(fixture),
    source: {
      citation: `Recompute test source ${'abcdefghij'[sent % 10]}${'klmnopqrst'[Math.floor(sent++ / 10) % 10]}`,
    },
  };
  const res = await server.request('/api/observations', {
    method: 'POST',
    headers: { ...analyst.bearer, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { body, res, json: (await res.json()) as { id?: number; error?: { code: string; message: string } } };
}

const stored = (b: { region: string; indicator: string; period: string }) =>
  server.db.$client
    .prepare(
      `select count(*) from observations where region_code = ? and indicator_id = ? and period = ? and state = 'current'`,
    )
    .pluck()
    .get(b.region, b.indicator, b.period) as number;

describe('writes while a full recompute runs', () => {
  it('are saved or refused with 503 and Retry-After, never a 500, and the scores end as a fresh recompute leaves them', async () => {
    let settled = false;
    const recompute = recomputeAllOffLoop(server.db).finally(() => (settled = true));
    const answers: { status: string; during: boolean }[] = [];
    const saved: number[] = [];
    for (let n = 0; !settled || n < 3; n++) {
      // The app answers in process without I/O: let the loop turn, as between a server's requests.
      await new Promise((resolve) => setImmediate(resolve));
      const { body, res, json } = await enter();
      answers.push({ status: `${res.status} ${json.error?.code ?? ''}`.trim(), during: !settled });
      if (res.status === 201) {
        saved.push(json.id!);
        expect(stored(body)).toBe(1);
      } else {
        expect(res.status, JSON.stringify(json)).toBe(503);
        expect(json.error?.code).toBe('busy');
        expect(res.headers.get('Retry-After')).toMatch(/^[1-9]\d*$/);
        expect(stored(body)).toBe(0);
      }
    }
    expect(await recompute).toBeGreaterThan(1000);
    // Writes were answered while the recompute ran, and most were saved.
    expect(answers.filter((a) => a.during).length).toBeGreaterThan(0);
    expect(answers.filter((a) => a.status === '201').length).toBeGreaterThan(answers.length / 2);
    expect(new Set(answers.map((a) => a.status))).toEqual(
      new Set(answers.some((a) => a.status !== '201') ? ['201', '503 busy'] : ['201']),
    );

    // Every saved observation is there, and the scores are those of a recompute now.
    const ids = server.db.$client
      .prepare(`select id from observations where id in (${saved.join(',')}) and state = 'current'`)
      .pluck()
      .all();
    expect(ids).toHaveLength(saved.length);
    const after = scoresNow();
    recomputeAll(server.db);
    expect(after).toEqual(scoresNow());
  }, 600_000);

  it('are refused at once with 503 and Retry-After while the new rows are stored, and nothing is written', async () => {
    const gate = writeGate(server.dbPath);
    setWriteGate(gate, true, 3);
    try {
      const { body, res, json } = await enter();
      expect(res.status).toBe(503);
      expect(res.headers.get('Retry-After')).toBe('3');
      expect(json.error?.message).toMatch(/full recompute/);
      expect(stored(body)).toBe(0);
    } finally {
      setWriteGate(gate, false);
    }
    expect((await enter()).res.status).toBe(201);
  });

  it('get 503 and Retry-After, not a 500, when another connection holds the lock past the busy timeout', async () => {
    const other = new Database(server.dbPath);
    const timeout = server.db.$client.pragma('busy_timeout', { simple: true }) as number;
    server.db.$client.pragma('busy_timeout = 100');
    other.exec('begin immediate');
    try {
      const { body, res, json } = await enter();
      expect(res.status).toBe(503);
      expect(json.error?.code).toBe('busy');
      expect(res.headers.get('Retry-After')).toMatch(/^[1-9]\d*$/);
      other.exec('rollback');
      expect(stored(body)).toBe(0);
    } finally {
      if (other.inTransaction) other.exec('rollback');
      other.close();
      server.db.$client.pragma(`busy_timeout = ${timeout}`);
    }
    expect((await enter()).res.status).toBe(201);
  });
});
