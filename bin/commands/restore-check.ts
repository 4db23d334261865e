import type Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../api/app.ts';
import { MethodSchema, ScenarioSchema } from '../../api/schemas.ts';
import { encodeBody } from '../../api/services/scores/response-cache.ts';
import { compareScoreAnswers, type AnswerDifference } from '../../api/services/scores/score-answers.ts';
import { scoresBody } from '../../api/services/scores/scores-body.ts';
import { recomputeAll } from '../../api/services/scores/recompute.ts';
import type { BackupEngine } from '../../db/backup/engine.ts';
import { openDb, type Connection } from '../../db/client.ts';
import { sqliteAsync } from '../../db/async.ts';
import { scoredPeriods } from '../../db/queries/scores.ts';
import { LENSES } from '../../indicators/index.ts';

/** Audit entities whose writes never change a score. */
const NO_SCORE_EFFECT = new Set(['session', 'user', 'api_token', 'watchlist', 'region_alias']);

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
  /** `/api/scores` answers compared (scenarios' months × lenses × levels), by {@link compareScoreAnswers}. */
  compared: number;
  levels: number[];
  /** Of them, answers of the restored backup also asked through the API (all are built as its route builds them). */
  spotChecked: number;
  /** Answers that differ in months no later write explains: the backup does not hold what the live database held. */
  differing: AnswerDifference[];
  /** Answers that differ in months later writes can explain. */
  changedSince: AnswerDifference[];
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

/** Months, lenses and levels: one `/api/scores` answer of the baseline. */
type AnswerKey = { period: string; lens: string; level: number };

/** The baseline view of `/api/scores` for one month, lens and level, as the route reads its query. */
const viewOf = (k: AnswerKey) => ({
  ...k,
  lens: k.lens as (typeof LENSES)[number],
  scenario: ScenarioSchema.parse(undefined),
  method: MethodSchema.parse(undefined),
});

/** The ETag of the `/api/scores` answer for `k`: the body built with the route's own function, hashed as the response cache hashes it. */
const answerOf = (db: Connection, k: AnswerKey) => encodeBody(scoresBody(db, viewOf(k))).etag;

/**
 * Spot checks that the answers built directly are what the API answers: `/api/scores` asked through the
 * app for `period`, every lens and level, must carry the ETag of the body built with the route's own
 * function. Asked of the restored backup only: the route's workers read the file outside the drill's read
 * transaction, and the live file may be written meanwhile. Returns how many answers were asked.
 */
async function spotCheck(db: Connection, period: string | undefined, levels: readonly number[]) {
  const app = createApp({ db, version: 'restore-check' });
  let asked = 0;
  if (period)
    for (const lens of LENSES)
      for (const level of levels) {
        const res = await app.request(`/api/scores?period=${period}&lens=${lens}&level=${level}`);
        const etag = res.headers.get('ETag');
        await res.body?.cancel();
        const k = { period, lens, level };
        if (res.status !== 200 || etag !== answerOf(db, k))
          throw new Error(
            `/api/scores for ${period}, ${lens}, level ${level} answered ${res.status} ${etag}, not the scores built directly`,
          );
        asked += 1;
      }
  return asked;
}

/**
 * The restore drill: restores `file` into a scratch folder (migrated, scores recomputed from its
 * observations, as `vigil restore` does), reads the live database at `livePath` read-only inside one
 * read transaction (a consistent snapshot; nothing is written to it), and compares `/api/scores` for
 * every stored month, lens and level with {@link compareScoreAnswers}, as `vigil migrate-db` does. Both are append-only, so the backup's audit log must be the live
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
    const answers = await compareScoreAnswers(sqliteAsync(backup), sqliteAsync(live), { every: true });
    const lastMonth = [...scoredPeriods(backup), ...scoredPeriods(live)].sort().at(-1);
    const spotChecked = await spotCheck(backup, lastMonth, answers.levels);
    const differing: AnswerDifference[] = [];
    const changedSince: AnswerDifference[] = [];
    for (const d of answers.differences ?? [])
      (later.from !== null && d.period >= later.from ? changedSince : differing).push(d);
    return {
      auditPrefix,
      observations,
      laterWrites: later.count,
      changedFrom: later.from,
      months: answers.months,
      compared: answers.compared,
      levels: answers.levels,
      spotChecked,
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
