import { describe, expect, it } from 'vitest';
import { addMonths, firstMonthFrom, monthsBetween, periodRange } from '../../indicators/period.ts';
import { MODEL_CONFIG } from '../../indicators/model/config.ts';
import { classify } from '../../indicators/model/classify.ts';
import { displayValue, normalise } from '../../indicators/model/normalise.ts';
import { rollUp } from '../../indicators/model/rollup.ts';
import { apportion } from '../../indicators/model/round.ts';
import { ageFactor, scoreRegion } from '../../indicators/model/score.ts';
import { risers, trend } from '../../indicators/model/trend.ts';
import { createCatalogue, createObservation } from '../fixtures/catalogue.ts';

const catalogue = createCatalogue();
const score = (
  observations: ReturnType<typeof createObservation>[],
  lens: 'overall' | 'tip' | 'afac' = 'overall',
  period = '2015-01',
) => scoreRegion({ region: 'XX-A', period, lens, observations, catalogue, method: 'v1' });

describe('periods', () => {
  it('adds and subtracts months across years', () => {
    expect(addMonths('2014-12', 1)).toBe('2015-01');
    expect(addMonths('2015-01', -13)).toBe('2013-12');
    expect(monthsBetween('2014-08', '2015-02')).toBe(6);
    expect(periodRange('2014-11', '2015-02')).toEqual(['2014-11', '2014-12', '2015-01', '2015-02']);
  });
  it('finds the first month that starts on or after a date or time (a retirement)', () => {
    expect(firstMonthFrom('2017-01-01')).toBe('2017-01');
    expect(firstMonthFrom('2017-01-01T00:00:00.000Z')).toBe('2017-01');
    expect(firstMonthFrom('2017-01-02')).toBe('2017-02');
    expect(firstMonthFrom('2016-12-01T09:30:00.000Z')).toBe('2017-01');
  });
});

describe('normalise and display', () => {
  it('puts each measurement on 0..1 and clamps out-of-scale values', () => {
    expect(normalise({ kind: 'severity', max: 4 }, 3)).toBe(0.75);
    expect(normalise({ kind: 'severity', max: 4 }, 9)).toBe(1);
    expect(normalise({ kind: 'binary' }, 1)).toBe(1);
    expect(normalise({ kind: 'binary' }, 0)).toBe(0);
    expect(normalise({ kind: 'count', saturation: 1000, unit: 'x' }, 1000)).toBeCloseTo(1);
    expect(normalise({ kind: 'count', saturation: 1000, unit: 'x' }, 10)).toBeGreaterThan(0.3);
    expect(normalise({ kind: 'rate', saturation: 50, unit: 'x' }, 25)).toBe(0.5);
  });

  it('writes small counts as "<5" (do no harm)', () => {
    const children = { kind: 'count', saturation: 100, unit: 'children' } as const;
    expect(displayValue(children, 4, MODEL_CONFIG.smallCountThreshold)).toBe('<5 children');
    expect(displayValue(children, 44, MODEL_CONFIG.smallCountThreshold)).toBe('44 children');
    expect(displayValue({ kind: 'severity', max: 4 }, 3, 5)).toBe('severity 3 of 4');
  });
});

