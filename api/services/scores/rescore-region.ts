import { BASELINE_SCENARIO, isRiskClass, monthLabel, periodIndex, sweepFamily } from '../../../indicators/index.ts';
import type { Driver, SweptRow } from '../../../indicators/index.ts';
import type { Db } from '../../../db/client.ts';
import { patchScores, storedScoresAt, storedScoresOf, type StoredScore } from '../../../db/queries/scores.ts';
import { readObservations, sweepWindow, type ScoringContext } from './sweep-scores.ts';

const keyOf = (r: { lens: string; period: string }) => `${r.lens}|${r.period}`;

/** A swept row as {@link storedScoresOf} reads it back (drivers as JSON text), for comparing. */
export const stored = (r: SweptRow): StoredScore => ({ ...r, drivers: JSON.stringify(r.drivers) });

/** Whether two stored rows (of one key) hold the same values: what rescoring rewrites only when false. */
export const same = (a: StoredScore | undefined, b: StoredScore | undefined) =>
  a === b ||
  (a !== undefined &&
    b !== undefined &&
    a.score === b.score &&
    a.class === b.class &&
    a.coverage === b.coverage &&
    a.confidence === b.confidence &&
    a.trend3 === b.trend3 &&
    a.trend12 === b.trend12 &&
    a.drivers === b.drivers &&
    a.rolledUpFrom === b.rolledUpFrom &&
    a.indicatorsObserved === b.indicatorsObserved &&
    a.groupsObserved === b.groupsObserved &&
    a.sourcesObserved === b.sourcesObserved &&
    a.signsObserved === b.signsObserved &&
    a.ownObserved === b.ownObserved);

/** The roll-up's order: a classed score beats an unclassed one, then the higher score (`rollUp`'s `beats`). */
function beats(a: StoredScore, b: StoredScore): boolean {
  const ta = isRiskClass(a.class) ? 1 : 0;
  const tb = isRiskClass(b.class) ? 1 : 0;
  return ta !== tb ? ta > tb : (a.score ?? -1) > (b.score ?? -1);
}

/** A region's row as its country's row (`rollUp`): relabelled, naming the region, drivers naming where their evidence was recorded. */
function rolled(country: string, r: StoredScore): StoredScore {
  if (r.level === 0) return { ...r, regionCode: country, rolledUpFrom: null };
  const drivers = (JSON.parse(r.drivers) as Driver[]).map((d) => ({ ...d, region: d.region ?? r.regionCode }));
  return { ...r, level: 0, regionCode: country, rolledUpFrom: r.regionCode, drivers: JSON.stringify(drivers) };
}

/**
 * Brings the stored scores up to date after observations of ONE first-level region changed, without
 * touching its sibling regions' observations: the region is swept again (its own and its country's
 * observations, every lens and month) and compared with what is stored; where its row changed, the
 * country's roll-up is decided again from the stored rows (when the region neither was nor becomes
 * the winner, only the previous winner matters; otherwise the siblings' stored rows are read), and the
 * country's trends follow. Only rows that differ are written. With `from` (the earliest month
 * written), months before it are left alone: no score before it can depend on the write. Returns
 * the number written or deleted. Equivalent to re-sweeping the whole family, which the recompute
 * tests check.
 */
