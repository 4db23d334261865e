import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { spawn } from 'node:child_process';
import { openSync, closeSync, rmSync } from 'node:fs';
import type { Catalogue, ModelConfig } from '../../indicators/index.ts';
import { loadModelTables, modelSql } from './duckdb-model.ts';
import { track } from './processes.ts';

/** Runs a command to completion, its standard output into `stdoutFile` when given. */
export function run(cmd: string, args: readonly string[], stdoutFile?: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const fd = stdoutFile ? openSync(stdoutFile, 'w') : null;
    const child = spawn(cmd, args, { stdio: ['ignore', fd ?? 'ignore', 'pipe'], detached: true });
    track(child, true);
    let err = '';
    child.stderr?.on('data', (b: Buffer) => (err += b.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (fd !== null) closeSync(fd);
      if (code === 0) resolve();
      else reject(new Error(`${cmd} exited with ${code}: ${err.slice(0, 500)}`));
    });
  });
}

/** What the DuckDB baseline took and where its scores are. */
export interface DuckdbRun {
  /** Current observations out of SQLite into CSV (the sqlite3 shell). */
  exportSeconds: number;
  /** The CSV into a DuckDB table, plus the catalogue, lenses and regions. */
  loadSeconds: number;
  /** The model in SQL: every score of every lens, written to a table and checkpointed. */
  computeSeconds: number;
  rows: number;
  observations: number;
  threads: number;
  con: DuckDBConnection;
  close(): void;
}

/**
 * The DuckDB baseline: copies the current observations of the SQLite file into a DuckDB database
 * file (through CSV: DuckDB's SQLite extension cannot be downloaded here), then computes every score
 * with the model written in SQL ({@link modelSql}) into a persisted table.
 */
export async function runDuckdbModel(opts: {
  sqlitePath: string;
  duckPath: string;
  csvPath: string;
  catalogue: Pick<Catalogue, 'indicators'>;
  regions: readonly { code: string; level: number; parent: string | null }[];
  config: ModelConfig;
}): Promise<DuckdbRun> {
  rmSync(opts.duckPath, { force: true });
  rmSync(`${opts.duckPath}.wal`, { force: true });
  let t = performance.now();
  await run(
    'sqlite3',
    [
      '-csv',
      '-noheader',
      opts.sqlitePath,
      `select id, region_code, indicator_id, period, value, confidence, coalesce(source_key, source_citation) from observations where state = 'current'`,
    ],
    opts.csvPath,
  );
  const exportSeconds = (performance.now() - t) / 1000;
  const instance = await DuckDBInstance.create(opts.duckPath);
  const con = await instance.connect();
  t = performance.now();
  await con.run(
    `create table obs as select * from read_csv(${JSON.stringify(opts.csvPath).replace(/"/g, "'")}, header = false,
     columns = {'id': 'BIGINT', 'region': 'VARCHAR', 'indicator': 'VARCHAR', 'period': 'VARCHAR', 'value': 'DOUBLE', 'confidence': 'VARCHAR', 'source': 'VARCHAR'})`,
  );
  await loadModelTables(con, opts.catalogue, opts.regions);
  await con.run('checkpoint');
  const loadSeconds = (performance.now() - t) / 1000;
  t = performance.now();
  for (const statement of modelSql(opts.config)
    .split(';\n')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const t1 = performance.now();
    await con.run(statement);
    if (process.env.BENCH_TRACE)
      console.error(
        `  ${((performance.now() - t1) / 1000).toFixed(2)} s  ${statement.slice(0, 60).replace(/\s+/g, ' ')}`,
      );
  }
  await con.run('checkpoint');
  const computeSeconds = (performance.now() - t) / 1000;
  const count = async (table: string) =>
    Number((await con.runAndReadAll(`select count(*) from ${table}`)).getRows()[0]![0]);
  const threads = Number((await con.runAndReadAll(`select current_setting('threads')`)).getRows()[0]![0]);
  return {
    exportSeconds,
    loadSeconds,
    computeSeconds,
    rows: await count('scores_sql'),
    observations: await count('obs'),
    threads,
    con,
    close: () => {
      con.closeSync();
      instance.closeSync();
      rmSync(opts.csvPath, { force: true });
    },
  };
}
