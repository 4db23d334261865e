import Database from 'better-sqlite3';
import { renameSync, rmSync, statSync } from 'node:fs';
import type { RowCounts } from './engine.ts';

// `node --import tsx db/backup/sqlite-job.ts <live database> <backup file>`, started by the SQLite
// backup engine in a process of its own: prints one JSON line, the outcome or the error.

function counts(db: Database.Database): RowCounts {
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .all() as { name: string }[];
  return Object.fromEntries(
    tables.map((t) => [t.name, (db.prepare(`SELECT count(*) AS n FROM "${t.name}"`).get() as { n: number }).n]),
  );
}

async function run(source: string, file: string) {
  const t0 = performance.now();
  const partial = `${file}.partial`;
  rmSync(partial, { force: true });
  const live = new Database(source, { readonly: true, fileMustExist: true });
  let rows: RowCounts;
  try {
    // One read transaction: the counts and every page copied come from the same WAL snapshot, however
    // much the server writes meanwhile (its commits go to the WAL, after the snapshot).
    live.exec('BEGIN');
    rows = counts(live);
    await live.backup(partial);
    live.exec('COMMIT');
  } finally {
    live.close();
  }
  try {
    // The copy is in WAL mode like its source; a backup is one self-contained file.
    const own = new Database(partial, { fileMustExist: true });
    own.pragma('journal_mode = DELETE');
    own.close();
    const copy = new Database(partial, { readonly: true, fileMustExist: true });
    try {
      const integrity = (copy.pragma('integrity_check') as { integrity_check: string }[])
        .map((r) => r.integrity_check)
        .join('; ');
      if (integrity !== 'ok') throw new Error(`the copy fails its integrity check: ${integrity}`);
      const copied = counts(copy);
      if (!('__drizzle_migrations' in copied) || !('observations' in copied))
        throw new Error('the copy is not a Vigil database (no migrations or observations table)');
      const differ = Object.keys({ ...rows, ...copied }).filter((t) => rows[t] !== copied[t]);
      if (differ.length)
        throw new Error(
          `the copy's row counts differ from the live database's at the cut: ${differ.map((t) => `${t} ${copied[t] ?? 'missing'} vs ${rows[t] ?? 'missing'}`).join(', ')}`,
        );
    } finally {
      copy.close();
    }
    renameSync(partial, file);
  } catch (e) {
    for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${partial}${suffix}`, { force: true });
    throw e;
  }
  return { file, bytes: statSync(file).size, seconds: (performance.now() - t0) / 1000, rows };
}

const [source, file] = process.argv.slice(2);
try {
  if (!source || !file) throw new Error('usage: sqlite-job.ts <live database> <backup file>');
  console.log(JSON.stringify({ ok: true, ...(await run(source, file)) }));
} catch (e) {
  console.log(JSON.stringify({ ok: false, error: e instanceof Error ? e.message : String(e) }));
}
