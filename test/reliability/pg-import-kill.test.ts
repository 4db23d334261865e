import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPg, type PgConnection } from '../../db/pg/client.ts';
import { signIn } from '../helpers/auth.ts';
import { firstStartDbCopy } from '../helpers/seeded-db.ts';
import { startPostgres, type TestPostgres } from '../helpers/postgres.ts';
import { spawnServer, writeBigCsv, type ServerProcess } from './processes.ts';

// Issue 18, reliability on PostgreSQL: two API processes on one database; a 60,000-row import posted
// to A is cut by `kill -9` once A is seen staging it (its COPY has rows in). B keeps serving throughout;
// the import is absent afterwards (or, had it committed first, complete: never in part); analysts
// writing through B meanwhile lose nothing and double nothing; the same file imported through B adds
// exactly the rows not there yet.
const ROWS = 60_000;
const ADMIN = { email: 'kill-admin@pg.test', password: 'a long bootstrap passphrase 9' };
const WRITES = 20;
const WRITER_CITATION = 'Written through B during the import';
let postgres: TestPostgres;
let pool: PgConnection;
let a: ServerProcess;
let b: ServerProcess;
let csv: string;
const folders: string[] = [];

beforeAll(async () => {
  postgres = await startPostgres();
  const env = { VIGIL_DATABASE_URL: postgres.url, VIGIL_MAX_IMPORT: String(64 * 1024 * 1024) };
  const first = await firstStartDbCopy();
  a = await spawnServer(first, {
    ...env,
    VIGIL_BOOTSTRAP_ADMIN_EMAIL: ADMIN.email,
    VIGIL_BOOTSTRAP_ADMIN_PASSWORD: ADMIN.password,
  });
  const dir = mkdtempSync(join(tmpdir(), 'vigil-pg-kill-'));
  folders.push(dir);
  b = await spawnServer(join(dir, 'vigil.db'), env);
  pool = openPg(postgres.url);
  writeBigCsv(first, join(dir, 'kill.csv'), ROWS, 0, 'kill');
  csv = readFileSync(join(dir, 'kill.csv'), 'utf8');
}, 120_000);
afterAll(async () => {
  await Promise.all([a, b].map((s) => s?.stop()));
  await pool?.$client.end();
  await postgres?.stop();
  for (const f of folders) rmSync(f, { recursive: true, force: true });
});

const one = async <T>(q: string, params: unknown[] = []): Promise<T> =>
  (await pool.$client.query(q, params)).rows[0] as T;

/** Rows staged so far by COPYs under way on the server (PostgreSQL's progress view). */
const copying = async () =>
  (await one<{ n: string | null }>(`select sum(tuples_processed)::text as n from pg_stat_progress_copy`)).n;

/** Checks B answers while `run` goes on: its health and the scores view, status by status. */
async function whileWatchingB<T>(run: () => Promise<T>): Promise<{ result: T; statuses: number[] }> {
  const statuses: number[] = [];
  let done = false;
  const watch = (async () => {
    while (!done)
      for (const path of ['/api/health', '/api/scores?level=1']) statuses.push((await fetch(`${b.url}${path}`)).status);
  })();
  try {
    return { result: await run(), statuses };
  } finally {
    done = true;
    await watch;
  }
}

