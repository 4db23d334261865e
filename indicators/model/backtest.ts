import type { DocumentedOnset, ModelObservation, Period } from '../types.ts';
import type { Method } from '../vocabulary.ts';
import { addMonths, monthsBetween, periodRange } from '../period.ts';
import { scoreFamilies, type RegionRef } from './batch.ts';
import type { PreparedLens } from './lens.ts';

/** Months before an onset searched for the first month in the top decile (the lead time). */
export const LEAD_WINDOW = 12;

/** Where a region stood among the regions of its level with a score, one month. */
export interface Standing {
  period: Period;
  /** The region's score, or null when it had none that month (then no rank either). */
  score: number | null;
  class: string;
  /** Rank among the regions of its level with a score (1 = highest; ties share the better rank). */
  rank: number | null;
  /** How many regions of that level had a score that month. */
  of: number;
  /** Share of ranked regions at or below this one, in per cent (100 = the highest). */
  percentile: number | null;
  /** Within the top tenth: rank ≤ max(1, ⌊of / 10⌋). */
  topDecile: boolean;
}

/** How one method saw one documented onset coming. */
export interface MethodBacktest {
  before: Standing;
  at: Standing;
  /** Months from the first month in the top decile within {@link LEAD_WINDOW} months before the onset, or null. */
  leadMonths: number | null;
  leadFrom: Period | null;
}

/** One documented onset replayed under each method. */
export interface BacktestRow {
  onset: DocumentedOnset;
  byMethod: Record<Method, MethodBacktest>;
}

/** Input of {@link backtest}: the trafficking lens prepared under each method, and everything observed. */
export interface BacktestInput {
  lenses: Readonly<Record<Method, PreparedLens>>;
  regions: readonly RegionRef[];
  byRegion: ReadonlyMap<string, readonly ModelObservation[]>;
  onsets: readonly DocumentedOnset[];
}

/**
 * Competition ranks of the scored rows (highest score first, ties share the better rank).
 * @example rankScored([{ region: 'A', score: 9 }, { region: 'B', score: 9 }]).get('B') === 1
 */
export function rankScored(rows: readonly { region: string; score: number | null }[]): Map<string, number> {
  const scored = rows
    .filter((r) => r.score !== null)
    .sort((a, b) => b.score! - a.score! || a.region.localeCompare(b.region));
  const out = new Map<string, number>();
  scored.forEach((r, i) =>
    out.set(r.region, i > 0 && scored[i - 1]!.score === r.score ? out.get(scored[i - 1]!.region)! : i + 1),
  );
  return out;
}

/**
 * Replays each documented onset: where its region ranked among the regions of its level with a
 * score, the month before and the month of the onset, under each method, and how many months ahead
 * it first entered the top decile. Out of sample by construction: a month's score reads only
 * observations dated that month or earlier (see `pickObservations`), so nothing recorded after the
 * onset can inform it.
 * @example backtest({ lenses: { v2, v1 }, regions, byRegion, onsets: DOCUMENTED_ONSETS })[0].byMethod.v2.before.rank
 */
export function backtest(input: BacktestInput): BacktestRow[] {
  if (!input.onsets.length) return [];
  const months = input.onsets.map((o) => o.month).sort();
  const periods = periodRange(addMonths(months[0]!, -LEAD_WINDOW), months.at(-1)!);
  const methods = Object.keys(input.lenses) as Method[];
  const standings = new Map<Method, (level: 0 | 1, region: string, period: Period) => Standing>();
  for (const method of methods) {
    const rows = scoreFamilies({
      lens: input.lenses[method],
      periods,
      regions: input.regions,
      byRegion: input.byRegion,
    });
    const byMonth = new Map<string, { region: string; score: number | null; class: string }[]>();
    for (const r of rows) {
      const key = `${r.level}|${r.score.period}`;
      const list = byMonth.get(key) ?? [];
      list.push({ region: r.score.region, score: r.score.score, class: r.score.class });
      byMonth.set(key, list);
    }
    const ranks = new Map<string, Map<string, number>>();
    standings.set(method, (level, region, period) => {
      const key = `${level}|${period}`;
      const list = byMonth.get(key) ?? [];
      let r = ranks.get(key);
      if (!r) ranks.set(key, (r = rankScored(list)));
      return standing(
        period,
        list.find((x) => x.region === region),
        r.get(region) ?? null,
        r.size,
      );
    });
  }
  return input.onsets.map((onset) => {
    const byMethod = {} as Record<Method, MethodBacktest>;
    for (const method of methods) {
      const at = (p: Period) => standings.get(method)!(onset.level, onset.region, p);
      const lead = periodRange(addMonths(onset.month, -LEAD_WINDOW), addMonths(onset.month, -1)).find(
        (p) => at(p).topDecile,
      );
      byMethod[method] = {
        before: at(addMonths(onset.month, -1)),
        at: at(onset.month),
        leadMonths: lead ? monthsBetween(lead, onset.month) : null,
        leadFrom: lead ?? null,
      };
    }
    return { onset, byMethod };
  });
}

function standing(
  period: Period,
  row: { score: number | null; class: string } | undefined,
  rank: number | null,
  of: number,
): Standing {
  return {
    period,
    score: row?.score ?? null,
    class: row?.class ?? 'no-data',
    rank,
    of,
    percentile: rank === null ? null : (100 * (of - rank + 1)) / of,
    topDecile: rank !== null && rank <= Math.max(1, Math.floor(of / 10)),
  };
}
