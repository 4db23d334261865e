import type { Db } from '../../../db/client.ts';
import { scoredPeriods } from '../../../db/queries/scores.ts';
import { risers } from '../../../indicators/index.ts';
import type { Lens, Period } from '../../../indicators/index.ts';
import { scoresAt } from '../scores/live-scores.ts';
import { modelInputs } from '../scores/model-inputs.ts';
import { toWire } from '../scores/score-wire.ts';

/**
 * The classed regions of one level whose score rose the most over `months` (3 or 12) up to `period`
 * (default the latest scored month), at most `limit` of them, each with its name and public score row.
 * The scenario must be known (the caller checks it).
 */
export function topRisers(
  db: Db,
  q: { period?: Period; lens: Lens; scenario: string; level: number; months: 3 | 12; limit: number },
) {
  const inputs = modelInputs(db);
  const period = q.period ?? scoredPeriods(db).at(-1);
  if (!period) return [];
  const rows = scoresAt(db, inputs, { scenario: q.scenario, lens: q.lens, period, level: q.level }).map((r) => ({
    region: r.regionCode,
    name: inputs?.regionByCode.get(r.regionCode)?.name ?? r.regionCode,
    ...toWire(r, q.lens),
  }));
  return risers(rows, { months: q.months, limit: q.limit });
}
