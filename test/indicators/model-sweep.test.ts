import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Indicator, Measurement, ModelObservation } from '../../indicators/types.ts';
import { CONFIDENCES, FRAMEWORK_IDS, LENSES, RELEVANCES } from '../../indicators/vocabulary.ts';
import { addMonths, periodRange } from '../../indicators/period.ts';
import { activeWindows, observationsByRegion, scoreFamilies, type RegionRef } from '../../indicators/model/batch.ts';
import { readingsAt } from '../../indicators/model/score.ts';
import { MODEL_CONFIG } from '../../indicators/model/config.ts';
import { prepareLens } from '../../indicators/model/lens.ts';
import { prepareSweep } from '../../indicators/model/sweep.ts';
import { sweepRows } from '../../indicators/model/sweep-families.ts';
import { createIndicator } from '../fixtures/catalogue.ts';

/**
 * Two countries with three regions each, districts under three of those regions (two of them retired
 * by a newer boundary set version, one from the first day of a month, one in mid-month; a third retired
 * from April to September 2015 and brought back by a later version), a region whose
 * parent is not a country (with a district, which is not scored), a district of an unknown region,
 * and a country without regions.
 */
const REGIONS: RegionRef[] = [
  { code: 'AAA', level: 0, parent: null },
  { code: 'AA-1', level: 1, parent: 'AAA' },
  { code: 'AA-2', level: 1, parent: 'AAA' },
  { code: 'AA-3', level: 1, parent: 'AAA' },
  { code: 'BBB', level: 0, parent: null },
  { code: 'BB-1', level: 1, parent: 'BBB' },
  { code: 'BB-2', level: 1, parent: 'BBB' },
  { code: 'BB-3', level: 1, parent: 'BBB' },
  { code: 'CCC', level: 0, parent: null },
  { code: 'ZZ-9', level: 1, parent: 'ZZZ' },
  { code: 'ZZZ', level: 1, parent: null },
  { code: 'AA1-01', level: 2, parent: 'AA-1' },
  { code: 'AA1-02', level: 2, parent: 'AA-1', retiredAt: '2015-09-01' },
  { code: 'AA2-01', level: 2, parent: 'AA-2' },
  { code: 'AA2-02', level: 2, parent: 'AA-2', retiredSpans: [{ from: '2015-04-01', until: '2015-10-01' }] },
  { code: 'BB1-01', level: 2, parent: 'BB-1' },
  { code: 'BB1-02', level: 2, parent: 'BB-1', retiredAt: '2016-03-15' },
  { code: 'ZZ9-01', level: 2, parent: 'ZZ-9' },
  { code: 'QQ1-01', level: 2, parent: 'QQ-1' },
];

const measurementArb: fc.Arbitrary<Measurement> = fc.constantFrom<Measurement>(
  { kind: 'severity', max: 4 },
  { kind: 'count', saturation: 100, unit: 'events' },
  { kind: 'rate', saturation: 50, unit: '%' },
  { kind: 'binary' },
);

const indicatorArb = (i: number): fc.Arbitrary<Indicator> =>
  fc
    .record({
      framework: fc.constantFrom(...FRAMEWORK_IDS),
      g: fc.integer({ min: 1, max: 3 }),
      relevance: fc.constantFrom(...RELEVANCES),
      measurement: measurementArb,
      weight: fc.constantFrom(0.5, 1, 1.5, 2),
      persistence: fc.integer({ min: 0, max: 8 }),
    })
    .map((r) =>
      createIndicator({
        id: `${r.framework}.i${i}`,
        framework: r.framework,
        group: `${r.framework}.g${r.g}`,
        relevance: r.relevance,
        measurement: r.measurement,
        weight: r.weight,
        persistenceMonths: r.persistence,
      }),
    );

const valueOf = (m: Measurement, u: number) =>
  m.kind === 'severity'
    ? Math.round(u * m.max)
    : m.kind === 'count'
      ? Math.round(u * 300)
      : m.kind === 'rate'
        ? u * 80
        : u > 0.5
          ? 1
          : 0;

const caseArb = fc.integer({ min: 1, max: 7 }).chain((n) =>
  fc.record({
    indicators: fc.tuple(...Array.from({ length: n }, (_, i) => indicatorArb(i))),
    obs: fc.array(
      fc.record({
        region: fc.constantFrom(...REGIONS.map((r) => r.code), 'NOPE'),
        ind: fc.nat(),
        month: fc.integer({ min: 0, max: 20 }),
        u: fc.constantFrom(0, 0.25, 0.5, 0.75, 1, 0.3),
        conf: fc.constantFrom(...CONFIDENCES),
        source: fc.constantFrom('cite:a', 'cite:b', 'feed:c'),
      }),
      { maxLength: 40 },
    ),
  }),
);

/** A generated case's observation rows as the model reads them. */
function observationsOf(
  indicators: readonly Indicator[],
  obs: readonly {
    region: string;
    ind: number;
    month: number;
    u: number;
    conf: ModelObservation['confidence'];
    source: string;
  }[],
): ModelObservation[] {
  return obs.map((o, id) => {
    const ind = indicators[o.ind % indicators.length]!;
    return {
      id: id + 1,
      regionCode: o.region,
      indicatorId: ind.id,
      period: addMonths('2015-01', o.month),
      value: valueOf(ind.measurement, o.u),
      confidence: o.conf,
      source: o.source,
    };
  });
}

