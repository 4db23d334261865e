import { describe, expect, it } from 'vitest';
import type { Indicator, ModelObservation, Scenario } from '../../indicators/types.ts';
import { MODEL_CONFIG } from '../../indicators/model/config.ts';
import { formProfile } from '../../indicators/model/forms.ts';
import { rollUp } from '../../indicators/model/rollup.ts';
import { scenarioWeights } from '../../indicators/model/scenario.ts';
import { scoreRegion } from '../../indicators/model/score.ts';
import { createForms, createIndicator } from '../fixtures/catalogue.ts';

/*
 * The golden fixture: five indicators in four groups, one region (XX-A) of one country (XXX).
 *
 *   id       group     relevance  measurement        weight  persistence  forms
 *   tip.a    tip.g1    direct     severity 0–4       2       6            sexual_slavery
 *   tip.b    tip.g1    direct     severity 0–4       1       6            forced_labour
 *   tip.c    tip.g2    indirect   severity 0–4       1       3            forced_labour, sexual_slavery
 *   afac.x   afac.g1   direct     yes/no             1.5     12           sexual_exploitation
 *   crsv.y   crsv.g1   none       count (sat. 100)   1       6            —   (never observed)
 *
 * Observations (afac.x was recorded for the country and is inherited), from sources a, b, a, c:
 *   tip.a = 3 in 2015-04 (high) · tip.b = 4 in 2015-02 (medium) · tip.c = 2 in 2015-03 (low) ·
 *   afac.x = 1 in 2015-01 (high, country XXX)
 */
const indicators: Indicator[] = [
  createIndicator({ id: 'tip.a', group: 'tip.g1', weight: 2, persistenceMonths: 6, forms: ['sexual_slavery'] }),
  createIndicator({ id: 'tip.b', group: 'tip.g1', weight: 1, persistenceMonths: 6, forms: ['forced_labour'] }),
  createIndicator({
    id: 'tip.c',
    group: 'tip.g2',
    relevance: 'indirect',
    weight: 1,
    persistenceMonths: 3,
    forms: ['forced_labour', 'sexual_slavery'],
  }),
  createIndicator({
    id: 'afac.x',
    group: 'afac.g1',
    measurement: { kind: 'binary' },
    weight: 1.5,
    persistenceMonths: 12,
    forms: ['sexual_exploitation'],
  }),
  createIndicator({
    id: 'crsv.y',
    group: 'crsv.g1',
    relevance: 'none',
    measurement: { kind: 'count', saturation: 100, unit: 'reports' },
    weight: 1,
    persistenceMonths: 6,
  }),
];
const catalogue = { indicators, forms: createForms() };
const observations: ModelObservation[] = [
  {
    id: 1,
    regionCode: 'XX-A',
    indicatorId: 'tip.a',
    period: '2015-04',
    value: 3,
    confidence: 'high',
    source: 'cite:a',
  },
  {
    id: 2,
    regionCode: 'XX-A',
    indicatorId: 'tip.b',
    period: '2015-02',
    value: 4,
    confidence: 'medium',
    source: 'cite:b',
  },
  { id: 3, regionCode: 'XX-A', indicatorId: 'tip.c', period: '2015-03', value: 2, confidence: 'low', source: 'cite:a' },
  {
    id: 4,
    regionCode: 'XXX',
    indicatorId: 'afac.x',
    period: '2015-01',
    value: 1,
    confidence: 'high',
    source: 'cite:c',
    inherited: true,
  },
];
const score = (period: string, lens: 'overall' | 'tip', weights = {}) =>
  scoreRegion({ region: 'XX-A', period, lens, observations, catalogue, weights, method: 'v1' });
const points = (s: ReturnType<typeof score>) =>
  Object.fromEntries(s.contributions.map((c) => [c.indicatorId, c.points]));

