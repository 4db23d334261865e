import { BASELINE_SCENARIO, MODEL_VERSION } from '../../../indicators/index.ts';
import type { ScoredRow } from '../../../indicators/index.ts';
import type { Db } from '../../../db/client.ts';
import { loadCatalogue } from '../../../db/queries/catalogue.ts';
import { observationBounds } from '../../../db/queries/observations.ts';
import { listRegions, type RegionRow } from '../../../db/queries/regions.ts';
import {
  clearScores,
  replaceRegionScores,
  replaceScores,
  scoreInserter,
  scoreValuesInserter,
  withScoreIndexesRebuilt,
  type NewScore,
} from '../../../db/queries/scores.ts';
import { sqliteOf } from '../../../db/queries/raw.ts';
import { getSetting, setSetting } from '../../../db/queries/settings.ts';
import { rescoreRegion } from './rescore-region.ts';
import {
  baselineSweep,
  planFamilies,
  scoringContext,
  sweepStoredFamilies,
  type FamilyPlan,
  type ScoringContext,
} from './sweep-scores.ts';
import { isBusyError, WritesPausedError, writeGateClosed } from '../../../db/write-gate.ts';
import { unpackRows } from './packed-rows.ts';
import { SWEEP_THREADS, sweepInThreads } from './sweep-threads.ts';

/** Setting that records which months and which model version the stored scores cover. */
export const STAMP_KEY = 'scores.stamp';

/** A model row as stored. */
export function toStored(r: ScoredRow, scenario: string): NewScore {
  const s = r.score;
  return {
    scenario,
    lens: s.lens,
    period: s.period,
    regionCode: s.region,
    level: r.level,
    score: s.score,
    class: s.class,
    coverage: s.coverage,
    confidence: s.confidence,
    trend3: r.trend3,
    trend12: r.trend12,
    drivers: s.drivers,
    rolledUpFrom: s.rolledUpFrom,
    indicatorsObserved: s.evidence.indicators,
    groupsObserved: s.evidence.groups,
    sourcesObserved: s.evidence.sources,
    signsObserved: s.evidence.signs,
    ownObserved: s.evidence.own,
  };
}

/** The {@link STAMP_KEY} value of scores computed by this model over the months `first`–`last`. */
export const stamp = (first: string, last: string) => `${MODEL_VERSION}|${first}|${last}`;

/** True when the stored scores were not computed by this model version over the current months. */
export function scoresOutdated(db: Db): boolean {
  const { first, last } = observationBounds(db);
  return first !== null && last !== null && getSetting(db, STAMP_KEY) !== stamp(first, last);
}

/** Below this many observation rows (the largest id: no count over millions), a full recompute sweeps on the calling thread: starting threads costs more than it saves. */
export const THREADED_FROM_ROWS = 200_000;

/**
 * How many threads a full recompute of `db` sweeps on: none (the calling thread) for an in-memory
 * database, which no other thread can open, inside a transaction already open, whose writes other
 * connections do not see, and for a small database; else `threads` or one per core.
 */
export function sweepThreadsFor(db: Db, threads: number | undefined): number {
  const client = sqliteOf(db);
  if (client.memory || client.inTransaction) return 0;
  if (threads !== undefined) return threads;
  const rows = client.prepare('select coalesce(max(id), 0) from observations').pluck().get() as number;
  return rows < THREADED_FROM_ROWS ? 0 : SWEEP_THREADS;
}

/** What a full recompute sweeps: the catalogue's baseline over every region, and the months to score (null when there is nothing to score). */
export interface RecomputePlan {
  plans: FamilyPlan[];
  first: string;
  last: string;
  /** The setting value that marks stored scores as covering these months with this model. */
  stamp: string;
}

/** The plan of a full recompute of `db`, or null when there is no catalogue or no observation. */
export function recomputePlan(db: Db): RecomputePlan | null {
  const catalogue = loadCatalogue(db);
  const { first, last } = observationBounds(db);
  if (!catalogue || !first || !last) return null;
  return { plans: planFamilies(listRegions(db)), first, last, stamp: stamp(first, last) };
}

/**
 * Sweeps every family of `plan`, reading observations from `from` and inserting the baseline rows
 * into the scores table of `into` (the same database, or a scratch one), on `threads` worker threads
 * reading the file of `from` (0: on this thread). Call inside a transaction on `into`. Returns the row count.
 */
