import { count, eq, inArray, sql } from 'drizzle-orm';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openJobDatabase } from '../../db/child-job.ts';
import { createUserAndLogin, type Credentials } from '../helpers/auth.ts';
import { seededDbCopy } from '../helpers/seeded-db.ts';
import { inspect, spawnCli, spawnServer, writeBigCsv, type ServerProcess } from './processes.ts';
import { createFixture, validObservation, type Fixture } from './write-requests.ts';

const ANALYSTS = 4;
const CLI_ROWS = 30_000;
const API_ROWS = 5_000;

let dbPath: string;
let server: ServerProcess;
let analysts: Credentials[];
let fixture: Fixture;

/**
 * What the writers left in the server's database, read through a connection of its own on either
 * engine (the SQLite file, or the PostgreSQL database of the postgres project): observations, current
 * ones, current slots held twice, the given observations by id and the rows of each import batch.
 */
async function outcome(ids: number[]) {
  const { data: a, close } = openJobDatabase(server.databaseUrl ?? dbPath);
  try {
    const o = a.t.observations;
    const b = a.t.importBatches;
    const n = async (q: Promise<{ n: number }[]>) => Number((await q)[0]!.n);
    const byId = new Map<number, unknown>();
    for (let i = 0; i < ids.length; i += 500)
      for (const r of await a.db
        .select({ id: o.id, region: o.regionCode, indicator: o.indicatorId, period: o.period, state: o.state })
        .from(o)
        .where(inArray(o.id, ids.slice(i, i + 500)))) {
        const { id, ...row } = r;
        byId.set(id, row);
      }
    return {
      observations: await n(a.db.select({ n: count() }).from(o)),
      current: await n(a.db.select({ n: count() }).from(o).where(eq(o.state, 'current'))),
      duplicates: (
        await a.db
          .select({ n: count() })
          .from(o)
          .where(eq(o.state, 'current'))
          .groupBy(o.regionCode, o.indicatorId, o.period)
          .having(sql`count(*) > 1`)
      ).length,
      byId,
      perBatch: (
        await a.db
          .select({ file: b.fileName, n: count(o.id) })
          .from(b)
          .innerJoin(o, eq(o.batchId, b.id))
          .groupBy(b.id, b.fileName)
          .orderBy(b.id)
      ).map((r) => ({ file: r.file, n: Number(r.n) })),
    };
  } finally {
    await close();
  }
}

beforeAll(async () => {
  dbPath = seededDbCopy();
  server = await spawnServer(dbPath);
  // On PostgreSQL (the postgres project) the accounts go into the server's database, not the file.
  const target = { url: server.url, dbPath, databaseUrl: server.databaseUrl };
  analysts = [];
  for (let i = 0; i < ANALYSTS; i++) analysts.push(await createUserAndLogin(target, 'analyst'));
  fixture = await createFixture(target, await createUserAndLogin(target, 'admin'));
}, 120_000);
afterAll(() => server?.stop());

describe('concurrent writers (SQLite: WAL with a busy timeout; PostgreSQL: the observations lock)', () => {
  it(`${ANALYSTS} analysts entering observations, an API import and a CLI import in another process: nothing lost, nothing duplicated`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigil-concurrency-'));
    // The files name regions and indicators of the seeded copy, which the server's database holds on
    // either engine (on PostgreSQL it was copied from that file); the writes go to the server's database.
    writeBigCsv(dbPath, join(dir, 'cli.csv'), CLI_ROWS, 0, 'concurrent-cli');
    writeBigCsv(dbPath, join(dir, 'api.csv'), API_ROWS, CLI_ROWS, 'concurrent-api');
    const before = await outcome([]);

    // The CLI in another process, on the server's database (PostgreSQL: by VIGIL_DATABASE_URL).
    const cli = spawnCli(
      dbPath,
      ['import', join(dir, 'cli.csv')],
      server.databaseUrl ? { VIGIL_DATABASE_URL: server.databaseUrl } : {},
    );
    let cliRunning = true;
    void cli.done.then(() => (cliRunning = false));
    const apiImport = fetch(`${server.url}/api/imports?name=concurrent-api.csv`, {
      method: 'POST',
      headers: { ...analysts[0]!.bearer, 'Content-Type': 'text/csv' },
      body: readFileSync(join(dir, 'api.csv')),
    });
    // Each analyst keeps entering observations (and correcting every fifth) while the CLI import runs.
    const entered: { id: number; region: string; indicator: string; period: string }[] = [];
    const statuses: number[] = [];
    const analystLoop = async (who: Credentials) => {
      for (let n = 0; (cliRunning || n < 10) && n < 150; n++) {
        const body = validObservation(fixture);
        const res = await fetch(`${server.url}/api/observations`, {
          method: 'POST',
          headers: { ...who.bearer, 'Content-Type': 'application/json' },
          body: JSON.stringify(body),
        });
        statuses.push(res.status);
        if (res.status !== 201) continue;
        const row = (await res.json()) as { id: number; regionCode: string; indicatorId: string; period: string };
        if (n % 5 !== 4) {
          entered.push({ id: row.id, region: body.region, indicator: body.indicator, period: body.period });
          continue;
        }
        const fix = await fetch(`${server.url}/api/observations/${row.id}/supersede`, {
          method: 'POST',
          headers: { ...who.bearer, 'Content-Type': 'application/json' },
          body: JSON.stringify({ value: (body.value % 4) + 1, reason: 'Second source' }),
        });
        statuses.push(fix.status);
        if (fix.status === 201)
          entered.push({
            id: ((await fix.json()) as { id: number }).id,
            region: body.region,
            indicator: body.indicator,
            period: body.period,
          });
      }
    };
    await Promise.all(analysts.map(analystLoop));
    const [cliDone, apiRes] = await Promise.all([cli.done, apiImport]);
    const apiReport = (await apiRes.json()) as { status: string; wouldCreate: number };
    console.log(
      `concurrent writes: ${statuses.length} analyst requests (${statuses.filter((s) => s >= 200 && s < 300).length} ok), CLI import ${CLI_ROWS} rows, API import ${API_ROWS} rows`,
    );

    expect(
      statuses.filter((s) => s !== 201),
      `analyst writes that failed; server said:\n${server.output().slice(-3000)}`,
    ).toEqual([]);
    expect(cliDone.code, cliDone.output).toBe(0);
    expect(apiRes.status).toBe(201);
    expect(apiReport.wouldCreate).toBe(API_ROWS);

    const after = await outcome(entered.map((e) => e.id));
    // The SQLite file's own check, where there is one (on PostgreSQL the server's database is not a file).
    if (!server.databaseUrl) expect(inspect(dbPath).integrity).toBe('ok');
    expect(after.duplicates).toBe(0);
    const corrections = statuses.length - entered.length;
    expect(after.observations).toBe(before.observations + entered.length + corrections + CLI_ROWS + API_ROWS);
    expect(after.current).toBe(before.current + entered.length + CLI_ROWS + API_ROWS);

    for (const e of entered)
      expect(after.byId.get(e.id), `observation ${e.id}`).toEqual({
        region: e.region,
        indicator: e.indicator,
        period: e.period,
        state: 'current',
      });
    expect(after.perBatch).toEqual(
      expect.arrayContaining([
        { file: 'cli.csv', n: CLI_ROWS },
        { file: 'concurrent-api.csv', n: API_ROWS },
      ]),
    );
  }, 300_000);
});
