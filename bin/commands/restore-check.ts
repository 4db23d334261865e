import type Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../api/app.ts';
import { recomputeAll } from '../../api/services/scores/recompute.ts';
import type { BackupEngine } from '../../db/backup/engine.ts';
import { openDb, type Connection } from '../../db/client.ts';
import { LENSES } from '../../indicators/index.ts';

/** Audit entities whose writes never change a score. */
const NO_SCORE_EFFECT = new Set(['session', 'user', 'api_token', 'watchlist', 'region_alias']);

/** One `/api/scores` answer that differs between the restored backup and the live database. */
export interface ScoreDifference {
  period: string;
  lens: string;
  level: number;
}

/** What `vigil restore --check` found. */
export interface RestoreCheckReport {
  /** Whether the backup's audit log is the live log's beginning, entry for entry (it is append-only). */
  auditPrefix: { same: true; entries: number } | { same: false; firstDifferentId: number };
  /** Whether every observation of the backup is in the live database with the same immutable fields. */
  observations: { same: true; rows: number } | { same: false; problem: string };
  /** Score-changing writes recorded in the live audit log after the backup, and the first month they can affect. */
  laterWrites: number;
  changedFrom: string | null;
  months: number;
  /** `/api/scores` answers compared (months × lenses × levels). */
  compared: number;
  /** Answers that differ in months no later write explains: the backup does not hold what the live database held. */
  differing: ScoreDifference[];
  /** Answers that differ in months later writes can explain. */
  changedSince: ScoreDifference[];
}

type Row = Record<string, unknown>;
const auditRows = (db: Database.Database, from: number, to: number) =>
  db
    .prepare(
      'SELECT id, at, actor, action, entity, entity_id, before, after, batch_id FROM audit_log WHERE id > ? AND id <= ? ORDER BY id',
    )
    .iterate(from, to) as IterableIterator<Row>;

function compareAudit(backup: Database.Database, live: Database.Database): RestoreCheckReport['auditPrefix'] {
  const last = (backup.prepare('SELECT coalesce(max(id), 0) AS n FROM audit_log').get() as { n: number }).n;
  const b = auditRows(backup, 0, last);
  const l = auditRows(live, 0, last);
  let entries = 0;
  try {
    for (const x of b) {
      const y = l.next();
      if (y.done || JSON.stringify(x) !== JSON.stringify(y.value))
        return { same: false, firstDifferentId: Number(x.id) };
      entries += 1;
    }
    return { same: true, entries };
  } finally {
    // An open iterator keeps its connection busy.
    b.return?.();
    l.return?.();
  }
}

/** Observation fields never changed after insert (a correction or retraction only marks the row). */
const IMMUTABLE =
  'id, region_code, indicator_id, period, value, confidence, source_citation, source_url, source_locator, note, supersedes, entered_by, entered_at, batch_id';

/**
 * Observations are append-only: every row of the backup must be in the live database with the same
 * immutable fields, and the live database may hold no other row up to the backup's last id.
 */
function compareObservations(backup: Database.Database, live: Database.Database): RestoreCheckReport['observations'] {
  const find = live.prepare(`SELECT ${IMMUTABLE} FROM observations WHERE id = ?`);
  let rows = 0;
  let last = 0;
  for (const x of backup
    .prepare(`SELECT ${IMMUTABLE} FROM observations ORDER BY id`)
    .iterate() as IterableIterator<Row>) {
    const y = find.get(x.id);
    if (!y || JSON.stringify(x) !== JSON.stringify(y))
      return { same: false, problem: `observation ${String(x.id)} differs from the live one, or is not there` };
    rows += 1;
    last = Number(x.id);
  }
  const upTo = (live.prepare('SELECT count(*) AS n FROM observations WHERE id <= ?').get(last) as { n: number }).n;
  if (upTo !== rows)
    return {
      same: false,
      problem: `${upTo - rows} observations of the live database up to id ${last} are missing from it`,
    };
  return { same: true, rows };
}

