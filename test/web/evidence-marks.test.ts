import { describe, expect, it } from 'vitest';
import { COUNTRY_LEVEL, MAP_COLORS, mapMark } from '../../web/charts/evidence-marks.ts';
import { PATTERNS, patternCss, patternPixels, patternSvg } from '../../web/charts/patterns.ts';
import { CLASS_COLORS } from '../../web/charts/risk-colors.ts';
import { topHotspots } from '../../web/features/hotspots/hotspots.ts';

/** Share of a tile's area covered by marks (alpha summed against full opacity). */
function inked(p: { data: Uint8Array }, opacity: number): number {
  let a = 0;
  for (let i = 3; i < p.data.length; i += 4) a += p.data[i]!;
  return a / (255 * opacity * (p.data.length / 4));
}
const alphaAt = (p: { width: number; data: Uint8Array }, x: number, y: number) => p.data[(y * p.width + x) * 4 + 3]!;

describe('map textures', () => {
  it('hatch conditions-only regions with diagonal lines and dot country-level ones, in the share of area their geometry gives', () => {
    const hatch = patternPixels('conditions', 1);
    expect([hatch.width, hatch.height]).toEqual([8, 8]);
    // The pixel whose centre lies on x + y = 8 is inked; one far from every line is clear.
    expect(alphaAt(hatch, 3, 4)).toBeGreaterThan(150);
    expect(alphaAt(hatch, 0, 3)).toBe(0);
    // Lines 1.6 px wide every 8 / √2 px across: about 1.6 · √2 / 8 of the area.
    const c = PATTERNS.conditions;
    if (c.shape.kind !== 'hatch') throw new Error('conditions is a hatch');
    expect(inked(hatch, c.opacity)).toBeCloseTo((c.shape.width * Math.SQRT2) / c.size, 1);
    // Two dots of radius r per tile of side s: 2πr² / s².
    const d = PATTERNS.country;
    if (d.shape.kind !== 'dots') throw new Error('country is dots');
    expect(inked(patternPixels('country', 4), d.opacity)).toBeCloseTo(
      (2 * Math.PI * d.shape.radius ** 2) / d.size ** 2,
      2,
    );
    // Sharper at a higher pixel ratio, same tile; and deterministic.
    expect(patternPixels('conditions', 3).width).toBe(24);
    expect(patternPixels('conditions', 3).data).toEqual(patternPixels('conditions', 3).data);
  });

  it('gives every medium the same texture: SVG pattern tiles and a CSS swatch', () => {
    expect(patternSvg('conditions')).toMatch(
      /^<pattern id="vigil-conditions" width="8" height="8" patternUnits="userSpaceOnUse"><path d="M-2 2L2 -2M0 8L8 0M6 10L10 6" /,
    );
    expect(patternSvg('country', 2, '-x')).toContain('<pattern id="vigil-country-x" width="12" height="12"');
    expect(decodeURIComponent(patternCss('country'))).toContain('fill="url(#vigil-country)"');
  });

  it('draws a region by what its evidence is: class colour, hatched for conditions only, dotted light fill for country-level records only', () => {
    expect(mapMark({ class: 'medium', basis: 'own', conditionsOnly: true })).toEqual({
      category: 'medium',
      pattern: 'conditions',
    });
    expect(mapMark({ class: 'high', basis: 'own', conditionsOnly: false })).toEqual({
      category: 'high',
      pattern: null,
    });
    expect(mapMark({ class: 'insufficient-data', basis: 'country', conditionsOnly: false })).toEqual({
      category: COUNTRY_LEVEL,
      pattern: 'country',
    });
    expect(mapMark({ class: 'no-data', basis: 'none' }).pattern).toBeNull();
    // The country-level fill is none of the class colours.
    expect(Object.values(CLASS_COLORS)).not.toContain(MAP_COLORS[COUNTRY_LEVEL]);
  });
});

describe('hotspots under the evidence model', () => {
  const row = (region: string, score: number | null, cls: string, extra: object = {}) => ({
    region,
    name: region,
    score,
    class: cls,
    drivers: [{ indicatorId: 'x', label: 'Slave markets', points: 1 }],
    ...extra,
  });

  it('never lists a region with country-level records only, and marks conditions-only regions', () => {
    const h = topHotspots(
      [
        row('OWN', 7, 'high', { basis: 'own', conditionsOnly: false }),
        row('COND', 5.9, 'medium', { basis: 'own', conditionsOnly: true }),
        // Even if a row with only country-level records came with a score and a class, it is not a hotspot.
        row('CTRY', 9, 'very-high', { basis: 'country', conditionsOnly: false }),
        row('NONE', null, 'insufficient-data', { basis: 'country' }),
      ],
      10,
    );
    expect(h.map((x) => [x.region, x.conditionsOnly])).toEqual([
      ['OWN', false],
      ['COND', true],
    ]);
  });
});