export function rescoreRegion(
  db: Db,
  ctx: ScoringContext,
  region: string,
  country: string,
  first: string,
  last: string,
  from?: string,
): number {
  const w = sweepWindow(ctx.sweep, first, last, from);
  const obs = readObservations(db, ctx.sweep, [country, region], undefined, w.readFrom);
  const parentObs = obs.get(country);
  const parent = parentObs ? { code: country, observations: parentObs } : null;
  const since = monthLabel(w.from);
  const newRegion = new Map<string, StoredScore>();
  const own = new Map<string, StoredScore>();
  const mine = obs.get(region);
  sweepFamily(
    ctx.sweep,
    {
      country: null,
      parent,
      regions: mine ? [{ code: region, observations: mine }] : [],
      otherRegions: mine ? [] : [region],
    },
    w.start,
    w.end,
    (r) => {
      if (r.period >= since) newRegion.set(keyOf(r), stored(r));
    },
  );
  if (parent)
    sweepFamily(ctx.sweep, { country, parent, regions: [], otherRegions: [] }, w.start, w.end, (r) =>
      own.set(keyOf(r), stored(r)),
    );

  // Stored rows from the start of the sweep: the country's earlier months feed its trends.
  const oldRegion = new Map<string, StoredScore>();
  const oldCountry = new Map<string, StoredScore>();
  for (const r of storedScoresOf(db, BASELINE_SCENARIO, [region, country], monthLabel(w.start))) {
    if (r.level === 1 && r.regionCode === region) {
      if (r.period >= since) oldRegion.set(keyOf(r), r);
    } else if (r.level === 0 && r.regionCode === country) oldCountry.set(keyOf(r), r);
  }
  const changed = [...new Set([...newRegion.keys(), ...oldRegion.keys()])].filter(
    (k) => !same(newRegion.get(k), oldRegion.get(k)),
  );
  if (changed.length === 0) return 0;

  const siblings = (ctx.regionsOf.get(country) ?? []).filter((c) => c !== region);
  const before = (a: string, b: string | null) => b !== null && a.localeCompare(b) < 0;
  const newCountry = new Map(oldCountry);
  for (const k of changed) {
    const old = oldCountry.get(k);
    const candidate = newRegion.get(k);
    if (old && old.rolledUpFrom !== region) {
      // The previous winner is the best of all the others: the region takes over only by beating it, or by equalling it ahead of it in the roll-up's order.
      if (
        candidate &&
        candidate.score !== null &&
        (beats(candidate, old) || (!beats(old, candidate) && before(region, old.rolledUpFrom)))
      )
        newCountry.set(k, rolled(country, candidate));
      continue;
    }
    const [lens, period] = k.split('|') as [string, string];
    let best: StoredScore | null = own.get(k) ?? null;
    const kids = old ? storedScoresAt(db, { scenario: BASELINE_SCENARIO, lens, period, level: 1 }, siblings) : [];
    if (candidate) kids.push(candidate);
    // A region with country-level records only has no score of its own: it never stands for the country.
    for (const r of kids.sort((a, b) => a.regionCode.localeCompare(b.regionCode)))
      if (r.score !== null && (best === null || beats(r, best))) best = r;
    if (best) newCountry.set(k, rolled(country, best));
    else newCountry.delete(k);
  }
  // Trends of the country's rows: any row whose own score or the score 3 or 12 months before moved.
  const [short, long] = ctx.sweep.lenses[0]!.config.trendMonths;
  const moved = [...new Set([...newCountry.keys(), ...oldCountry.keys()])].filter(
    (k) => newCountry.get(k)?.score !== oldCountry.get(k)?.score || !same(newCountry.get(k), oldCountry.get(k)),
  );
  const shift = (k: string, n: number) => {
    const [lens, period] = k.split('|') as [string, string];
    return `${lens}|${monthLabel(periodIndex(period) + n)}`;
  };
  for (const k of new Set(moved.flatMap((k) => [k, shift(k, short), shift(k, long)]))) {
    const r = newCountry.get(k);
    if (!r) continue;
    const then = (n: number) => newCountry.get(shift(k, -n))?.score;
    const t3 = then(short);
    const t12 = then(long);
    newCountry.set(k, {
      ...r,
      trend3: t3 === undefined || t3 === null || r.score === null ? null : r.score - t3,
      trend12: t12 === undefined || t12 === null || r.score === null ? null : r.score - t12,
    });
  }

  const upserts: StoredScore[] = [];
  const deletes: { lens: string; period: string; level: number; regionCode: string }[] = [];
  const diff = (next: Map<string, StoredScore>, prev: Map<string, StoredScore>, level: number, code: string) => {
    for (const k of new Set([...next.keys(), ...prev.keys()])) {
      const n = next.get(k);
      if (same(n, prev.get(k))) continue;
      if (n) upserts.push(n);
      else deletes.push({ ...prev.get(k)!, level, regionCode: code });
    }
  };
  diff(newRegion, oldRegion, 1, region);
  diff(newCountry, oldCountry, 0, country);
  db.transaction((tx) => patchScores(tx, BASELINE_SCENARIO, upserts, deletes));
  return upserts.length + deletes.length;
}