describe('scoreRegion', () => {
  it('gives null score and no-data class when nothing is observed', () => {
    const s = score([]);
    expect(s.score).toBeNull();
    expect(s.class).toBe('no-data');
    expect(s.coverage).toBe(0);
    expect(s.confidence).toBeNull();
  });

  it('does not treat missing indicators as zero: one severe observation scores high, with low coverage and no class', () => {
    const s = score([createObservation({ indicatorId: 'tip.markets', value: 4 })]);
    expect(s.score).toBe(10);
    expect(s.coverage).toBeCloseTo(2 / 5);
    expect(s.class).toBe('insufficient-data');
    expect(s.evidence).toEqual({ indicators: 1, groups: 1, groupsInLens: 4, sources: 1, signs: 1, own: 1 });
  });

  it('is a weighted mean of groups whose contributions add up to the score', () => {
    const s = score([
      createObservation({ indicatorId: 'tip.markets', value: 4 }),
      createObservation({ indicatorId: 'afac.7.9', value: 1 }),
    ]);
    expect(s.score).toBeCloseTo((10 * (2 * 1 + 1 * 0.25)) / 3);
    expect(s.class).toBe('high');
    expect(s.contributions.reduce((a, c) => a + c.points, 0)).toBeCloseTo(s.score!);
    expect(s.contributions).toHaveLength(4);
    expect(s.drivers[0]!.indicatorId).toBe('tip.markets');
  });

  it('uses the latest observation of an indicator, and a region’s own over its country’s', () => {
    const s = score([
      createObservation({ indicatorId: 'tip.markets', value: 4, period: '2014-12' }),
      createObservation({
        indicatorId: 'tip.markets',
        value: 1,
        period: '2015-01',
        inherited: true,
        regionCode: 'XXX',
      }),
      createObservation({ indicatorId: 'tip.markets', value: 2, period: '2015-01' }),
    ]);
    const c = s.contributions.find((x) => x.indicatorId === 'tip.markets')!;
    expect(c.value).toBe(0.5);
    expect(c.inherited).toBe(false);
  });

  it('says when evidence was inherited from the country, in the contribution and the driver', () => {
    const s = score([createObservation({ indicatorId: 'tip.markets', value: 4, inherited: true, regionCode: 'XXX' })]);
    expect(s.contributions.find((x) => x.indicatorId === 'tip.markets')!.inherited).toBe(true);
    expect(s.drivers[0]!.region).toBe('XXX');
  });

  it('ages observations out after their persistence, and ignores future ones', () => {
    const o = createObservation({ indicatorId: 'tip.markets', value: 4, period: '2014-06' });
    expect(score([o], 'overall', '2014-12').score).toBe(10);
    expect(score([o], 'overall', '2014-12').coverage).toBeLessThan(score([o], 'overall', '2014-06').coverage);
    expect(score([o], 'overall', '2015-01').score).toBeNull();
    expect(score([o], 'overall', '2014-05').score).toBeNull();
    expect(ageFactor(0, 6)).toBe(1);
    expect(ageFactor(3, 5)).toBe(0.5);
    expect(ageFactor(7, 6)).toBe(0);
  });

  it('keeps indicators out of lenses they do not belong to, and weighs indirect less in the trafficking lens', () => {
    const obs = [createObservation({ indicatorId: 'crsv.mobility', value: 1000 })];
    expect(score(obs, 'tip').score).toBeNull();
    expect(score(obs, 'afac').score).toBeNull();
    const tip = score([createObservation({ indicatorId: 'osce.crime', value: 1 })], 'tip');
    expect(tip.contributions.find((c) => c.indicatorId === 'osce.crime')!.weight).toBe(0.5);
  });

  it('grades confidence by the observations and by breadth, and lowers it for stale evidence', () => {
    const fresh = [
      createObservation({ indicatorId: 'tip.markets', value: 4 }),
      createObservation({ indicatorId: 'afac.7.9', value: 4 }),
    ];
    expect(score(fresh).confidence).toBe('medium');
    const four = [
      ...fresh,
      createObservation({ indicatorId: 'osce.crime', value: 1 }),
      createObservation({ indicatorId: 'crsv.mobility', value: 10 }),
    ];
    expect(score(four).confidence).toBe('high');
    expect(score(four, 'overall', '2015-05').confidence).toBe('medium');
    expect(
      score([
        createObservation({ indicatorId: 'tip.markets', value: 4, confidence: 'low' }),
        createObservation({ indicatorId: 'afac.7.9', value: 4, confidence: 'low' }),
      ]).confidence,
    ).toBe('low');
  });
});

describe('classify, roll-up, trend and rounding', () => {
  it('names classes by threshold and flags evidence that is not corroborated', () => {
    expect(classify(0, { indicators: 2, groups: 2 }, MODEL_CONFIG)).toBe('very-low');
    expect(classify(6.2, { indicators: 2, groups: 2 }, MODEL_CONFIG)).toBe('high');
    expect(classify(10, { indicators: 9, groups: 5 }, MODEL_CONFIG)).toBe('very-high');
    expect(classify(10, { indicators: 3, groups: 1 }, MODEL_CONFIG)).toBe('very-high');
    expect(classify(10, { indicators: 2, groups: 1 }, MODEL_CONFIG)).toBe('insufficient-data');
    expect(classify(10, { indicators: 1, groups: 1 }, MODEL_CONFIG)).toBe('insufficient-data');
    expect(classify(null, { indicators: 0, groups: 0 }, MODEL_CONFIG)).toBe('no-data');
  });

  it('shows a country at its highest classed region, and says which', () => {
    const own = score([
      createObservation({ indicatorId: 'afac.7.9', value: 1 }),
      createObservation({ indicatorId: 'osce.crime', value: 0 }),
    ]);
    const hot = {
      ...score([
        createObservation({ indicatorId: 'tip.markets', value: 4 }),
        createObservation({ indicatorId: 'afac.7.9', value: 4 }),
      ]),
      region: 'XX-B',
    };
    const thin = { ...score([createObservation({ indicatorId: 'tip.markets', value: 4 })]), region: 'XX-C' };
    const r = rollUp('XXX', own, [thin, hot])!;
    expect(r.region).toBe('XXX');
    expect(r.score).toBe(10);
    expect(r.rolledUpFrom).toBe('XX-B');
    expect(r.drivers.every((d) => d.region === 'XX-B')).toBe(true);
    expect(rollUp('XXX', own, [thin])!.rolledUpFrom).toBeNull();
    expect(rollUp('XXX', null, [])).toBeNull();
  });

  it('computes trends and lists risers among classed regions only', () => {
    expect(trend(6, 4)).toBe(2);
    expect(trend(6, null)).toBeNull();
    const rows = [
      { region: 'A', score: 8, class: 'very-high', trend: 3, trend12: 1 },
      { region: 'B', score: 9, class: 'insufficient-data', trend: 5, trend12: 5 },
      { region: 'C', score: 5, class: 'medium', trend: 1, trend12: 4 },
      { region: 'D', score: 2, class: 'low', trend: -1, trend12: null },
    ];
    expect(risers(rows, { months: 3, limit: 5 }).map((r) => r.region)).toEqual(['A', 'C']);
    expect(risers(rows, { months: 12, limit: 1 }).map((r) => r.region)).toEqual(['C']);
  });

  it('rounds points so that they add up exactly to the rounded total', () => {
    const parts = apportion([1.006, 1.006, 1.006, 0], 2);
    expect(parts.reduce((a, b) => a + b, 0)).toBeCloseTo(3.02, 10);
    expect(parts).toEqual([1.01, 1.01, 1, 0]);
  });
});
