import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '../../db/client.ts';
import { explain } from '../../api/services/scores/explain.ts';
import { trendWindow } from '../../api/services/scores/live-scores.ts';
import { modelInputs } from '../../api/services/scores/model-inputs.ts';
import { recomputeAll } from '../../api/services/scores/recompute.ts';
import { scoreFamilies } from '../../indicators/model/batch.ts';
import { roundTo } from '../../indicators/model/round.ts';
import type { Lens } from '../../indicators/vocabulary.ts';
import { readRegionSeries } from '../../db/queries/scores.ts';
import { openSeededCopy } from '../helpers/seeded-db.ts';

let seeded: ReturnType<typeof openSeededCopy>;
let db: Connection;

beforeAll(() => {
  seeded = openSeededCopy();
  db = seeded.db;
  recomputeAll(db);
});
afterAll(() => seeded.close());

/** Countries the bundled data document (their scores roll up from provinces) and some of their provinces. */
const REGIONS = ['IRQ', 'IQ-NI', 'IQ-DA', 'SYR', 'SY-RA', 'NGA', 'NG-BO', 'LBY', 'LY-TB', 'SOM', 'YEM'];
const LENS_LIST: Lens[] = ['overall', 'tip', 'afac', 'crsv', 'osce'];

/** Region, month and lens for every region above: in each lens, the first, middle and last month it is scored. */
function cases(): [string, string, Lens][] {
  return REGIONS.flatMap((code) =>
    LENS_LIST.flatMap((lens) => {
      const months = readRegionSeries(db, { region: code, scenario: 'baseline', lens }).map((r) => r.period);
      return [...new Set([months[0], months[Math.floor(months.length / 2)], months.at(-1)])]
        .filter((p): p is string => p !== undefined)
        .map((p) => [code, p, lens] as [string, string, Lens]);
    }),
  );
}

describe('baseline explanations', () => {
  it('show the stored row: the same score, class, trends, evidence, roll-up and drivers as the model computes over the whole family', () => {
    const inputs = modelInputs(db)!;
    const all = cases();
    expect(all.length).toBeGreaterThan(60);
    for (const [code, period, lens] of all) {
      const region = inputs.regionByCode.get(code)!;
      const country = region.level === 0 ? region.code : region.parent!;
      const family = inputs.regions.filter((r) => r.code === country || (r.level === 1 && r.parent === country));
      const rows = scoreFamilies({
        lens: inputs.lens(lens, 'baseline'),
        periods: trendWindow(period),
        regions: family,
        byRegion: inputs.byRegion,
        countries: new Set([country]),
      });
      const row = rows.find((r) => r.level === region.level && r.score.region === code && r.score.period === period);
      const e = explain(db, inputs, { region, period, lens, scenario: 'baseline', method: 'v2' });
      const label = `${code} ${period} ${lens}`;
      expect(row, label).toBeDefined();
      expect(e.score, label).toBe(roundTo(row!.score.score, 2));
      expect(e.class, label).toBe(row!.score.class);
      expect(e.coverage, label).toBe(roundTo(row!.score.coverage, 3));
      expect(e.confidence, label).toBe(row!.score.confidence);
      expect([e.trend, e.trend12], label).toEqual([roundTo(row!.trend3, 2), roundTo(row!.trend12, 2)]);
      expect(e.evidence, label).toEqual(row!.score.evidence);
      expect(e.rolledUpFrom?.region ?? null, label).toBe(row!.score.rolledUpFrom);
      expect(e.drivers, label).toEqual(row!.score.drivers.map((d) => ({ ...d, points: roundTo(d.points, 2) })));
    }
  });
});