/** The score-changing writes after the backup's last audit entry, and the first month they can change. */
function laterWrites(backup: Database.Database, live: Database.Database): { count: number; from: string | null } {
  const last = (backup.prepare('SELECT coalesce(max(id), 0) AS n FROM audit_log').get() as { n: number }).n;
  const firstOfBatch = live.prepare('SELECT min(period) AS p FROM observations WHERE batch_id = ?');
  let count = 0;
  let from: string | null = null;
  const earlier = (p: string | null | undefined) => {
    if (p && (from === null || p < from)) from = p;
  };
  for (const r of [...auditRows(live, last, Number.MAX_SAFE_INTEGER)]) {
    const entity = String(r.entity);
    if (NO_SCORE_EFFECT.has(entity)) continue;
    count += 1;
    const after = typeof r.after === 'string' ? (JSON.parse(r.after) as { period?: string } | null) : null;
    if (entity === 'observation') earlier(after?.period ?? '0000-00');
    else if (entity === 'import_batch')
      earlier((firstOfBatch.get(Number(r.batch_id ?? r.entity_id)) as { p: string | null }).p ?? '0000-00');
    else earlier('0000-00');
  }
  return { count, from };
}

async function scoreAnswers(db: Connection, periods: readonly string[]) {
  const app = createApp({ db, version: 'restore-check' });
  const answers = new Map<string, string>();
  for (const period of periods)
    for (const lens of LENSES)
      for (const level of [0, 1]) {
        const res = await app.request(`/api/scores?period=${period}&lens=${lens}&level=${level}`);
        // The ETag is a hash of the body's bytes: comparing it compares the answers without
        // decoding megabytes of JSON per month. An answer without one is compared by its text.
        const etag = res.headers.get('ETag');
        if (etag) await res.body?.cancel();
        answers.set(`${period}|${lens}|${level}`, `${res.status} ${etag ?? (await res.text())}`);
      }
  return answers;
}

async function periodsOf(db: Connection): Promise<string[]> {
  const res = await createApp({ db, version: 'restore-check' }).request('/api/periods');
  return (await res.json()) as string[];
}

/**
 * The restore drill: restores `file` into a scratch folder (migrated, scores recomputed from its
 * observations, as `vigil restore` does), reads the live database at `livePath` read-only inside one
 * read transaction (a consistent snapshot; nothing is written to it), and compares `/api/scores` for
 * every stored month, lens and level. Both are append-only, so the backup's audit log must be the live
 * log's beginning and its observations must be in the live database unchanged; months whose scores
 * differ are explained only when writes recorded after the backup can reach them.
 */
export async function restoreCheck(engine: BackupEngine, file: string, livePath: string): Promise<RestoreCheckReport> {
  const scratch = mkdtempSync(join(tmpdir(), 'vigil-restore-check-'));
  const live = openDb(livePath, { readonly: true });
  let backup: Connection | undefined;
  try {
    backup = await engine.restoreScratch(file, scratch);
    recomputeAll(backup);
    live.$client.exec('BEGIN');
    const auditPrefix = compareAudit(backup.$client, live.$client);
    const observations = compareObservations(backup.$client, live.$client);
    const later = laterWrites(backup.$client, live.$client);
    const periods = [...new Set([...(await periodsOf(backup)), ...(await periodsOf(live))])].sort();
    const [a, b] = [await scoreAnswers(backup, periods), await scoreAnswers(live, periods)];
    const differing: ScoreDifference[] = [];
    const changedSince: ScoreDifference[] = [];
    for (const [key, answer] of a) {
      if (b.get(key) === answer) continue;
      const [period = '', lens = '', level = '0'] = key.split('|');
      const d = { period, lens, level: Number(level) };
      (later.from !== null && period >= later.from ? changedSince : differing).push(d);
    }
    return {
      auditPrefix,
      observations,
      laterWrites: later.count,
      changedFrom: later.from,
      months: periods.length,
      compared: a.size,
      differing,
      changedSince,
    };
  } finally {
    if (live.$client.inTransaction) live.$client.exec('COMMIT');
    live.$client.close();
    backup?.$client.close();
    rmSync(scratch, { recursive: true, force: true });
  }
}