describe('golden fixture, scored by hand', () => {
  it('overall lens in 2015-04', () => {
    /*
     * Age factors 1 − age/(persistence + 1):  tip.a 1 · tip.b 1 − 2/7 = 5/7 · tip.c 1 − 1/4 = 3/4 · afac.x 1 − 3/13 = 10/13
     * Effective weights e:  tip.a 2 · tip.b 5/7 · tip.c 3/4 · afac.x 1.5 × 10/13 = 15/13
     * Values v:  tip.a 3/4 · tip.b 1 · tip.c 1/2 · afac.x 1
     * Groups (mean within, voice = largest e):
     *   tip.g1  G = (2 × 3/4 + 5/7 × 1) / (2 + 5/7) = 15.5/19, voice 2
     *   tip.g2  G = 1/2, voice 3/4
     *   afac.g1 G = 1, voice 15/13            Σ voice = 2 + 3/4 + 15/13 = 203/52
     * Score = 10 × (2 × 15.5/19 + 3/4 × 1/2 + 15/13 × 1) / (203/52) = 31225/3857 ≈ 8.0957
     * Points = 10 × (voice/Σ voice) × e·v / Σe(group):
     *   tip.a 10 × (104/203) × 1.5/(19/7) = 10920/3857 · tip.b 10 × (104/203) × 5/19 = 5200/3857
     *   tip.c 10 × (39/203) × 1/2 = 195/203 · afac.x 10 × 60/203 = 600/203          (sum = 31225/3857)
     * Coverage = Σe / Σ weights = (2 + 5/7 + 3/4 + 15/13) / 6.5 ≈ 0.71048
     * Confidence: own grade round((2·2 + 5/7·1 + 3/4·0 + 15/13·2) / Σe) = round(1.52) = high; 3 groups → medium.
     */
    const s = score('2015-04', 'overall');
    expect(s.score).toBeCloseTo(31225 / 3857, 12);
    const p = points(s);
    expect(p['tip.a']).toBeCloseTo(10920 / 3857, 12);
    expect(p['tip.b']).toBeCloseTo(5200 / 3857, 12);
    expect(p['tip.c']).toBeCloseTo(195 / 203, 12);
    expect(p['afac.x']).toBeCloseTo(600 / 203, 12);
    expect(p['crsv.y']).toBe(0);
    expect(s.coverage).toBeCloseTo((2 + 5 / 7 + 3 / 4 + 15 / 13) / 6.5, 12);
    expect(s.class).toBe('very-high');
    expect(s.confidence).toBe('medium');
    expect(s.evidence).toEqual({ indicators: 4, groups: 3, groupsInLens: 4, sources: 3, signs: 2, own: 3 });
    expect(s.drivers.map((d) => d.indicatorId)).toEqual(['afac.x', 'tip.a', 'tip.b']);
    expect(s.drivers[0]!.region).toBe('XXX');
    expect(s.contributions.find((c) => c.indicatorId === 'afac.x')!.inherited).toBe(true);
  });

  it('trafficking lens in 2015-04: indirect at half weight, not-relevant left out', () => {
    /*
     * Weights: tip.a 2 · tip.b 1 · tip.c 1 × 0.5 = 0.5 · afac.x 1.5 · crsv.y 0 (out of the lens)
     * e: tip.a 2 · tip.b 5/7 · tip.c 0.5 × 3/4 = 3/8 · afac.x 15/13;  voices 2, 3/8, 15/13 → Σ = 367/104
     * Score = 10 × (31/19 + 3/8 × 1/2 + 15/13) / (367/104) = 58745/6973 ≈ 8.4246
     */
    const s = score('2015-04', 'tip');
    expect(s.score).toBeCloseTo(58745 / 6973, 12);
    expect(s.contributions.map((c) => c.indicatorId)).toEqual(['tip.a', 'tip.b', 'tip.c', 'afac.x']);
    expect(s.contributions.find((c) => c.indicatorId === 'tip.c')!.weight).toBe(0.5);
  });

  it('ageing in 2015-08: tip.c has expired, the rest weigh less, confidence drops for staleness', () => {
    /*
     * Ages: tip.a 4 → 3/7 · tip.b 6 → 1/7 · tip.c 5 > 3 → gone · afac.x 7 → 6/13
     * e: tip.a 6/7 · tip.b 1/7 · afac.x 9/13
     * tip.g1 G = (6/7 × 3/4 + 1/7) / 1 = 5.5/7, voice 6/7;  afac.g1 G = 1, voice 9/13;  Σ voice = 141/91
     * Score = 10 × (6/7 × 5.5/7 + 9/13) / (141/91) = 2900/329 ≈ 8.8146
     * Mean age factor Σe/Σw = (1 + 9/13) / 4.5 ≈ 0.376 < 0.5 → stale: medium (2 groups) drops to low.
     */
    const s = score('2015-08', 'overall');
    expect(s.score).toBeCloseTo(2900 / 329, 12);
    expect(s.contributions.find((c) => c.indicatorId === 'tip.c')!.observed).toBe(false);
    expect(s.coverage).toBeCloseTo((1 + 9 / 13) / 6.5, 12);
    expect(s.confidence).toBe('low');
  });

  it('profiles exploitation forms by weighted evidence', () => {
    /*
     * Evidence e × v × (direct 1, indirect 0.5) in 2015-04, overall lens:
     *   tip.a 2 × 3/4 = 1.5 → sexual_slavery · tip.b 5/7 → forced_labour
     *   tip.c 3/4 × 1/2 × 1/2 = 3/16 → forced_labour and sexual_slavery · afac.x 15/13 → sexual_exploitation
     * Totals: sexual_slavery 27/16 · sexual_exploitation 15/13 · forced_labour 5/7 + 3/16; shares of their sum.
     */
    const forms = formProfile(score('2015-04', 'overall').contributions, catalogue, MODEL_CONFIG);
    const total = 27 / 16 + 15 / 13 + (5 / 7 + 3 / 16);
    expect(forms.map((f) => f.form)).toEqual(['sexual_slavery', 'sexual_exploitation', 'forced_labour']);
    expect(forms[0]!.weight).toBeCloseTo(27 / 16 / total, 12);
    expect(forms[2]!.weight).toBeCloseTo((5 / 7 + 3 / 16) / total, 12);
    expect(forms[0]!.indicators).toEqual(['tip.a', 'tip.c']);
  });

  it('rolls the country up to its classed region, not to its own thin evidence', () => {
    /* The country's own score rests on afac.x alone (10, insufficient data); XX-A is classed at 8.0957. */
    const own = scoreRegion({
      region: 'XXX',
      period: '2015-04',
      lens: 'overall',
      observations: [{ ...observations[3]!, inherited: false }],
      catalogue,
      method: 'v1',
    });
    expect(own.score).toBe(10);
    expect(own.class).toBe('insufficient-data');
    const r = rollUp('XXX', own, [score('2015-04', 'overall')])!;
    expect(r.score).toBeCloseTo(31225 / 3857, 12);
    expect(r.rolledUpFrom).toBe('XX-A');
  });

  it('applies a scenario’s form multiplier to the form and every form below it', () => {
    /*
     * sexual_exploitation × 2 reaches sexual_slavery (its child): tip.a 2 → 4, tip.c 1 → 2, afac.x 1.5 → 3; others unchanged.
     * Rescored in 2015-04: e = tip.a 4 · tip.b 5/7 · tip.c 3/2 · afac.x 30/13; tip.g1 G = (3 + 5/7)/(4 + 5/7) = 26/33, voice 4;
     * tip.g2 G = 1/2, voice 3/2; afac.g1 G = 1, voice 30/13; Σ voice = 203/26.
     * Score = 10 × (4 × 26/33 + 3/2 × 1/2 + 30/13) / (203/26) = 53275/6699 ≈ 7.9527: lower than the baseline's 8.0957,
     * because the boost also lifts tip.a (3 of 4) against tip.b (4 of 4) inside tip.g1.
     */
    const scenario: Scenario = {
      id: 'test',
      label: 'test',
      description: 'test',
      purpose: 'test',
      multipliers: { forms: { sexual_exploitation: 2 } },
    };
    expect(scenarioWeights(scenario, catalogue)).toEqual({
      'tip.a': 4,
      'tip.b': 1,
      'tip.c': 2,
      'afac.x': 3,
      'crsv.y': 1,
    });
    const boosted = scoreRegion({
      region: 'XX-A',
      period: '2015-04',
      lens: 'overall',
      observations,
      catalogue,
      weights: scenarioWeights(scenario, catalogue),
      method: 'v1',
    });
    expect(boosted.score).toBeCloseTo(53275 / 6699, 12);
  });
});

