import type { AsyncDb } from '../../../db/async.ts';
import type { Db } from '../../../db/client.ts';
import { feedWithdrawalAsync, withdrawForBatch } from '../../../db/queries/observations.ts';
import type { BatchRow } from '../observations/batch.ts';
import type { RegionMatcher } from '../imports/region-matcher.ts';

/** What a final release does to its source's preliminary values in the months and countries it covers. */
export interface Withdrawal {
  /** Preliminary values the release writes a value for (superseded by the ordinary write path). */
  replaced: number;
  /** Preliminary values the release derives nothing for: withdrawn in the batch's transaction. */
  ids: number[];
  /** Withdraws them on behalf of the batch (SQLite's synchronous transaction); returns the regions changed. */
  apply: (tx: Db, batchId: number) => string[];
  /** The same awaited, on either engine: the regions changed and their earliest month. */
  applyAsync: (tx: AsyncDb, batchId: number) => Promise<{ regions: string[]; from?: string }>;
}

/**
 * Plans how a UCDP GED import supersedes UCDP Candidate values: within the months the file covers
 * (first to last event) and the countries its events were placed in, every current Candidate-derived
 * value is either replaced by the GED value of the same region, indicator and month, or, when the
 * final data derive no value there (fewer deaths, an event re-dated or dropped), withdrawn with a
 * reason naming the batch (audited with it, and restored if the batch is rolled back). Candidate
 * values of other countries or months stay. Reads the Candidate values through the awaited interface.
 */
export async function planWithdrawal(
  data: AsyncDb,
  candidateCitation: string,
  covered: { from: string; to: string; countries: ReadonlySet<string> },
  rows: readonly BatchRow[],
  matcher: RegionMatcher,
  fileName: string,
): Promise<Withdrawal> {
  if (covered.from > covered.to)
    return { replaced: 0, ids: [], apply: () => [], applyAsync: async () => ({ regions: [] }) };
  const written = new Set(rows.map((r) => `${r.regionCode}|${r.indicatorId}|${r.period}`));
  let replaced = 0;
  const withdrawn: { id: number; regionCode: string; period: string }[] = [];
  for (const o of await feedWithdrawalAsync.currentByCitation(data, candidateCitation, covered.from, covered.to)) {
    if (!covered.countries.has(matcher.countryOf(o.regionCode) ?? o.regionCode)) continue;
    if (written.has(`${o.regionCode}|${o.indicatorId}|${o.period}`)) replaced += 1;
    else withdrawn.push(o);
  }
  const why = `UCDP GED (${fileName}) covers ${covered.from} to ${covered.to} and derives no value here`;
  const ids = withdrawn.map((w) => w.id);
  const regions = [...new Set(withdrawn.map((w) => w.regionCode))];
  return {
    replaced,
    ids,
    apply: (tx, batchId) => {
      withdrawForBatch(tx, ids, batchId, why);
      return regions;
    },
    applyAsync: async (tx, batchId) => {
      await feedWithdrawalAsync.withdraw(tx, ids, batchId, why);
      return { regions, from: withdrawn.map((w) => w.period).sort()[0] };
    },
  };
}
