import { describe, expect, it } from 'vitest';
import { addMonths, monthsBetween, periodRange } from '../../indicators/period.ts';
import { MODEL_CONFIG } from '../../indicators/model/config.ts';
import { classify } from '../../indicators/model/classify.ts';
import { normalise } from '../../indicators/model/normalise.ts';
import { rollUp } from '../../indicators/model/rollup.ts';
import { ageFactor, scoreRegion } from '../../indicators/model/score.ts';
import { createCatalogue, createObservation } from '../fixtures/catalogue.ts';

const catalogue = createCatalogue();
const score = (observations: ReturnType<typeof createObservation>[], lens: 'overall' | 'tip' | 'afac' = 'overall', period = '2015-01') =>
  scoreRegion({ region: 'XX-A', period, lens, observations, catalogue });

describe('periods', () => {
  it('adds and subtracts months across years', () => {
    expect(addMonths('2014-12', 1)).toBe('2015-01');
    expect(addMonths('2015-01', -13)).toBe('2013-12');
    expect(monthsBetween('2014-08', '2015-02')).toBe(6);
    expect(periodRange('2014-11', '2015-02')).toEqual(['2014-11', '2014-12', '2015-01', '2015-02']);
  });
});

describe('normalise', () => {
  it('puts each measurement on 0..1 and clamps out-of-scale values', () => {
    expect(normalise({ kind: 'severity', max: 4 }, 3)).toBe(0.75);
    expect(normalise({ kind: 'severity', max: 4 }, 9)).toBe(1);
    expect(normalise({ kind: 'binary' }, 1)).toBe(1);
    expect(normalise({ kind: 'binary' }, 0)).toBe(0);
    expect(normalise({ kind: 'count', saturation: 1000, unit: 'x' }, 1000)).toBeCloseTo(1);
    expect(normalise({ kind: 'count', saturation: 1000, unit: 'x' }, 10)).toBeGreaterThan(0.3);
    expect(normalise({ kind: 'rate', saturation: 50, unit: 'x' }, 25)).toBe(0.5);
  });
});

describe('scoreRegion', () => {
  it('gives null score and no-data class when nothing is observed', () => {
    const s = score([]);
    expect(s.score).toBeNull();
    expect(s.class).toBe('no-data');
    expect(s.coverage).toBe(0);
  });

  it('does not treat missing indicators as zero: one severe observation scores high with low coverage', () => {
    const s = score([createObservation({ indicatorId: 'tip.markets', value: 4 })]);
    expect(s.score).toBe(10);
    expect(s.coverage).toBeCloseTo(2 / 5);
  });

  it('is a weighted mean whose contributions add up to the score', () => {
    const s = score([createObservation({ indicatorId: 'tip.markets', value: 4 }), createObservation({ indicatorId: 'afac.7.9', value: 1 })]);
    expect(s.score).toBeCloseTo((10 * (2 * 1 + 1 * 0.25)) / 3);
    expect(s.contributions.reduce((a, c) => a + c.points, 0)).toBeCloseTo(s.score!);
    expect(s.drivers[0]!.indicatorId).toBe('tip.markets');
  });

  it('never lowers the score when one severity rises', () => {
    const base = [createObservation({ indicatorId: 'tip.markets', value: 1 }), createObservation({ indicatorId: 'afac.7.9', value: 2 })];
    let prev = -1;
    for (let v = 0; v <= 4; v++) {
      const s = score([...base, createObservation({ indicatorId: 'afac.7.9', value: v, period: '2015-01', id: 10_000 + v })]).score!;
      expect(s).toBeGreaterThanOrEqual(prev);
      prev = s;
    }
  });

  it('does not depend on the order of observations', () => {
    const obs = [
      createObservation({ indicatorId: 'tip.markets', value: 3 }),
      createObservation({ indicatorId: 'afac.7.9', value: 1, period: '2014-11' }),
      createObservation({ indicatorId: 'osce.crime', value: 1 }),
    ];
    expect(score([...obs].reverse())).toEqual(score(obs));
  });

  it('ages observations out after their persistence, and ignores future ones', () => {
    const o = createObservation({ indicatorId: 'tip.markets', value: 4, period: '2014-06' });
    expect(score([o], 'overall', '2014-12').score).toBe(10);
    expect(score([o], 'overall', '2014-12').coverage).toBeLessThan(score([o], 'overall', '2014-06').coverage);
    expect(score([o], 'overall', '2015-01').score).toBeNull();
    expect(score([o], 'overall', '2014-05').score).toBeNull();
    expect(ageFactor(0, 6)).toBe(1);
    expect(ageFactor(7, 6)).toBe(0);
  });

  it('uses the latest observation of an indicator, and a region’s own over its country’s', () => {
    const s = score([
      createObservation({ indicatorId: 'tip.markets', value: 4, period: '2014-12' }),
      createObservation({ indicatorId: 'tip.markets', value: 1, period: '2015-01', inherited: true }),
      createObservation({ indicatorId: 'tip.markets', value: 2, period: '2015-01' }),
    ]);
    expect(s.contributions.find((c) => c.indicatorId === 'tip.markets')!.value).toBe(0.5);
  });

  it('keeps indicators out of lenses they do not belong to, and weighs indirect less in the trafficking lens', () => {
    const obs = [createObservation({ indicatorId: 'crsv.mobility', value: 1000 })];
    expect(score(obs, 'tip').score).toBeNull();
    expect(score(obs, 'afac').score).toBeNull();
    const tip = score([createObservation({ indicatorId: 'osce.crime', value: 1 })], 'tip');
    expect(tip.contributions.find((c) => c.indicatorId === 'osce.crime')!.weight).toBe(0.5);
  });
});

describe('classify and roll-up', () => {
  it('names classes by threshold and flags thin coverage', () => {
    expect(classify(0, 1, MODEL_CONFIG)).toBe('very-low');
    expect(classify(6.2, 1, MODEL_CONFIG)).toBe('high');
    expect(classify(10, 1, MODEL_CONFIG)).toBe('very-high');
    expect(classify(10, MODEL_CONFIG.minCoverage / 2, MODEL_CONFIG)).toBe('insufficient-data');
    expect(classify(null, 0, MODEL_CONFIG)).toBe('no-data');
  });

  it('shows a country at its highest region when that is above its own score', () => {
    const own = score([createObservation({ indicatorId: 'afac.7.9', value: 1 })]);
    const hot = { ...score([createObservation({ indicatorId: 'tip.markets', value: 4 })]), region: 'XX-B' };
    const r = rollUp('XXX', own, [hot])!;
    expect(r.region).toBe('XXX');
    expect(r.score).toBe(10);
    expect(rollUp('XXX', null, [])).toBeNull();
  });
});
