import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '../../db/client.ts';
import {
  insertObservation,
  listObservations,
  markRetracted,
  markSuperseded,
  observationBounds,
} from '../../db/queries/observations.ts';
import { readScoresWindow } from '../../db/queries/scores.ts';
import { recomputeAfterWrite, recomputeAll } from '../../api/services/scores/recompute.ts';
import { addMonths, monthsBetween } from '../../indicators/period.ts';
import { mulberry32 } from '../../indicators/model/sensitivity.ts';
import { LENSES } from '../../indicators/vocabulary.ts';
import { openSeededCopy } from '../helpers/seeded-db.ts';

let seeded: ReturnType<typeof openSeededCopy>;
let db: Connection;

beforeAll(() => {
  seeded = openSeededCopy();
  db = seeded.db;
  recomputeAll(db);
});
afterAll(() => seeded.close());

/** Every stored baseline score, in a stable order, for exact comparison. */
function snapshot() {
  return LENSES.flatMap((lens) =>
    readScoresWindow(db, { scenario: 'baseline', lens, from: '0000-01', to: '9999-12' }),
  ).sort((a, b) =>
    `${a.lens}|${a.level}|${a.regionCode}|${a.period}`.localeCompare(
      `${b.lens}|${b.level}|${b.regionCode}|${b.period}`,
    ),
  );
}

/** Regions of countries the bundled data document, among them the roll-up winners (Ninewa, Raqqa, Borno), and two countries (whose regions all inherit). */
const REGIONS = [
  'IQ-NI',
  'IQ-DA',
  'IQ-BG',
  'IQ-AN',
  'SY-RA',
  'SY-HL',
  'SY-DY',
  'NG-BO',
  'NG-YO',
  'NG-AD',
  'LY-TB',
  'SO-BN',
  'IRQ',
  'LBY',
];
const INDICATORS = [
  'tip.slave-markets',
  'tip.child-recruitment',
  'tip.mass-displacement',
  'afac.7.9',
  'crsv.women-mobility',
  'crsv.girls-school-absence',
];

describe('rescoring after a write', () => {
  it('ends exactly where a full rebuild ends, after random additions, corrections and retractions, told the month written or not', () => {
    const rand = mulberry32(7);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
    const { first, last } = observationBounds(db);
    const span = monthsBetween(first!, last!);
    const base = {
      confidence: 'high' as const,
      sourceCitation: 'test',
      enteredBy: 'test',
      enteredAt: '2026-01-01T00:00:00Z',
    };
    let checks = 0;
    for (let step = 1; step <= 60; step++) {
      const region = pick(REGIONS);
      const own = listObservations(db, { region, limit: 500 });
      const action = own.length === 0 ? 0 : Math.floor(rand() * 3);
      let period: string;
      if (action === 0) {
        period = addMonths(first!, Math.floor(rand() * (span + 1)));
        const indicator = pick(INDICATORS);
        if (listObservations(db, { region, indicator, period, limit: 1 }).length === 0)
          insertObservation(db, {
            ...base,
            regionCode: region,
            indicatorId: indicator,
            period,
            value: Math.floor(rand() * 5),
          });
      } else if (action === 1) {
        const old = pick(own);
        period = old.period;
        const id = insertObservation(db, {
          ...base,
          regionCode: region,
          indicatorId: old.indicatorId,
          period: old.period,
          value: Math.floor(rand() * 5),
          supersedes: old.id,
        });
        markSuperseded(db, old.id, id, 'test correction');
      } else {
        const old = pick(own);
        period = old.period;
        markRetracted(db, old.id, 'test retraction');
      }
      recomputeAfterWrite(db, [region], step % 2 ? { from: period } : {});
      if (step % 15 === 0) {
        const incremental = snapshot();
        recomputeAll(db);
        expect(incremental).toEqual(snapshot());
        checks++;
      }
    }
    expect(checks).toBe(4);
  });
});