describe('kill -9 of one of two API processes during a 60,000-row import on PostgreSQL', () => {
  it('leaves the import absent or whole, B serving, the writes through B kept once, and a rerun adds exactly the rows', async () => {
    const admin = await signIn(a, ADMIN.email, ADMIN.password);
    const sessions: Record<string, string>[] = [];
    for (const [i, server] of [a, b].entries()) {
      const email = `kill-analyst${i}@pg.test`;
      const password = `kill analyst ${i} passphrase, long`;
      const made = await fetch(`${server.url}/api/users`, {
        method: 'POST',
        headers: { ...admin.session, 'Content-Type': 'application/json' },
        body: JSON.stringify({ email, role: 'analyst', password }),
      });
      expect(made.status).toBe(201);
      sessions.push((await signIn(server, email, password)).session);
    }
    const [onA, onB] = sessions as [Record<string, string>, Record<string, string>];
    const before = await one<{ n: number }>(`select count(*)::int as n from observations`);

    // Keys for the analysts' entries through B: a bundled region and indicator, months no row holds.
    const { rows: free } = await pool.$client.query(
      `select p.period from (select distinct period from observations) p
        where not exists (select 1 from observations o where o.region_code = 'IQ-NI'
          and o.indicator_id = 'tip.child-recruitment' and o.period = p.period)
        order by p.period limit $1`,
      [WRITES],
    );
    expect(free).toHaveLength(WRITES);

    const { result, statuses } = await whileWatchingB(async () => {
      // The whole file to A (the body-size check reads it in before the import starts).
      const upload = fetch(`${a.url}/api/imports?name=kill.csv`, {
        method: 'POST',
        headers: { ...onA, 'Content-Type': 'text/csv' },
        body: csv,
      }).then(
        (r) => ({ status: r.status }),
        (e: Error) => ({ error: e.message }),
      );
      // Analysts write through B while A stages.
      const writes = Promise.all(
        free.map(async ({ period }: { period: string }) => {
          const res = await fetch(`${b.url}/api/observations`, {
            method: 'POST',
            headers: { ...onB, 'Content-Type': 'application/json' },
            body: JSON.stringify({
              region: 'IQ-NI',
              indicator: 'tip.child-recruitment',
              period,
              value: 2,
              confidence: 'medium',
              source: { citation: WRITER_CITATION },
            }),
          });
          return res.status;
        }),
      );
      // Move on once A's COPY has rows in: the import is under way, staging, not yet written.
      let staged: string | null = null;
      for (let i = 0; i < 20_000 && !(Number(staged) > 0); i++) {
        staged = await copying();
        if (!(Number(staged) > 0)) await sleep(10);
      }
      expect(Number(staged), 'rows staged by A before the kill').toBeGreaterThan(0);
      await a.kill9();
      const writeStatuses = await writes;
      return { upload: await upload, writeStatuses };
    });

    expect(result.upload).toHaveProperty('error');
    expect(result.writeStatuses).toEqual(free.map(() => 201));
    expect(statuses.length).toBeGreaterThan(0);
    expect(statuses.filter((s) => s !== 200)).toEqual([]);

    // The import is absent (killed while staging), or complete had it committed first: never in part.
    const batch = await one<{ id: number } | undefined>(`select id from import_batches where file_name = 'kill.csv'`);
    const landed = batch ? ROWS : 0;
    expect(
      await one(`select count(*)::int as n from observations where source_citation like 'Reliability kill row %'`),
    ).toEqual({ n: landed });
    for (let i = 0; i < 600 && Number(await copying()) > 0; i++) await sleep(50);
    expect(await copying()).toBeNull();
    // The writes through B: each kept once.
    expect(
      await one(
        `select count(*)::int as n, count(distinct period)::int as periods from observations
          where state = 'current' and source_citation = $1`,
        [WRITER_CITATION],
      ),
    ).toEqual({ n: WRITES, periods: WRITES });
    expect(await one(`select count(*)::int as n from observations`)).toEqual({ n: before.n + WRITES + landed });

    // The same file through B adds exactly the rows not there yet, once.
    const rerun = await fetch(`${b.url}/api/imports?name=kill.csv`, {
      method: 'POST',
      headers: { ...onB, 'Content-Type': 'text/csv' },
      body: csv,
    });
    const report = (await rerun.json()) as { status: string; batchId: number; wouldCreate: number; unchanged: number };
    expect(rerun.status, JSON.stringify(report).slice(0, 500)).toBe(201);
    expect(report).toMatchObject({ status: 'applied', wouldCreate: ROWS - landed, unchanged: landed });
    expect(
      await one(
        `select count(*)::int as n from observations where state = 'current' and source_citation like 'Reliability kill row %'`,
      ),
    ).toEqual({ n: ROWS });
    expect(await one(`select count(*)::int as n from observations`)).toEqual({ n: before.n + WRITES + ROWS });
    expect(
      await one(`select count(*)::int as n from (select 1 from observations where state = 'current'
        group by region_code, indicator_id, period having count(*) > 1) d`),
    ).toEqual({ n: 0 });
    expect((await fetch(`${b.url}/api/health`)).status).toBe(200);
  }, 600_000);
});