describe('golden fixture under the evidence model (v2), computed by hand', () => {
  const v2 = (period: string, lens: 'overall' | 'tip', obs = observations) =>
    scoreRegion({ region: 'XX-A', period, lens, observations: obs, catalogue });
  const sat = (x: number) => 0.9 * Math.tanh(x / 0.9);

  it('overall lens in 2015-04: hazards per source, saturated, then 10 · (1 − e^(−H))', () => {
    /*
     * Hazard h = λ · w · f · q · v (× ρ = 1/2 for a country-level record), λ = 1/2, q: high 1, medium 3/4, low 1/2:
     *   tip.a (a) 1/2 · 2 · 1 · 1 · 3/4 = 3/4        tip.b (b) 1/2 · 1 · 5/7 · 3/4 · 1 = 15/56
     *   tip.c (a) 1/2 · 1 · 3/4 · 1/2 · 1/2 = 3/32   afac.x (c) 1/2 · 3/2 · 10/13 · 1 · 1 · 1/2 = 15/52
     * Per source, saturated below 0.9 (0.9 · tanh(x / 0.9)): a → sat(27/32), b → sat(15/56), c → sat(15/52); H = their sum.
     * Points: each item's share of its source's saturated hazard, times 10 · (1 − e^(−H)) / H.
     */
    const a = sat(3 / 4 + 3 / 32);
    const b = sat(15 / 56);
    const c = sat(15 / 52);
    const H = a + b + c;
    const S = 10 * (1 - Math.exp(-H));
    const s = v2('2015-04', 'overall');
    expect(s.score).toBeCloseTo(S, 12);
    const p = points(s);
    expect(p['tip.a']).toBeCloseTo((S * a * (3 / 4)) / (27 / 32) / H, 12);
    expect(p['tip.c']).toBeCloseTo((S * a * (3 / 32)) / (27 / 32) / H, 12);
    expect(p['tip.b']).toBeCloseTo((S * b) / H, 12);
    expect(p['afac.x']).toBeCloseTo((S * c) / H, 12);
    // H ≈ 1.03 → S ≈ 6.4: "high", where v1's mean said "very high" (8.1) from the same four readings.
    expect(s.class).toBe('high');
    expect(s.evidence).toMatchObject({ indicators: 4, sources: 3, signs: 2, own: 3 });
    // Coverage counts the country-level record at half: (2 + 5/7 + 3/4 + 15/26) / 6.5 ≈ 0.62 → medium at best;
    // three sources → high; analysts round((2·2 + 5/7 + 0 + 15/13·2) / (2 + 5/7 + 3/4 + 15/13)) = 2 → high.
    expect(s.coverage).toBeCloseTo((2 + 5 / 7 + 3 / 4 + 15 / 26) / 6.5, 12);
    expect(s.confidence).toBe('high');
    expect(s.breakdown).toMatchObject({ prior: 0, ceiling: false });
    expect(s.breakdown!.strength).toBeCloseTo(H, 12);
  });

  it('one source alone stays unclassed, and a second source lifts the score', () => {
    const one = v2(
      '2015-04',
      'overall',
      observations.map((o) => ({ ...o, source: 'cite:a' })),
    );
    expect(one.class).toBe('insufficient-data');
    expect(one.score!).toBeLessThan(10 * (1 - Math.exp(-0.9)));
    expect(v2('2015-04', 'overall').score!).toBeGreaterThan(one.score!);
  });

  it('trafficking lens with conditions only: the score stops at the ceiling and the class at medium', () => {
    /* Only tip.c (indirect) and a strong country-level afac.x; tip.c from two sources at the top of its scale. */
    const conditions: ModelObservation[] = [
      {
        id: 11,
        regionCode: 'XX-A',
        indicatorId: 'tip.c',
        period: '2015-04',
        value: 4,
        confidence: 'high',
        source: 'cite:a',
      },
      {
        id: 12,
        regionCode: 'XX-A',
        indicatorId: 'tip.c',
        period: '2015-04',
        value: 4,
        confidence: 'high',
        source: 'cite:b',
      },
      {
        id: 13,
        regionCode: 'XX-A',
        indicatorId: 'tip.c',
        period: '2015-04',
        value: 4,
        confidence: 'high',
        source: 'cite:d',
      },
    ];
    const s = v2('2015-04', 'tip', conditions);
    const h = sat(0.5 * 0.5 * 1);
    expect(s.evidence.signs).toBe(0);
    expect(s.score).toBeCloseTo(Math.min(5.9, 10 * (1 - Math.exp(-3 * h))), 12);
    expect(['high', 'very-high']).not.toContain(s.class);
  });

  it('a "looked for, not found" reading lowers the score by e^(−G), with negative points', () => {
    const absent: ModelObservation = {
      id: 21,
      regionCode: 'XX-A',
      indicatorId: 'crsv.y',
      period: '2015-04',
      value: 0,
      confidence: 'high',
      source: 'cite:m',
    };
    const before = v2('2015-04', 'overall').score!;
    const s = v2('2015-04', 'overall', [...observations, absent]);
    // δ = 1/2 per unit of weight, saturated below the absence cap 0.5.
    const G = 0.5 * Math.tanh((0.5 * 1 * 1 * 1) / 0.5);
    expect(s.score).toBeCloseTo(before * Math.exp(-G), 12);
    expect(points(s)['crsv.y']).toBeCloseTo(-before * (1 - Math.exp(-G)), 12);
  });
});
