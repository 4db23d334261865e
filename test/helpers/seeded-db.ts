import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { openDb, type Connection } from '../../db/client.ts';
import { runMigrations } from '../../db/migrate.ts';
import { seedDefaults } from '../../db/seed/index.ts';
import { setSetting } from '../../db/queries/settings.ts';
import { seedUcdpSample, UCDP_SEED_SETTING } from '../../api/services/ucdp/bundled-sample.ts';
import { recomputeAll } from '../../api/services/scores/recompute.ts';
import { computeValidation } from '../../api/services/validation/validation.ts';

function hashTree(h: ReturnType<typeof createHash>, dir: string): void {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) hashTree(h, p);
    else h.update(p).update(readFileSync(p));
  }
}

/**
 * A fresh copy of a database that is migrated, seeded with the bundled data and scored, in its own
 * temp folder: what a server would build on its first start (about ten seconds), built once per
 * version of the code that shapes it (db/, indicators/, api/services/, this file) and copied for each caller.
 * It leaves out the bundled UCDP sample (marked as skipped, so a server started on a copy does not
 * load it): tests that need UCDP data import them, and a fresh `startServer()` shows the real first start.
 */
export function seededDbCopy(): string {
  return copyOf(template('seeded', (db) => setSetting(db, UCDP_SEED_SETTING, 'skipped: test template')));
}

/**
 * A fresh copy of {@link seededDbCopy}'s data with the model's validation computed and stored, as a
 * server has it once `/api/validation` was first asked (seconds of backtesting): for tests that read
 * the validation figures but are not about computing them (that stays with `seededDbCopy()`).
 */
export function validatedDbCopy(): string {
  return copyOf(
    template('validated', (db) => {
      setSetting(db, UCDP_SEED_SETTING, 'skipped: test template');
      computeValidation(db);
    }),
  );
}

/**
 * A fresh copy of what a server's real first start builds — {@link seededDbCopy}'s data plus the bundled
 * UCDP sample loaded through the importer — built once per version of the code (like the seeded
 * template) instead of once per test file: for tests that look at the bundled data as a new user sees
 * them but are not about the first start itself (that stays with a plain `startServer()`).
 */
export async function firstStartDbCopy(): Promise<string> {
  const path = templatePath('first-start');
  if (!existsSync(path)) {
    const building = `${path}.${process.pid}.tmp`;
    const db = buildSeeded(building);
    await seedUcdpSample(db);
    keepAsTemplate(db, building, path);
  }
  return copyOf(path);
}

/**
 * A fresh copy of a database a test file describes: migrated, seeded with the bundled defaults, then
 * `fill`ed (the file's own rows), then what a server's first start adds (the scores, the bundled UCDP
 * sample) — so that a server started on it has nothing left to do. Built once per version of the code
 * that shapes it and of `source` (the file that holds `fill`, its `import.meta.url`), like the other templates.
 */
export async function filledDbCopy(kind: string, source: string, fill: (db: Connection) => void): Promise<string> {
  const path = templatePath(kind, [new URL(source)]);
  if (!existsSync(path)) {
    const building = `${path}.${process.pid}.tmp`;
    const db = openDb(building);
    runMigrations(db);
    seedDefaults(db);
    fill(db);
    recomputeAll(db);
    await seedUcdpSample(db);
    keepAsTemplate(db, building, path);
  }
  return copyOf(path);
}

/** The template of `kind`, built (seeded, scored, then `finish`ed) when this version of the code has none yet. */
function template(kind: string, finish: (db: Connection) => void): string {
  const path = templatePath(kind);
  if (!existsSync(path)) {
    const building = `${path}.${process.pid}.tmp`;
    const db = buildSeeded(building);
    finish(db);
    keepAsTemplate(db, building, path);
  }
  return path;
}

/** The template's path: named after a hash of the code that shapes it (and of `sources`), so a change builds it anew. */
function templatePath(kind: string, sources: URL[] = []): string {
  const h = createHash('sha256');
  for (const dir of ['db', 'indicators', 'api/services']) hashTree(h, dir);
  for (const file of [new URL(import.meta.url), ...sources]) h.update(readFileSync(file));
  return join(tmpdir(), `vigil-${kind}-${h.digest('hex').slice(0, 16)}.db`);
}

function buildSeeded(path: string): Connection {
  const db = openDb(path);
  runMigrations(db);
  seedDefaults(db);
  recomputeAll(db);
  return db;
}

/** Closes the built database as one self-contained file and moves it into place (atomic: racing builders both succeed). */
function keepAsTemplate(db: Connection, building: string, template: string): void {
  db.$client.pragma('wal_checkpoint(TRUNCATE)');
  db.$client.pragma('journal_mode = DELETE');
  db.$client.close();
  renameSync(building, template);
}

function copyOf(template: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'vigil-test-')), 'vigil.db');
  copyFileSync(template, path);
  return path;
}

/** A connection to a private {@link seededDbCopy} (migrated), for tests that call services directly; `close()` deletes the copy. */
export function openSeededCopy(): { db: Connection; close(): void } {
  const path = seededDbCopy();
  const db = openDb(path);
  runMigrations(db);
  return {
    db,
    close: () => {
      db.$client.close();
      rmSync(dirname(path), { recursive: true, force: true });
    },
  };
}
