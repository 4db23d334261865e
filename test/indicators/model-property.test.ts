import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Indicator, Measurement, ModelObservation } from '../../indicators/types.ts';
import { CONFIDENCES, FRAMEWORK_IDS, LENSES, RELEVANCES, type Lens } from '../../indicators/vocabulary.ts';
import { addMonths } from '../../indicators/period.ts';
import { rollUp } from '../../indicators/model/rollup.ts';
import { apportion } from '../../indicators/model/round.ts';
import { scoreRegion } from '../../indicators/model/score.ts';
import { isRiskClass } from '../../indicators/model/classify.ts';
import { createIndicator } from '../fixtures/catalogue.ts';

const SEED = 20180101;
const runs = { seed: SEED, numRuns: 300 };

const measurementArb: fc.Arbitrary<Measurement> = fc.oneof(
  fc.constant<Measurement>({ kind: 'severity', max: 4 }),
  fc.constant<Measurement>({ kind: 'count', saturation: 100, unit: 'events' }),
  fc.constant<Measurement>({ kind: 'rate', saturation: 50, unit: '%' }),
  fc.constant<Measurement>({ kind: 'binary' }),
);

const indicatorArb = (i: number): fc.Arbitrary<Indicator> =>
  fc
    .record({
      framework: fc.constantFrom(...FRAMEWORK_IDS),
      g: fc.integer({ min: 1, max: 3 }),
      relevance: fc.constantFrom(...RELEVANCES),
      measurement: measurementArb,
      weight: fc.double({ min: 0.1, max: 3, noNaN: true }),
      persistence: fc.integer({ min: 0, max: 12 }),
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

const catalogueArb = fc
  .integer({ min: 1, max: 8 })
  .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => indicatorArb(i))));

function valueArb(m: Measurement): fc.Arbitrary<number> {
  switch (m.kind) {
    case 'severity':
      return fc.integer({ min: 0, max: m.max });
    case 'count':
      return fc.integer({ min: 0, max: 500 });
    case 'rate':
      return fc.double({ min: 0, max: 80, noNaN: true });
    case 'binary':
      return fc.constantFrom(0, 1);
  }
}

const PERIODS = Array.from({ length: 18 }, (_, i) => addMonths('2015-01', i));

const observationsArb = (indicators: readonly Indicator[]): fc.Arbitrary<ModelObservation[]> =>
  fc
    .array(
      fc.integer({ min: 0, max: indicators.length - 1 }).chain((k) =>
        fc.record({
          indicatorId: fc.constant(indicators[k]!.id),
          value: valueArb(indicators[k]!.measurement),
          period: fc.constantFrom(...PERIODS),
          confidence: fc.constantFrom(...CONFIDENCES),
          inherited: fc.boolean(),
        }),
      ),
      { maxLength: 14 },
    )
    .map((rows) => rows.map((r, id) => ({ id: id + 1, regionCode: r.inherited ? 'XXX' : 'XX-A', ...r })));

const caseArb = catalogueArb.chain((indicators) =>
  fc.record({
    indicators: fc.constant(indicators),
    observations: observationsArb(indicators),
    lens: fc.constantFrom<Lens>(...LENSES),
    period: fc.constantFrom(...PERIODS, '2016-09'),
  }),
);

const score = (c: {
  indicators: readonly Indicator[];
  observations: readonly ModelObservation[];
  lens: Lens;
  period: string;
}) =>
  scoreRegion({
    region: 'XX-A',
    period: c.period,
    lens: c.lens,
    observations: c.observations,
    catalogue: { indicators: c.indicators },
  });

function raised(o: ModelObservation, m: Measurement): number {
  switch (m.kind) {
    case 'severity':
      return Math.min(m.max, o.value + 1);
    case 'count':
      return o.value * 2 + 1;
    case 'rate':
      return o.value + 5;
    case 'binary':
      return 1;
  }
}

describe('model properties (fast-check, seeded)', () => {
  it('keeps every score within 0–10 and coverage within 0–1', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const s = score(c);
        expect(s.score === null || (s.score >= 0 && s.score <= 10)).toBe(true);
        expect(s.coverage).toBeGreaterThanOrEqual(0);
        expect(s.coverage).toBeLessThanOrEqual(1);
      }),
      runs,
    );
  });

  it('is monotone: raising one observed value never lowers the score', () => {
    fc.assert(
      fc.property(caseArb, fc.nat(), (c, pick) => {
        if (c.observations.length === 0) return;
        const k = pick % c.observations.length;
        const target = c.observations[k]!;
        const m = c.indicators.find((i) => i.id === target.indicatorId)!.measurement;
        const higher = c.observations.map((o, i) => (i === k ? { ...o, value: raised(o, m) } : o));
        const before = score(c).score;
        const after = score({ ...c, observations: higher }).score;
        if (before === null) expect(after).toBeNull();
        else expect(after!).toBeGreaterThanOrEqual(before - 1e-9);
      }),
      runs,
    );
  });

  it('does not depend on the order of observations or of the catalogue’s groups', () => {
    fc.assert(
      fc.property(caseArb, fc.nat(), (c, seed) => {
        const shuffled = [...c.observations].sort((a, b) => ((a.id * 7919 + seed) % 97) - ((b.id * 7919 + seed) % 97));
        expect(score({ ...c, observations: shuffled })).toEqual(score(c));
      }),
      runs,
    );
  });

  it('missing never lowers a score: an unobserved indicator changes coverage only', () => {
    fc.assert(
      fc.property(caseArb, indicatorArb(99), (c, extra) => {
        const before = score(c);
        const after = score({ ...c, indicators: [...c.indicators, extra] });
        expect(after.score).toBe(before.score);
        expect(after.class).toBe(before.class);
        expect(after.drivers).toEqual(before.drivers);
        expect(after.coverage).toBeLessThanOrEqual(before.coverage + 1e-12);
      }),
      runs,
    );
  });

  it('explains itself: contributions add up to the score, and groups add up too', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const s = score(c);
        const sum = s.contributions.reduce((a, x) => a + x.points, 0);
        const groups = s.groups.reduce((a, g) => a + g.points, 0);
        expect(Math.abs(sum - (s.score ?? 0))).toBeLessThan(1e-9);
        expect(Math.abs(groups - (s.score ?? 0))).toBeLessThan(1e-9);
        expect(s.contributions.every((x) => x.points >= 0 && (x.observed || x.points === 0))).toBe(true);
        const shown = apportion(
          s.contributions.map((x) => x.points),
          2,
        );
        expect(Math.abs(shown.reduce((a, b) => a + b, 0) - Math.round((s.score ?? 0) * 100) / 100)).toBeLessThan(1e-9);
      }),
      runs,
    );
  });

  it('rolls a country up to at least every classed region it contains', () => {
    fc.assert(
      fc.property(fc.array(caseArb, { minLength: 1, maxLength: 4 }), (cases) => {
        const regions = cases.map((c, i) => ({ ...score(c), region: `XX-${i}` }));
        const r = rollUp('XXX', null, regions)!;
        for (const k of regions)
          if (isRiskClass(k.class) && r.score !== null && isRiskClass(r.class))
            expect(r.score).toBeGreaterThanOrEqual(k.score!);
        if (regions.every((k) => k.score === null)) expect(r).toBeNull();
      }),
      runs,
    );
  });
});
