import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '../../db/client.ts';
import { loadCatalogue } from '../../db/queries/catalogue.ts';
import { currentObservations, observationBounds } from '../../db/queries/observations.ts';
import { listRegions } from '../../db/queries/regions.ts';
import { readScoresWindow } from '../../db/queries/scores.ts';
import { recomputeAll, toStored } from '../../api/services/scores/recompute.ts';
import { observationsByRegion, scoreFamilies } from '../../indicators/model/batch.ts';
import { MODEL_CONFIG } from '../../indicators/model/config.ts';
import { prepareLens } from '../../indicators/model/lens.ts';
import { periodRange } from '../../indicators/period.ts';
import { LENSES } from '../../indicators/vocabulary.ts';
import { openSeededCopy } from '../helpers/seeded-db.ts';

let seeded: ReturnType<typeof openSeededCopy>;
let db: Connection;

beforeAll(() => {
  seeded = openSeededCopy();
  db = seeded.db;
});
afterAll(() => seeded.close());

describe('stored scores', () => {
  it('are exactly what scoreFamilies computes from the bundled data, row for row', () => {
    recomputeAll(db);
    const catalogue = loadCatalogue(db)!;
    const regions = listRegions(db);
    const byRegion = observationsByRegion(currentObservations(db), regions);
    const { first, last } = observationBounds(db);
    const periods = periodRange(first!, last!);
    const key = (r: { lens: string; level: number; regionCode: string; period: string }) =>
      `${r.lens}|${r.level}|${r.regionCode}|${r.period}`;
    const expected = new Map(
      LENSES.flatMap((lens) =>
        scoreFamilies({ lens: prepareLens(catalogue, lens, {}, MODEL_CONFIG), periods, regions, byRegion }),
      ).map((r) => {
        const { scenario: _s, ...row } = toStored(r, 'baseline');
        return [key(row as never), row];
      }),
    );
    const stored = LENSES.flatMap((lens) =>
      readScoresWindow(db, { scenario: 'baseline', lens, from: first!, to: last! }),
    );
    expect(stored.length).toBe(expected.size);
    expect(stored.length).toBeGreaterThan(10_000);
    for (const s of stored) {
      const { scenario: _s, ...row } = s;
      expect(row, key(row)).toEqual(expected.get(key(row)));
    }
  });
});
