import { describe, expect, it } from 'vitest';
import { defaultCatalogue } from '../../indicators/catalogue/index.ts';
import { isPlausible, plausibleRange } from '../../indicators/index.ts';

describe('plausibleRange', () => {
  it('gives every catalogue indicator a finite range from 0 that still reaches a full score', () => {
    for (const ind of defaultCatalogue.indicators) {
      const m = ind.measurement;
      const r = plausibleRange(m);
      expect(r.min, ind.id).toBe(0);
      expect(Number.isFinite(r.max), ind.id).toBe(true);
      const full = m.kind === 'severity' ? m.max : m.kind === 'binary' ? 1 : m.saturation;
      expect(r.max, ind.id).toBeGreaterThanOrEqual(full);
    }
  });

  it('caps rates in % at 100, rates per N at N, counts at 100 times their saturation', () => {
    expect(plausibleRange({ kind: 'rate', saturation: 25, unit: '% of people screened' })).toEqual({
      min: 0,
      max: 100,
      integer: false,
    });
    expect(plausibleRange({ kind: 'rate', saturation: 50, unit: 'cases per 100,000 people' }).max).toBe(100_000);
    expect(plausibleRange({ kind: 'count', saturation: 20, unit: 'allegations' })).toEqual({
      min: 0,
      max: 2000,
      integer: true,
    });
    expect(plausibleRange({ kind: 'severity', max: 4 })).toEqual({ min: 0, max: 4, integer: true });
  });

  it('refuses values off the range, fractions of whole-number scales and non-finite numbers', () => {
    const count = plausibleRange({ kind: 'count', saturation: 20, unit: 'allegations' });
    expect(isPlausible(count, 2000)).toBe(true);
    expect(isPlausible(count, 2001)).toBe(false);
    expect(isPlausible(count, 1.5)).toBe(false);
    expect(isPlausible(count, -1)).toBe(false);
    expect(isPlausible(count, Number.POSITIVE_INFINITY)).toBe(false);
    const rate = plausibleRange({ kind: 'rate', saturation: 25, unit: '%' });
    expect(isPlausible(rate, 99.5)).toBe(true);
    expect(isPlausible(rate, 100.01)).toBe(false);
    expect(isPlausible(rate, Number.NaN)).toBe(false);
  });
});
