import { BASELINE_SCENARIO } from '../../../indicators/index.ts';
import type { SweptRow } from '../../../indicators/index.ts';
import { sqliteHandleOf, type AsyncDb } from '../../../db/async.ts';
import { observationsAsync } from '../../../db/queries/observations.ts';
import { scoreWritesAsync, type ScoreKey } from '../../../db/queries/scores.ts';
import { getSettingAsync, setSettingAsync } from '../../../db/queries/settings.ts';
import { withWriteLock } from '../../../db/write-lock.ts';
import { countryOf, familyMembers, recomputeAfterWrite, recomputeAll, sinceOf, stamp, STAMP_KEY } from './recompute.ts';
import { same, stored } from './rescore-region.ts';
import {
  familySweeper,
  planFamilies,
  readObservationsAsync,
  scoringContextAsync,
  type FamilyPlan,
  type ScoringContext,
} from './sweep-scores.ts';

/**
 * The write lock every rescoring on PostgreSQL takes first (`withWriteLock`: an advisory lock held by
 * its transaction), one key for all stored scores: two processes never rescore the same rows at once,
 * and a rescoring reads the observations and stored rows only once the one before it committed.
 */
export const SCORES_LOCK = 'scores';

const keyOf = (r: ScoreKey) => `${r.lens}|${r.period}|${r.level}|${r.regionCode}`;

/**
 * Brings stored scores up to date after observations of `regionCodes` were written (`from`: the
 * earliest month the write touched), awaited, on either engine; run after the write committed.
 *
 * - SQLite: {@link recomputeAfterWrite}, unchanged (its single-region path, and its watch on a full
 *   recompute running off the event loop).
 * - PostgreSQL: in one transaction holding {@link SCORES_LOCK}, the stamp and the months of the
 *   observations are read; when they say the months widened or the model changed (or a region
 *   belongs to no country), every family is swept again and stored with the new stamp; otherwise each
 *   affected country's family (the country, its regions and districts) is swept again from `from`'s
 *   window, compared with its stored rows, and only the rows that differ are written or deleted.
 *
 * Returns the number of rows written or deleted.
 */
export async function rescoreAfterWriteAsync(
  data: AsyncDb,
  regionCodes: readonly string[],
  opts: { from?: string } = {},
): Promise<number> {
  const db = sqliteHandleOf(data);
  if (db) return recomputeAfterWrite(db, regionCodes, opts);
  // Read through the pool, so that the context is kept between writes (it moves with the catalogue and regions only).
  const ctx = await scoringContextAsync(data);
  return withWriteLock(data, SCORES_LOCK, async (tx) => {
    const { first, last } = await observationsAsync.bounds(tx);
    if (!ctx || !first || !last || (await getSettingAsync(tx, STAMP_KEY)) !== stamp(first, last))
      return rebuildAll(tx, ctx, first, last);
    const countries = new Set<string>();
    for (const code of new Set(regionCodes)) {
      const r = ctx.byCode.get(code);
      if (!r) continue;
      const country = countryOf(ctx.byCode, r);
      if (!country) return rebuildAll(tx, ctx, first, last);
      countries.add(country);
    }
    if (countries.size === 0) return 0;
    return rescoreFamilies(tx, ctx, countries, first, last, sinceOf(opts.from, first, last));
  });
}

/**
 * Every stored baseline score rebuilt from the current observations (`vigil recompute`), on either
 * engine: on SQLite {@link recomputeAll}; on PostgreSQL every family swept again and stored with the
 * stamp, in one transaction holding {@link SCORES_LOCK} (a rescoring after a write waits for it, and
 * it for the rescoring). Returns the number of rows stored.
 */
export async function recomputeAllAsync(data: AsyncDb): Promise<number> {
  const db = sqliteHandleOf(data);
  if (db) return recomputeAll(db);
  const ctx = await scoringContextAsync(data);
  return withWriteLock(data, SCORES_LOCK, async (tx) => {
    const { first, last } = await observationsAsync.bounds(tx);
    return rebuildAll(tx, ctx, first, last);
  });
}

/** Sweeps `plans` family by family through `tx`, handing each family's rows (of the window from `since`) to `take` once swept. */
async function sweepFamilies(
  tx: AsyncDb,
  ctx: ScoringContext,
  plans: readonly FamilyPlan[],
  first: string,
  last: string,
  since: string | undefined,
  take: (rows: SweptRow[]) => Promise<void> | void,
): Promise<void> {
  let rows: SweptRow[] = [];
  const s = familySweeper(ctx.sweep, first, last, (r) => rows.push(r), since);
  for (const plan of plans) {
    s.sweep(plan, await readObservationsAsync(tx, ctx.sweep, s.codesOf(plan), s.monthOf, s.window.readFrom));
    if (rows.length) await take(rows);
    rows = [];
  }
}

/** Every stored baseline score rebuilt from the current observations, family by family, and the stamp set (none stored without a catalogue or observations, as `recomputeAll`). */
async function rebuildAll(
  tx: AsyncDb,
  ctx: ScoringContext | null,
  first: string | null,
  last: string | null,
): Promise<number> {
  await scoreWritesAsync.clear(tx, BASELINE_SCENARIO);
  if (!ctx || !first || !last) return 0;
  let written = 0;
  await sweepFamilies(tx, ctx, planFamilies(ctx.regions), first, last, undefined, async (rows) => {
    await scoreWritesAsync.insert(tx, BASELINE_SCENARIO, rows);
    written += rows.length;
  });
  await setSettingAsync(tx, STAMP_KEY, stamp(first, last));
  return written;
}

/** The families of `countries` swept again (months from `since`), compared with their stored rows, and only the rows that differ written or deleted. */
async function rescoreFamilies(
  tx: AsyncDb,
  ctx: ScoringContext,
  countries: ReadonlySet<string>,
  first: string,
  last: string,
  since: string | undefined,
): Promise<number> {
  const members = familyMembers(ctx, countries);
  const fresh = new Map<string, SweptRow>();
  await sweepFamilies(tx, ctx, planFamilies(ctx.regions, countries), first, last, since, (rows) => {
    for (const r of rows) if (members.has(`${r.level}|${r.regionCode}`)) fresh.set(keyOf(r), r);
  });
  const codes = [...new Set([...members.values()].map((m) => m.code))];
  const upserts: SweptRow[] = [];
  const deletes: ScoreKey[] = [];
  const seen = new Set<string>();
  for (const old of await scoreWritesAsync.storedOf(tx, BASELINE_SCENARIO, codes, since)) {
    if (!members.has(`${old.level}|${old.regionCode}`)) continue;
    const k = keyOf(old);
    seen.add(k);
    const r = fresh.get(k);
    if (!r) deletes.push(old);
    else if (!same(stored(r), old)) upserts.push(r);
  }
  for (const [k, r] of fresh) if (!seen.has(k)) upserts.push(r);
  await scoreWritesAsync.patch(tx, BASELINE_SCENARIO, upserts, deletes);
  return upserts.length + deletes.length;
}
