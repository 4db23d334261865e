import { and, asc, eq, gt, lte, max, min } from 'drizzle-orm';
import { createApp } from '../../api/app.ts';
import { MethodSchema, ScenarioSchema } from '../../api/schemas.ts';
import { encodeBody } from '../../api/services/scores/response-cache.ts';
import { compareScoreAnswers, type AnswerDifference } from '../../api/services/scores/score-answers.ts';
import { scoresBodyAsync } from '../../api/services/scores/scores-body.ts';
import { recomputeAllAsync } from '../../api/services/scores/rescore-async.ts';
import type { BackupEngine } from '../../db/backup/engine.ts';
import { openDb, type Connection } from '../../db/client.ts';
import { sqliteHandleOf, type AsyncDb } from '../../db/async.ts';
import { runMigrations } from '../../db/migrate.ts';
import { scoresAsync } from '../../db/queries/scores.ts';
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

/** Rows read per query when a table is walked in id order. */
const PAGE = 5_000;
/** An id above every other: the largest PostgreSQL `integer` (ids are integers on both engines). */
const LAST_ID = 2_147_483_647;

/** Audit entries with an id in (`from`, `to`], in id order, a page at a time. */
async function* auditRows(a: AsyncDb, from: number, to: number) {
  const l = a.t.auditLog;
  const columns = {
    id: l.id,
    at: l.at,
    actor: l.actor,
    action: l.action,
    entity: l.entity,
    entityId: l.entityId,
    before: l.before,
    after: l.after,
    batchId: l.batchId,
  };
  for (let after = from; ;) {
    const page = await a.db
      .select(columns)
      .from(l)
      .where(and(gt(l.id, after), lte(l.id, to)))
      .orderBy(asc(l.id))
      .limit(PAGE);
    yield* page;
    if (page.length < PAGE) return;
    after = page.at(-1)!.id;
  }
}

const lastAuditId = async (a: AsyncDb) =>
  Number((await a.db.select({ n: max(a.t.auditLog.id) }).from(a.t.auditLog))[0]?.n ?? 0);

async function compareAudit(backup: AsyncDb, live: AsyncDb): Promise<RestoreCheckReport['auditPrefix']> {
  const last = await lastAuditId(backup);
  const l = auditRows(live, 0, last);
  let entries = 0;
  for await (const x of auditRows(backup, 0, last)) {
    const y = await l.next();
    if (y.done || JSON.stringify(x) !== JSON.stringify(y.value)) return { same: false, firstDifferentId: x.id };
    entries += 1;
  }
  return { same: true, entries };
}

/**
 * Observation fields never changed after insert (a correction or retraction only marks the row), with
 * an id in (`from`, `to`], in id order; at most `limit`.
 */
function observationRows(a: AsyncDb, from: number, to: number, limit?: number) {
  const o = a.t.observations;
  const q = a.db
    .select({
      id: o.id,
      regionCode: o.regionCode,
      indicatorId: o.indicatorId,
      period: o.period,
      value: o.value,
      confidence: o.confidence,
      sourceCitation: o.sourceCitation,
      sourceUrl: o.sourceUrl,
      sourceLocator: o.sourceLocator,
      note: o.note,
      supersedes: o.supersedes,
      enteredBy: o.enteredBy,
      enteredAt: o.enteredAt,
      batchId: o.batchId,
    })
    .from(o)
    .where(and(gt(o.id, from), lte(o.id, to)))
    .orderBy(asc(o.id));
  return limit === undefined ? q : q.limit(limit);
}

/**
 * Observations are append-only: every row of the backup must be in the live database with the same
 * immutable fields, and the live database may hold no other row up to the backup's last id. Both are
 * walked in id order, a page of the backup and the live rows of the same ids at a time.
 */
async function compareObservations(backup: AsyncDb, live: AsyncDb): Promise<RestoreCheckReport['observations']> {
  let rows = 0;
  let extra = 0;
  let last = 0;
  for (;;) {
    const page = await observationRows(backup, last, LAST_ID, PAGE);
    if (page.length === 0) break;
    const upTo = page.at(-1)!.id;
    const theirs = await observationRows(live, last, upTo);
    let j = 0;
    for (const x of page) {
      for (; j < theirs.length && theirs[j]!.id < x.id; j++) extra += 1;
      if (JSON.stringify(x) !== JSON.stringify(theirs[j]))
        return { same: false, problem: `observation ${x.id} differs from the live one, or is not there` };
      j += 1;
      rows += 1;
    }
    last = upTo;
  }
  if (extra)
    return { same: false, problem: `${extra} observations of the live database up to id ${last} are missing from it` };
  return { same: true, rows };
}