export function sweepInto(
  from: Db,
  into: Db,
  plan: RecomputePlan,
  threads: number,
  opts: { sweepWorker?: URL } = {},
): number {
  let rows = 0;
  if (threads > 0) {
    const insert = scoreValuesInserter(into, BASELINE_SCENARIO);
    sweepInThreads(
      sqliteOf(from).name,
      plan.plans,
      plan.first,
      plan.last,
      threads,
      (packed) => {
        unpackRows(packed, insert);
        rows += packed.rows;
      },
      opts,
    );
    return rows;
  }
  const catalogue = loadCatalogue(from);
  if (!catalogue) throw new Error('no catalogue');
  const insert = scoreInserter(into, BASELINE_SCENARIO);
  sweepStoredFamilies(from, baselineSweep(catalogue), plan.plans, plan.first, plan.last, (row) => {
    insert(row);
    rows++;
  });
  return rows;
}

/**
 * Rebuilds every stored score of the baseline scenario from the current observations, in one
 * transaction. Families (a country and its regions) are read from the database and swept a chunk
 * at a time, on worker threads when the database is large (see {@link sweepThreadsFor}; `threads`
 * overrides the choice, 0 for this thread alone), while this thread writes the rows as they come,
 * so memory holds a few chunks whatever the number of observations. Returns the row count.
 * (The server rebuilds off its event loop and without holding the write lock meanwhile: `recomputeAllOffLoop`.)
 */
export function recomputeAll(db: Db, opts: { threads?: number; sweepWorker?: URL } = {}): number {
  const plan = recomputePlan(db);
  if (!plan) {
    replaceScores(db, BASELINE_SCENARIO, []);
    return 0;
  }
  const threads = sweepThreadsFor(db, opts.threads);
  let rows = 0;
  db.transaction((tx) => {
    clearScores(tx, BASELINE_SCENARIO);
    withScoreIndexesRebuilt(tx, () => {
      rows = sweepInto(threads > 0 ? db : tx, tx, plan, threads, opts);
    });
    setSetting(tx, STAMP_KEY, plan.stamp);
  });
  return rows;
}

/** Stores `plan.stamp` (the stored scores now cover its months with this model). Inside the transaction that stored them. */
export function stampScores(db: Db, plan: RecomputePlan): void {
  setSetting(db, STAMP_KEY, plan.stamp);
}

/**
 * Writes noted while a full recompute of one database file is built away from it (see
 * `recomputeAllOffLoop`): the regions written, each with the earliest month (undefined: every
 * month). Once the new rows are stored, these regions
 * are rescored again, since the rebuild may have read them before the write.
 */
export interface WriteWatch {
  regions: Map<string, string | undefined>;
  /** The file's write gate, closed while the new rows are stored. */
  gate: Int32Array;
}

const watches = new Map<string, WriteWatch>();

/** Starts noting the writes to `db`'s file (until {@link unwatchWrites}). */
export function watchWrites(db: Db, gate: Int32Array): WriteWatch {
  const watch: WriteWatch = { regions: new Map(), gate };
  watches.set(sqliteOf(db).name, watch);
  return watch;
}

/** Stops noting the writes to `db`'s file. */
export function unwatchWrites(db: Db): void {
  watches.delete(sqliteOf(db).name);
}

function note(watch: WriteWatch, regionCodes: readonly string[], from: string | undefined): void {
  for (const code of regionCodes) {
    if (!watch.regions.has(code)) watch.regions.set(code, from);
    else {
      // The earliest month any write touched; undefined (every month) wins.
      const had = watch.regions.get(code);
      watch.regions.set(code, had === undefined || from === undefined ? undefined : had < from ? had : from);
    }
  }
}

/** The country a region belongs to (itself for a country), or null when its chain does not reach one. */
export function countryOf(byCode: ReadonlyMap<string, RegionRow>, r: RegionRow): string | null {
  let at: RegionRow | undefined = r;
  for (let hops = 0; at && hops < 3; hops++) {
    if (at.level === 0) return at.code;
    at = at.parent ? byCode.get(at.parent) : undefined;
  }
  return null;
}

