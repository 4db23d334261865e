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
import { baselineSweep, planFamilies, scoringContext, sweepStoredFamilies } from './sweep-scores.ts';
import { unpackRows } from './packed-rows.ts';
import { SWEEP_THREADS, sweepInThreads } from './sweep-threads.ts';

/** Setting that records which months and which model version the stored scores cover. */
const STAMP_KEY = 'scores.stamp';

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

const stamp = (first: string, last: string) => `${MODEL_VERSION}|${first}|${last}`;

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
function sweepThreadsFor(db: Db, threads: number | undefined): number {
  const client = sqliteOf(db);
  if (client.memory || client.inTransaction) return 0;
  if (threads !== undefined) return threads;
  const rows = client.prepare('select coalesce(max(id), 0) from observations').pluck().get() as number;
  return rows < THREADED_FROM_ROWS ? 0 : SWEEP_THREADS;
}

/**
 * Rebuilds every stored score of the baseline scenario from the current observations, in one
 * transaction. Families (a country and its regions) are read from the database and swept a chunk
 * at a time, on worker threads when the database is large (see {@link sweepThreadsFor}; `threads`
 * overrides the choice, 0 for this thread alone), while this thread writes the rows as they come,
 * so memory holds a few chunks whatever the number of observations. Returns the row count.
 */
export function recomputeAll(db: Db, opts: { threads?: number } = {}): number {
  const catalogue = loadCatalogue(db);
  const { first, last } = observationBounds(db);
  if (!catalogue || !first || !last) {
    replaceScores(db, BASELINE_SCENARIO, []);
    return 0;
  }
  const sweep = baselineSweep(catalogue);
  const plans = planFamilies(listRegions(db));
  const threads = sweepThreadsFor(db, opts.threads);
  let rows = 0;
  db.transaction((tx) => {
    clearScores(tx, BASELINE_SCENARIO);
    withScoreIndexesRebuilt(tx, () => {
      if (threads > 0) {
        const insert = scoreValuesInserter(tx, BASELINE_SCENARIO);
        sweepInThreads(sqliteOf(db).name, plans, first, last, threads, (packed) => {
          unpackRows(packed, insert);
          rows += packed.rows;
        });
        return;
      }
      const insert = scoreInserter(tx, BASELINE_SCENARIO);
      sweepStoredFamilies(tx, sweep, plans, first, last, (row) => {
        insert(row);
        rows++;
      });
    });
    setSetting(tx, STAMP_KEY, stamp(first, last));
  });
  return rows;
}

/** The country a region belongs to (itself for a country), or null when its chain does not reach one. */
function countryOf(byCode: ReadonlyMap<string, RegionRow>, r: RegionRow): string | null {
  let at: RegionRow | undefined = r;
  for (let hops = 0; at && hops < 3; hops++) {
    if (at.level === 0) return at.code;
    at = at.parent ? byCode.get(at.parent) : undefined;
  }
  return null;
}

/**
 * Brings stored scores up to date after observations of `regionCodes` were written, rolled back or
 * corrected. Every write path calls this (never recomputeAll directly). Only the affected rows are
 * rewritten. A single first-level region of a country is rescored on its own (its country's roll-up
 * decided again from the stored rows, see {@link rescoreRegion}); a country, a district, a region
 * with districts, or several regions of one country, get their whole family swept again: the
 * country, every region and every district (they inherit its observations). When the written months widen the scored range, or the model changed, everything
 * is rebuilt. `from`, the earliest month the write touched, leaves earlier months alone (no score
 * before it can depend on the write). Returns the number of rows written.
 */
export function recomputeAfterWrite(db: Db, regionCodes: readonly string[], opts: { from?: string } = {}): number {
  const ctx = scoringContext(db);
  const { first, last } = observationBounds(db);
  if (!ctx || !first || !last || getSetting(db, STAMP_KEY) !== stamp(first, last)) return recomputeAll(db);
  const { byCode, regionsOf, districtsOf } = ctx;
  const countries = new Set<string>();
  const single = new Map<string, string[]>();
  for (const code of new Set(regionCodes)) {
    const r = byCode.get(code);
    if (!r) continue;
    const country = countryOf(byCode, r);
    if (!country) return recomputeAll(db);
    // A country, a district, or a region whose districts inherit its records: the whole family again.
    if (r.level !== 1 || districtsOf.has(r.code)) countries.add(country);
    else single.set(country, [...(single.get(country) ?? []), r.code]);
  }
  const since = opts.from && opts.from > first ? (opts.from < last ? opts.from : last) : undefined;
  let written = 0;
  for (const [country, codes] of single) {
    if (codes.length === 1 && !countries.has(country))
      written += rescoreRegion(db, ctx, codes[0]!, country, first, last, since);
    else countries.add(country);
  }
  if (countries.size === 0) return written;
  const rewrite = new Map<string, { code: string; level: number }>();
  for (const c of countries) {
    rewrite.set(`0|${c}`, { code: c, level: 0 });
    for (const k of regionsOf.get(c) ?? []) {
      rewrite.set(`1|${k}`, { code: k, level: 1 });
      for (const d of districtsOf.get(k) ?? []) rewrite.set(`2|${d}`, { code: d, level: 2 });
    }
  }
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
