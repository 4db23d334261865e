import { describe, expect, it } from 'vitest';
import { periodRange } from '../../indicators/index.ts';
import { clampMonth, fmtRange, recentRange, resolveRange } from '../../web/features/controls/month-range.ts';

/** Months with data from March 2014 to November 2017, with none from May to August 2015. */
const PERIODS = periodRange('2014-03', '2017-11').filter((p) => p < '2015-05' || p > '2015-08');
const DEFAULTS = { to: '2017-11', from: () => '2016-01' };
const resolve = (from: string | null, to: string | null) => resolveRange({ from, to }, PERIODS, DEFAULTS);

describe('month range from the URL', () => {
  it('takes a range of months with data as it is, and the default when the URL has none', () => {
    expect(resolve('2015-01', '2016-06')).toEqual({ from: '2015-01', to: '2016-06', asked: true, notes: [] });
    expect(resolve(null, null)).toEqual({ from: '2016-01', to: '2017-11', asked: false, notes: [] });
  });

  it('clamps each end to the months with data and says so', () => {
    const r = resolve('2012-05', '2019-01')!;
    expect([r.from, r.to]).toEqual(['2014-03', '2017-11']);
    expect(r.notes).toEqual([
      'No data in Jan 2019: the range ends at Nov 2017, the last month with data.',
      'No data in May 2012: the range starts at Mar 2014, the first month with data.',
    ]);
    // Inside a gap, each end moves inwards to the nearest month with data.
    const g = resolve('2015-06', '2015-07')!;
    expect([g.from, g.to]).toEqual(['2015-04', '2015-09']);
    expect(g.notes.join(' ')).toContain('No data in Jun 2015: the range starts at Sep 2015');
  });

  it('puts a backwards range in order and says so', () => {
    const r = resolve('2017-02', '2016-02')!;
    expect([r.from, r.to]).toEqual(['2016-02', '2017-02']);
    expect(r.notes).toEqual(['The range ran backwards (Feb 2017 after Feb 2016): its ends are swapped.']);
  });

  it('brings the default end along when one asked end passes it, and ignores what is not a month', () => {
    expect(
      resolveRange({ from: '2017-11', to: null }, PERIODS, { to: '2017-06', from: () => '2017-01' }),
    ).toMatchObject({ from: '2017-11', to: '2017-11', notes: [] });
    const r = resolve('June', '2016-06')!;
    expect([r.from, r.to]).toEqual(['2016-01', '2016-06']);
    expect(r.notes).toEqual(['“June” is not a month (YYYY-MM), so from is the default.']);
  });

  it('is null while no month has data', () => {
    expect(resolveRange({ from: '2016-01', to: null }, [], DEFAULTS)).toBeNull();
  });
});

describe('month range helpers', () => {
  it('clamps a month to the data on the inside of the range', () => {
    expect(clampMonth('2015-06', PERIODS, 'start')).toBe('2015-09');
    expect(clampMonth('2015-06', PERIODS, 'end')).toBe('2015-04');
    expect(clampMonth('2016-06', PERIODS, 'end')).toBe('2016-06');
  });

  it('defaults to the last months with data, reaching back to include the month shown', () => {
    expect(recentRange(PERIODS, 24, '2017-05')).toEqual({ from: '2015-12', to: '2017-11' });
    expect(recentRange(PERIODS, 24, '2014-07')).toEqual({ from: '2014-07', to: '2017-11' });
    expect(recentRange([], 24, null)).toBeNull();
  });

  it('writes a range as people read it', () => {
    expect(fmtRange({ from: '2015-01', to: '2016-06' })).toBe('Jan 2015 – Jun 2016');
    expect(fmtRange({ from: '2016-06', to: '2016-06' })).toBe('Jun 2016');
  });
});
