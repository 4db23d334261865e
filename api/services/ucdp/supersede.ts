import type { Db } from '../../../db/client.ts';
import { currentByCitation, withdrawForBatch } from '../../../db/queries/observations.ts';
import type { BatchRow } from '../observations/batch.ts';
import type { RegionMatcher } from '../imports/region-matcher.ts';

/** What a final release does to its source's preliminary values in the months and countries it covers. */
export interface Withdrawal {
  /** Preliminary values the release writes a value for (superseded by the ordinary write path). */
  replaced: number;
  /** Preliminary values the release derives nothing for: withdrawn in the batch's transaction. */
  ids: number[];
  /** Withdraws them on behalf of the batch; returns the regions changed. */
  apply: (tx: Db, batchId: number) => string[];
}

/**
 * Plans how a UCDP GED import supersedes UCDP Candidate values: within the months the file covers
 * (first to last event) and the countries its events were placed in, every current Candidate-derived
 * value is either replaced by the GED value of the same region, indicator and month, or, when the
 * final data derive no value there (fewer deaths, an event re-dated or dropped), withdrawn with a
 * reason naming the batch (audited with it, and restored if the batch is rolled back). Candidate
 * values of other countries or months stay.
 */
export function planWithdrawal(
  db: Db,
  candidateCitation: string,
  covered: { from: string; to: string; countries: ReadonlySet<string> },
  rows: readonly BatchRow[],
  matcher: RegionMatcher,
  fileName: string,
): Withdrawal {
  if (covered.from > covered.to) return { replaced: 0, ids: [], apply: () => [] };
  const written = new Set(rows.map((r) => `${r.regionCode}|${r.indicatorId}|${r.period}`));
  let replaced = 0;
  const withdrawn: { id: number; regionCode: string }[] = [];
  for (const o of currentByCitation(db, candidateCitation, covered.from, covered.to)) {
    if (!covered.countries.has(matcher.countryOf(o.regionCode) ?? o.regionCode)) continue;
    if (written.has(`${o.regionCode}|${o.indicatorId}|${o.period}`)) replaced += 1;
    else withdrawn.push(o);
  }
  const why = `UCDP GED (${fileName}) covers ${covered.from} to ${covered.to} and derives no value here`;
  return {
    replaced,
    ids: withdrawn.map((w) => w.id),
    apply: (tx, batchId) => {
      withdrawForBatch(
        tx,
        withdrawn.map((w) => w.id),
        batchId,
        why,
      );
      return [...new Set(withdrawn.map((w) => w.regionCode))];
    },
  };
}
