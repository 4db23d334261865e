import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rescoreAfterWriteAsync } from '../../api/services/scores/rescore-async.ts';
import { pgAsync } from '../../db/async.ts';
import { openPg, type PgConnection } from '../../db/pg/client.ts';
import { signIn } from '../helpers/auth.ts';
import { firstStartDbCopy } from '../helpers/seeded-db.ts';
import { startPostgres, type TestPostgres } from '../helpers/postgres.ts';
import { spawnServer, type ServerProcess } from './processes.ts';

// Issue 18: analysts writing through two API processes on one PostgreSQL at once. Distinct entries
// split across both are all kept, once; the same entry sent to both at once is kept once (one 201,
// one 409); and the stored scores afterwards are those a full rebuild from the same observations gives.
const ADMIN = { email: 'writers-admin@pg.test', password: 'a long bootstrap passphrase 7' };
const CITATION = 'Two writers test';
const INDICATOR = 'tip.child-recruitment';
const REGIONS = ['IQ-NI', 'IQ-DA', 'IQ-BG', 'SY-RA', 'SY-HL', 'NG-BO', 'NG-YO', 'IRQ'];
let postgres: TestPostgres;
let pool: PgConnection;
let a: ServerProcess;
let b: ServerProcess;
const folders: string[] = [];

beforeAll(async () => {
  postgres = await startPostgres();
  const env = { VIGIL_DATABASE_URL: postgres.url };
  a = await spawnServer(await firstStartDbCopy(), {
    ...env,
    VIGIL_BOOTSTRAP_ADMIN_EMAIL: ADMIN.email,
    VIGIL_BOOTSTRAP_ADMIN_PASSWORD: ADMIN.password,
  });
  const dir = mkdtempSync(join(tmpdir(), 'vigil-pg-writers-'));
  folders.push(dir);
  b = await spawnServer(join(dir, 'vigil.db'), env);
  pool = openPg(postgres.url);
});
afterAll(async () => {
  await Promise.all([a, b].map((s) => s?.stop()));
  await pool?.$client.end();
  await postgres?.stop();
  for (const f of folders) rmSync(f, { recursive: true, force: true });
});

type Session = Record<string, string>;

function post(server: ServerProcess, session: Session, path: string, body: unknown) {
  return fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { ...session, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
}

/** Every stored score row, in key order (drivers as stored text). */
async function scoreRows() {
  const { rows } = await pool.$client.query(
    `select scenario, lens, period, level, region_code, score, class, coverage, confidence, trend3, trend12,
            drivers::text as drivers, rolled_up_from, indicators_observed, groups_observed, sources_observed,
            signs_observed, own_observed
       from scores order by scenario, lens, period, level, region_code collate "C"`,
  );
  return rows;
}

describe('analysts writing through two API processes on one PostgreSQL at once', () => {
  it('keeps every distinct entry once, one of two identical ones, and scores equal to a full rebuild', async () => {
    const admin = await signIn(a, ADMIN.email, ADMIN.password);
    const analysts: Session[] = [];
    for (const [i, server] of [a, b].entries()) {
      const email = `writer${i}@pg.test`;
      const password = `writer ${i} passphrase, long enough`;
      const made = await post(server, admin.session, '/api/users', { email, role: 'analyst', password });
      expect(made.status).toBe(201);
      analysts.push((await signIn(server, email, password)).session);
    }
    // Keys with no current observation, inside the scored months (no write widens them).
    const { rows: bounds } = await pool.$client.query(
      `select min(period) as first, max(period) as last from observations where state = 'current'`,
    );
    const { rows: taken } = await pool.$client.query(
      `select region_code || '|' || period as key from observations where state = 'current' and indicator_id = $1`,
      [INDICATOR],
    );
    const busy = new Set(taken.map((r: { key: string }) => r.key));
    const keys: { region: string; period: string }[] = [];
    const [y0] = (bounds[0].first as string).split('-').map(Number) as [number];
    for (let y = y0 + 1; keys.length < 45; y++)
      for (const region of REGIONS)
        for (const m of ['03', '07', '11']) {
          const period = `${y}-${m}`;
          if (period < bounds[0].last && !busy.has(`${region}|${period}`) && keys.length < 45)
            keys.push({ region, period });
        }
    expect(keys).toHaveLength(45);
    const entry = (k: { region: string; period: string }, value: number) => ({
      region: k.region,
      indicator: INDICATOR,
      period: k.period,
      value,
      confidence: 'medium',
      source: { citation: CITATION },
    });

    // 40 distinct entries, split across A and B, all in flight at once.
    const distinct = keys.slice(0, 40);
    const statuses = await Promise.all(
      distinct.map(
        async (k, i) => (await post(i % 2 ? b : a, analysts[i % 2]!, '/api/observations', entry(k, 2))).status,
      ),
    );
    expect(statuses).toEqual(distinct.map(() => 201));
    // The same entry sent to both at once, five times over: one kept, the other refused.
    for (const k of keys.slice(40)) {
      const both = await Promise.all(
        [a, b].map(
          async (server, i) => (await post(server, analysts[i]!, '/api/observations', entry(k, i + 1))).status,
        ),
      );
      expect(both.sort()).toEqual([201, 409]);
    }

    const { rows: kept } = await pool.$client.query(
      `select region_code, period, count(*)::int as n from observations
        where state = 'current' and indicator_id = $1 and source_citation = $2 group by region_code, period`,
      [INDICATOR, CITATION],
    );
    expect(kept).toHaveLength(45);
    expect(kept.every((r: { n: number }) => r.n === 1)).toBe(true);
    const { rows: audits } = await pool.$client.query(
      `select count(*)::int as n from audit_log where entity = 'observation' and action = 'create'`,
    );
    expect(audits[0].n).toBe(45);

    // The scores each write left, against every family rebuilt from the same observations.
    const incremental = await scoreRows();
    await pool.$client.query(`update settings set value = 'outdated' where key = 'scores.stamp'`);
    expect(await rescoreAfterWriteAsync(pgAsync(pool), [])).toBeGreaterThan(0);
    const rebuilt = await scoreRows();
    expect(rebuilt.length).toBe(incremental.length);
    expect(incremental).toEqual(rebuilt);
  });
});
