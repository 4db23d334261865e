import { describe, expect, it } from 'vitest';
import { periodRange } from '../../indicators/index.ts';
import { stepIndex, yearTicks } from '../../web/features/controls/month-steps.ts';

/** Months with data from March 2014 to November 2017, with no data from May to August 2015. */
const PERIODS = periodRange('2014-03', '2017-11').filter((p) => p < '2015-05' || p > '2015-08');
const at = (p: string) => PERIODS.indexOf(p);

describe('month slider steps', () => {
  it('moves one month with data per arrow, skipping months without data', () => {
    expect(PERIODS[stepIndex(PERIODS, at('2015-04'), 'ArrowRight')!]).toBe('2015-09');
    expect(PERIODS[stepIndex(PERIODS, at('2015-09'), 'ArrowLeft')!]).toBe('2015-04');
    expect(PERIODS[stepIndex(PERIODS, at('2016-02'), 'ArrowUp')!]).toBe('2016-03');
    expect(PERIODS[stepIndex(PERIODS, at('2016-02'), 'ArrowDown')!]).toBe('2016-01');
  });

  it('stops at the ends instead of wrapping', () => {
    expect(stepIndex(PERIODS, 0, 'ArrowLeft')).toBe(0);
    expect(stepIndex(PERIODS, PERIODS.length - 1, 'ArrowRight')).toBe(PERIODS.length - 1);
    expect(stepIndex(PERIODS, at('2016-06'), 'Home')).toBe(0);
    expect(stepIndex(PERIODS, at('2016-06'), 'End')).toBe(PERIODS.length - 1);
  });

  it('moves a year with PageUp and PageDown, to the nearest month with data beyond a gap', () => {
    expect(PERIODS[stepIndex(PERIODS, at('2016-06'), 'PageUp')!]).toBe('2017-06');
    expect(PERIODS[stepIndex(PERIODS, at('2016-06'), 'PageDown')!]).toBe('2015-04');
    expect(PERIODS[stepIndex(PERIODS, at('2014-06'), 'PageUp')!]).toBe('2015-09');
    // Less than a year from an end: the end.
    expect(PERIODS[stepIndex(PERIODS, at('2017-03'), 'PageUp')!]).toBe('2017-11');
    expect(PERIODS[stepIndex(PERIODS, at('2014-09'), 'PageDown')!]).toBe('2014-03');
  });

  it('ignores other keys and an empty list', () => {
    expect(stepIndex(PERIODS, 3, 'Enter')).toBeNull();
    expect(stepIndex([], 0, 'ArrowRight')).toBeNull();
  });
});

describe('year ticks', () => {
  it('marks each year at its first month with data, across the track', () => {
    const ticks = yearTicks(PERIODS);
    expect(ticks.map((t) => [t.year, PERIODS[t.index]])).toEqual([
      ['2014', '2014-03'],
      ['2015', '2015-01'],
      ['2016', '2016-01'],
      ['2017', '2017-01'],
    ]);
    expect(ticks[0]!.at).toBe(0);
    expect(ticks.every((t) => t.labelled)).toBe(true);
    expect(ticks[3]!.at).toBeCloseTo(at('2017-01') / (PERIODS.length - 1), 10);
  });

  it('labels every second year when there are more years than labels fit', () => {
    const ticks = yearTicks(periodRange('2000-01', '2011-12'), 8);
    expect(ticks).toHaveLength(12);
    expect(ticks.filter((t) => t.labelled).map((t) => t.year)).toEqual([
      '2000',
      '2002',
      '2004',
      '2006',
      '2008',
      '2010',
    ]);
  });
});