/** The score-changing writes after the backup's last audit entry, and the first month they can change. */
async function laterWrites(backup: AsyncDb, live: AsyncDb): Promise<{ count: number; from: string | null }> {
  const o = live.t.observations;
  const firstOfBatch = async (batch: number) =>
    (
      await live.db
        .select({ p: min(o.period) })
        .from(o)
        .where(eq(o.batchId, batch))
    )[0]?.p;
  let count = 0;
  let from: string | null = null;
  const earlier = (p: string | null | undefined) => {
    if (p && (from === null || p < from)) from = p;
  };
  for await (const r of auditRows(live, await lastAuditId(backup), LAST_ID)) {
    if (NO_SCORE_EFFECT.has(r.entity)) continue;
    count += 1;
    if (r.entity === 'observation') earlier((r.after as { period?: string } | null)?.period ?? '0000-00');
    else if (r.entity === 'import_batch') earlier((await firstOfBatch(Number(r.batchId ?? r.entityId))) ?? '0000-00');
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
const answerOf = async (data: AsyncDb, k: AnswerKey) => encodeBody(await scoresBodyAsync(data, viewOf(k))).etag;

/**
 * The SQLite handle an app over a PostgreSQL database is given: migrated and closed, so that a route
 * that read it instead of the database fails the spot check rather than passing.
 */
function closedSqlite(): Connection {
  const closed = openDb(':memory:');
  runMigrations(closed);
  closed.$client.close();
  return closed;
}

/**
 * Spot checks that the answers built directly are what the API answers: `/api/scores` asked through the
 * app for `period`, every lens and level, must carry the ETag of the body built with the route's own
 * function. Asked of the restored backup only: on SQLite the route's workers read the file outside the
 * drill's read transaction, and the live database may be written meanwhile. Returns how many answers were asked.
 */
async function spotCheck(data: AsyncDb, period: string | undefined, levels: readonly number[]) {
  const app = createApp({ db: sqliteHandleOf(data) ?? closedSqlite(), data, version: 'restore-check' });
  let asked = 0;
  if (period)
    for (const lens of LENSES)
      for (const level of levels) {
        const res = await app.request(`/api/scores?period=${period}&lens=${lens}&level=${level}`);
        const etag = res.headers.get('ETag');
        await res.body?.cancel();
        const k = { period, lens, level };
        if (res.status !== 200 || etag !== (await answerOf(data, k)))
          throw new Error(
            `/api/scores for ${period}, ${lens}, level ${level} answered ${res.status} ${etag}, not the scores built directly`,
          );
        asked += 1;
      }
  return asked;
}

/** What {@link restoreCheck} reports, and where it restored the backup and which database it read. */
export type RestoreCheckOutcome = RestoreCheckReport & { scratch: string; live: string };

/**
 * The restore drill, on either engine: restores `file` into a scratch database (`engine.restoreScratch`:
 * a SQLite file in a scratch folder, or a PostgreSQL database created for it on the same server;
 * migrated, scores recomputed from its observations, as `vigil restore` does), reads the live
 * database in one read-only transaction (a consistent snapshot; nothing is written to it), and
 * compares `/api/scores` for every stored month, lens and level with {@link compareScoreAnswers}, as
 * `vigil migrate-db` does. Both are append-only, so the backup's audit log must be the live log's
 * beginning and its observations must be in the live database unchanged; months whose scores differ
 * are explained only when writes recorded after the backup can reach them. The scratch database is
 * deleted afterwards, also when the check fails.
 */
export async function restoreCheck(
  engine: Pick<BackupEngine, 'restoreScratch' | 'readLive'>,
  file: string,
): Promise<RestoreCheckOutcome> {
  const scratch = await engine.restoreScratch(file);
  try {
    const backup = scratch.data;
    await recomputeAllAsync(backup);
    const live = await engine.readLive();
    try {
      const auditPrefix = await compareAudit(backup, live.data);
      const observations = await compareObservations(backup, live.data);
      const later = await laterWrites(backup, live.data);
      const answers = await compareScoreAnswers(backup, live.data, { every: true });
      const months = [...(await scoresAsync.periods(backup)), ...(await scoresAsync.periods(live.data))];
      const spotChecked = await spotCheck(backup, months.sort().at(-1), answers.levels);
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
        scratch: scratch.where,
        live: live.where,
      };
    } finally {
      await live.close();
    }
  } finally {
    await scratch.close();
  }
}