/** What `recomputeAll` stored before the sweep: `scoreFamilies` per lens, in the stored shape. */
export function reference(indicators: readonly Indicator[], obs: readonly ModelObservation[], periods: string[]) {
  const byRegion = observationsByRegion(obs, REGIONS);
  return LENSES.flatMap((lens) =>
    scoreFamilies({
      lens: prepareLens({ indicators }, lens, {}, MODEL_CONFIG),
      periods,
      regions: REGIONS,
      byRegion,
    }).map((r) => ({
      lens,
      level: r.level,
      regionCode: r.score.region,
      period: r.score.period,
      score: r.score.score,
      class: r.score.class,
      coverage: r.score.coverage,
      confidence: r.score.confidence,
      trend3: r.trend3,
      trend12: r.trend12,
      drivers: r.score.drivers,
      rolledUpFrom: r.score.rolledUpFrom,
      indicatorsObserved: r.score.evidence.indicators,
      groupsObserved: r.score.evidence.groups,
      sourcesObserved: r.score.evidence.sources,
      signsObserved: r.score.evidence.signs,
      ownObserved: r.score.evidence.own,
    })),
  );
}

const key = (r: { lens: string; level: number; regionCode: string; period: string }) =>
  `${r.lens}|${r.level}|${r.regionCode}|${r.period}`;
const sorted = <T extends { lens: string; level: number; regionCode: string; period: string }>(rows: T[]) =>
  [...rows].sort((a, b) => key(a).localeCompare(key(b)));

describe('sweeping families month by month', () => {
  it('gives exactly the rows scoreFamilies gives, for random catalogues and observations', () => {
    const seen = {
      district: 0,
      regionFromDistrict: 0,
      orphanDistrict: 0,
      retiredBefore: 0,
      retiredAfter: 0,
      restoredInForce: 0,
      restoredRetired: 0,
    };
    fc.assert(
      fc.property(caseArb, ({ indicators, obs }) => {
        const observations = observationsOf(indicators, obs);
        const periods = periodRange('2015-01', '2016-12');
        const sweep = prepareSweep(
          indicators,
          LENSES.map((l) => prepareLens({ indicators }, l, {}, MODEL_CONFIG)),
        );
        const rows = sweepRows(sweep, observations, REGIONS, periods);
        expect(sorted(rows)).toEqual(sorted(reference(indicators, observations, periods)));
        seen.district += rows.filter((r) => r.level === 2).length;
        seen.regionFromDistrict += rows.filter((r) => r.level === 1 && r.rolledUpFrom?.includes('-0')).length;
        seen.orphanDistrict += rows.filter((r) => r.regionCode === 'ZZ9-01' || r.regionCode === 'QQ1-01').length;
        const retired = (r: { regionCode: string; rolledUpFrom: string | null }) =>
          r.regionCode === 'AA1-02' ||
          r.regionCode === 'BB1-02' ||
          r.rolledUpFrom === 'AA1-02' ||
          r.rolledUpFrom === 'BB1-02';
        const last = (r: { regionCode: string; rolledUpFrom: string | null }) =>
          [r.regionCode, r.rolledUpFrom].includes('AA1-02') ? '2015-08' : '2016-03';
        seen.retiredBefore += rows.filter((r) => retired(r) && r.period <= last(r)).length;
        seen.retiredAfter += rows.filter((r) => retired(r) && r.period > last(r)).length;
        const restored = rows.filter((r) => r.regionCode === 'AA2-02' || r.rolledUpFrom === 'AA2-02');
        const inGap = (r: { period: string }) => r.period >= '2015-04' && r.period < '2015-10';
        seen.restoredInForce += restored.filter((r) => !inGap(r)).length;
        seen.restoredRetired += restored.filter(inGap).length;
      }),
      { seed: 20180101, numRuns: 300 },
    );
    // The cases exercised districts and their roll-up; districts outside a country are never scored.
    expect(seen.district).toBeGreaterThan(0);
    expect(seen.regionFromDistrict).toBeGreaterThan(0);
    expect(seen.orphanDistrict).toBe(0);
    // Retired districts were scored (and rolled up) for the months that start before their retirement, never after.
    expect(seen.retiredBefore).toBeGreaterThan(0);
    expect(seen.retiredAfter).toBe(0);
    // The district brought back was scored before and after its retirement, never during it.
    expect(seen.restoredInForce).toBeGreaterThan(0);
    expect(seen.restoredRetired).toBe(0);
  });
});

describe('one month from its readings alone', () => {
  it('scores every family at levels 0 and 1 as from the whole history (what a sensitivity run relies on)', () => {
    fc.assert(
      fc.property(caseArb, fc.integer({ min: 0, max: 23 }), ({ indicators, obs }, at) => {
        const observations = observationsOf(indicators, obs);
        const period = addMonths('2015-01', at);
        const byRegion = observationsByRegion(observations, REGIONS);
        const readings = new Map([...byRegion].map(([code, list]) => [code, readingsAt(list, period)]));
        for (const lensId of LENSES) {
          const lens = prepareLens({ indicators }, lensId, {}, MODEL_CONFIG);
          const windows = activeWindows(byRegion, lens);
          for (const level of [0, 1] as const) {
            const whole = scoreFamilies({ lens, periods: [period], regions: REGIONS, byRegion, windows, level });
            const cut = scoreFamilies({
              lens,
              periods: [period],
              regions: REGIONS,
              byRegion: readings,
              windows,
              level,
            });
            expect(cut.map((r) => [r.level, r.score])).toEqual(whole.map((r) => [r.level, r.score]));
          }
        }
      }),
      { seed: 20180101, numRuns: 200 },
    );
  });
});
