import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

beforeAll(async () => {
  dbPath = seededDbCopy();
  server = await spawnServer(dbPath);
  const target = { url: server.url, dbPath };
  analysts = [];
  for (let i = 0; i < ANALYSTS; i++) analysts.push(await createUserAndLogin(target, 'analyst'));
  fixture = await createFixture(target, await createUserAndLogin(target, 'admin'));
}, 120_000);
afterAll(() => server?.stop());

describe('concurrent writers under WAL with a busy timeout', () => {
  it(`${ANALYSTS} analysts entering observations, an API import and a CLI import in another process: nothing lost, nothing duplicated`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigil-concurrency-'));
    writeBigCsv(dbPath, join(dir, 'cli.csv'), CLI_ROWS, 0, 'concurrent-cli');
    writeBigCsv(dbPath, join(dir, 'api.csv'), API_ROWS, CLI_ROWS, 'concurrent-api');
    const before = inspect(dbPath);

    const cli = spawnCli(dbPath, ['import', join(dir, 'cli.csv')]);
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

    const after = inspect(dbPath);
    expect(after.integrity).toBe('ok');
    expect(after.duplicates).toBe(0);
    const corrections = statuses.length - entered.length;
    expect(after.observations).toBe(before.observations + entered.length + corrections + CLI_ROWS + API_ROWS);
    expect(after.current).toBe(before.current + entered.length + CLI_ROWS + API_ROWS);

    const db = new Database(dbPath, { readonly: true });
    try {
      const get = db.prepare(
        'SELECT region_code AS region, indicator_id AS indicator, period, state FROM observations WHERE id = ?',
      );
      for (const e of entered)
        expect(get.get(e.id), `observation ${e.id}`).toEqual({
          region: e.region,
          indicator: e.indicator,
          period: e.period,
          state: 'current',
        });
      const perBatch = db
        .prepare(
          'SELECT b.file_name AS file, count(o.id) AS n FROM import_batches b JOIN observations o ON o.batch_id = b.id GROUP BY b.id ORDER BY b.id',
        )
        .all();
      expect(perBatch).toEqual(
        expect.arrayContaining([
          { file: 'cli.csv', n: CLI_ROWS },
          { file: 'concurrent-api.csv', n: API_ROWS },
        ]),
      );
    } finally {
      db.close();
    }
  }, 300_000);
});