/**
 * Brings stored scores up to date after observations of `regionCodes` were written, rolled back or
 * corrected. Every write path calls this (never recomputeAll directly). While a full recompute of the
 * same file is built off this thread, the regions are also noted to be rescored once its rows are
 * stored; a write that would need every score rebuilt (the recompute under way builds again when the
 * months changed), or that meets the database paused while those rows are stored, leaves the work to it (the write itself is saved: this runs after it committed).
 * Returns the number of rows written.
 */
export function recomputeAfterWrite(db: Db, regionCodes: readonly string[], opts: { from?: string } = {}): number {
  const watch = watches.get(sqliteOf(db).name);
  if (!watch) return rescore(db, regionCodes, opts, () => recomputeAll(db));
  note(watch, regionCodes, opts.from);
  if (writeGateClosed(watch.gate)) return 0;
  try {
    // A full recompute is what is under way: once it stored its rows, it builds again if the months changed.
    return rescore(db, regionCodes, opts, () => 0);
  } catch (e) {
    if (e instanceof WritesPausedError || isBusyError(e)) return 0;
    throw e;
  }
}

/**
 * {@link recomputeAfterWrite}'s work, `all` standing for a full recompute. Only the affected rows are
 * rewritten. A single first-level region of a country is rescored on its own (its country's roll-up
 * decided again from the stored rows, see {@link rescoreRegion}); a country, a district, a region
 * with districts, or several regions of one country, get their whole family swept again: the
 * country, every region and every district (they inherit its observations). When the written months widen the scored range, or the model changed, everything
 * is rebuilt. `from`, the earliest month the write touched, leaves earlier months alone (no score
 * before it can depend on the write). Returns the number of rows written.
 */
function rescore(db: Db, regionCodes: readonly string[], opts: { from?: string }, all: () => number): number {
  const ctx = scoringContext(db);
  const { first, last } = observationBounds(db);
  if (!ctx || !first || !last || getSetting(db, STAMP_KEY) !== stamp(first, last)) return all();
  const { byCode, districtsOf } = ctx;
  const countries = new Set<string>();
  const single = new Map<string, string[]>();
  for (const code of new Set(regionCodes)) {
    const r = byCode.get(code);
    if (!r) continue;
    const country = countryOf(byCode, r);
    if (!country) return all();
    // A country, a district, or a region whose districts inherit its records: the whole family again.
    if (r.level !== 1 || districtsOf.has(r.code)) countries.add(country);
    else single.set(country, [...(single.get(country) ?? []), r.code]);
  }
  const since = sinceOf(opts.from, first, last);
  let written = 0;
  for (const [country, codes] of single) {
    if (codes.length === 1 && !countries.has(country))
      written += rescoreRegion(db, ctx, codes[0]!, country, first, last, since);
    else countries.add(country);
  }
  if (countries.size === 0) return written;
  const rewrite = familyMembers(ctx, countries);
  const rows: NewScore[] = [];
  sweepStoredFamilies(
    db,
    ctx.sweep,
    planFamilies(ctx.regions, countries),
    first,
    last,
    (r) => {
      if (rewrite.has(`${r.level}|${r.regionCode}`)) rows.push(r);
    },
    since,
  );
  replaceRegionScores(db, BASELINE_SCENARIO, [...rewrite.values()], rows, since);
  return written + rows.length;
}

/**
 * The first month a write from `from` can change, within the scored months `first`–`last`
 * (undefined: every month, for a write before the first or none named).
 */
export function sinceOf(from: string | undefined, first: string, last: string): string | undefined {
  return from && from > first ? (from < last ? from : last) : undefined;
}

/** Every region of some countries' families (the country, its first-level regions, their districts), by `level|code`: the rows a family's sweep rewrites. */
export function familyMembers(
  ctx: ScoringContext,
  countries: ReadonlySet<string>,
): Map<string, { code: string; level: number }> {
  const members = new Map<string, { code: string; level: number }>();
  for (const c of countries) {
    members.set(`0|${c}`, { code: c, level: 0 });
    for (const k of ctx.regionsOf.get(c) ?? []) {
      members.set(`1|${k}`, { code: k, level: 1 });
      for (const d of ctx.districtsOf.get(k) ?? []) members.set(`2|${d}`, { code: d, level: 2 });
    }
  }
  return members;
}
