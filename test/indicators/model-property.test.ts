import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Indicator, Measurement, ModelObservation } from '../../indicators/types.ts';
import {
  CONFIDENCES,
  FRAMEWORK_IDS,
  LENSES,
  METHODS,
  RELEVANCES,
  type Lens,
  type Method,
} from '../../indicators/vocabulary.ts';
import { addMonths } from '../../indicators/period.ts';
import { rollUp } from '../../indicators/model/rollup.ts';
import { apportion } from '../../indicators/model/round.ts';
import { readingsAt, scoreRegion } from '../../indicators/model/score.ts';
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
          source: fc.constantFrom('cite:a', 'cite:b', 'feed:c'),
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

/** One generated case: a catalogue, a region's own and inherited observations, a lens and a month. */
interface Case {
  indicators: readonly Indicator[];
  observations: readonly ModelObservation[];
  lens: Lens;
  period: string;
}

const scoreWith = (method: Method) => (c: Case) =>
  scoreRegion({
    region: 'XX-A',
    period: c.period,
    lens: c.lens,
    observations: c.observations,
    catalogue: { indicators: c.indicators },
    method,
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

describe.each(METHODS)('model properties of method %s (fast-check, seeded)', (method) => {
  const score = scoreWith(method);
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
        // Only a "looked for, not found" reading (value 0) takes points away, and only under v2.
        for (const x of s.contributions) {
          if (!x.observed) expect(x.points).toBe(0);
          if (x.points < 0) expect(method === 'v2' && x.value === 0).toBe(true);
        }
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

  it('scores a month the same from its readings alone (readingsAt) as from the whole history', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const kept = readingsAt(c.observations, c.period);
        expect(kept.length).toBeLessThanOrEqual(c.observations.length);
        expect(score({ ...c, observations: kept })).toEqual(score(c));
      }),
      runs,
    );
  });
});

describe('evidence model (v2) properties (fast-check, seeded)', () => {
  const score = scoreWith('v2');
  const sameSource = (obs: readonly ModelObservation[], source: string) => obs.map((o) => ({ ...o, source }));
  let extraId = 10_000;
  /** A new reading of an indicator the case holds, above neutral, from a new source or an existing one. */
  const signArb = (c: Case) =>
    fc.record({
      k: fc.integer({ min: 0, max: c.indicators.length - 1 }),
      source: fc.constantFrom('cite:a', 'cite:b', 'feed:c', 'cite:new'),
      inherited: fc.boolean(),
    });

  it('evidence accumulates: a reading above neutral from a source with none of that indicator never lowers the score', () => {
    fc.assert(
      fc.property(
        caseArb.chain((c) => fc.tuple(fc.constant(c), signArb(c))),
        ([c, add]) => {
          const ind = c.indicators[add.k]!;
          const own = !add.inherited;
          const already = c.observations.some(
            (o) => o.indicatorId === ind.id && o.source === add.source && Boolean(o.inherited) === add.inherited,
          );
          if (already) return;
          const sign: ModelObservation = {
            id: extraId++,
            regionCode: own ? 'XX-A' : 'XXX',
            indicatorId: ind.id,
            period: c.period > '2016-06' ? '2016-06' : c.period,
            value: raised({ value: 0 } as ModelObservation, ind.measurement),
            confidence: 'medium',
            source: add.source,
            inherited: add.inherited,
          };
          const before = score(c).score;
          const after = score({ ...c, observations: [...c.observations, sign] }).score;
          if (before !== null && after !== null) expect(after).toBeGreaterThanOrEqual(before - 1e-9);
          if (before !== null) expect(after).not.toBeNull();
        },
      ),
      runs,
    );
  });

  it('"looked for, not found" can lower a score, never raise it', () => {
    fc.assert(
      fc.property(caseArb, fc.nat(), (c, pick) => {
        const s0 = score(c);
        if (s0.score === null) return;
        const ind = c.indicators[pick % c.indicators.length]!;
        const absent: ModelObservation = {
          id: extraId++,
          regionCode: 'XX-A',
          indicatorId: ind.id,
          period: c.period > '2016-06' ? '2016-06' : c.period,
          value: 0,
          confidence: 'high',
          source: 'cite:monitoring',
        };
        const after = score({ ...c, observations: [...c.observations, absent] }).score!;
        expect(after).toBeLessThanOrEqual(s0.score + 1e-9);
      }),
      runs,
    );
  });

  it('one source alone never gets a class, and never reaches "high" on its score', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const s = score({ ...c, observations: sameSource(c.observations, 'cite:only') });
        expect(isRiskClass(s.class)).toBe(false);
        if (s.score !== null) expect(s.score).toBeLessThan(6);
      }),
      runs,
    );
  });

  it('conditions alone never make "high" or "very high" in the trafficking lens', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const conditions = c.indicators.map((i) =>
          i.relevance === 'direct' ? { ...i, relevance: 'indirect' as const } : i,
        );
        const s = score({ ...c, indicators: conditions, lens: 'tip' });
        expect(['high', 'very-high']).not.toContain(s.class);
        if (s.score !== null) expect(s.score).toBeLessThan(6);
      }),
      runs,
    );
  });

  it('country-level records alone never give a region a score, only a place beside it', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const inherited = c.observations.map((o) => ({ ...o, regionCode: 'XXX', inherited: true }));
        const s = score({ ...c, observations: inherited });
        expect(s.score).toBeNull();
        expect(isRiskClass(s.class)).toBe(false);
      }),
      runs,
    );
  });

  it('ageing lowers a lone observation month by month until it no longer counts', () => {
    fc.assert(
      fc.property(indicatorArb(0), fc.integer({ min: 1, max: 4 }), (ind, value) => {
        const i = { ...ind, measurement: { kind: 'severity' as const, max: 4 } };
        const o: ModelObservation = {
          id: 1,
          regionCode: 'XX-A',
          indicatorId: i.id,
          period: '2015-01',
          value,
          confidence: 'high',
          source: 'cite:a',
        };
        const at = (p: string) => score({ indicators: [i], observations: [o], lens: 'overall', period: p }).score;
        let prev = at('2015-01')!;
        for (let m = 1; m <= i.persistenceMonths; m++) {
          const now = at(addMonths('2015-01', m))!;
          expect(now).toBeLessThan(prev);
          prev = now;
        }
        expect(at(addMonths('2015-01', i.persistenceMonths + 1))).toBeNull();
      }),
      runs,
    );
  });
});
