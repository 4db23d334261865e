import { describe, expect, it } from 'vitest';
import { defaultCatalogue } from '../../indicators/catalogue/index.ts';
import type { ModelObservation, Weights } from '../../indicators/types.ts';
import { observationsByRegion, scoreFamilies } from '../../indicators/model/batch.ts';
import { compareScenarios, competitionRanks } from '../../indicators/model/compare.ts';
import { MODEL_CONFIG } from '../../indicators/model/config.ts';
import { prepareLens } from '../../indicators/model/lens.ts';
import { scenarioWeights } from '../../indicators/model/scenario.ts';
import { mulberry32, sensitivity, spearman } from '../../indicators/model/sensitivity.ts';
import { SCENARIOS, getScenario } from '../../indicators/scenarios/index.ts';

describe('bundled scenarios', () => {
  it('name only groups, forms, frameworks and indicators that exist in the catalogue', () => {
    const groups = new Set(defaultCatalogue.groups.map((g) => g.id));
    const forms = new Set(defaultCatalogue.forms.map((f) => f.id));
    const ids = new Set(defaultCatalogue.indicators.map((i) => i.id));
    expect(new Set(SCENARIOS.map((s) => s.id)).size).toBe(SCENARIOS.length);
    for (const s of SCENARIOS) {
      for (const g of Object.keys(s.multipliers.groups ?? {})) expect(groups, `${s.id}: group ${g}`).toContain(g);
      for (const f of Object.keys(s.multipliers.forms ?? {})) expect(forms, `${s.id}: form ${f}`).toContain(f);
      for (const i of [...Object.keys(s.multipliers.indicators ?? {}), ...Object.keys(s.weights ?? {})])
        expect(ids, `${s.id}: indicator ${i}`).toContain(i);
      expect(s.label.length).toBeGreaterThan(0);
      expect(s.description.length).toBeGreaterThan(20);
    }
  });

  it('leave the baseline at the catalogue’s defaults and reweight the others', () => {
    const base = scenarioWeights(getScenario('baseline')!, defaultCatalogue);
    for (const i of defaultCatalogue.indicators) expect(base[i.id]).toBe(i.weight);
    const children = scenarioWeights(getScenario('children-focus')!, defaultCatalogue);
    expect(children['tip.child-recruitment']).toBe(2 * 2 * 1.5);
    expect(children['tip.enslavement-policy']).toBe(2);
    const direct = scenarioWeights(getScenario('direct-evidence')!, defaultCatalogue);
    expect(direct['tip.mass-displacement']).toBe(0);
    expect(direct['afac.7.9']).toBe(2);
  });
});

describe('compareScenarios', () => {
  it('says which regions move, by how much, and how their ranks change', () => {
    const base = [
      { region: 'A', score: 8, class: 'very-high' },
      { region: 'B', score: 6, class: 'high' },
      { region: 'C', score: 3, class: 'low' },
      { region: 'D', score: 9, class: 'insufficient-data' },
    ];
    const alt = [
      { region: 'A', score: 7.9, class: 'high' },
      { region: 'B', score: 9, class: 'very-high' },
      { region: 'C', score: 2, class: 'low' },
    ];
    const cmp = compareScenarios(base, alt);
    expect(cmp.moves.map((m) => m.region)).toEqual(['B', 'C', 'A', 'D']);
    const b = cmp.moves[0]!;
    expect([b.delta, b.baseRank, b.altRank, b.rankChange, b.classChanged]).toEqual([3, 2, 1, 1, true]);
    expect(cmp.moves.find((m) => m.region === 'D')!).toMatchObject({
      baseRank: null,
      altScore: null,
      delta: null,
      altClass: 'no-data',
    });
    expect(cmp.summary).toMatchObject({
      regions: 4,
      moved: 4,
      classChanges: 3,
      maxRise: { region: 'B', delta: 3 },
      maxFall: { region: 'C', delta: -1 },
    });
  });

  it('ranks ties together and leaves unclassed scores unranked', () => {
    const ranks = competitionRanks([
      { region: 'A', score: 9, class: 'very-high' },
      { region: 'B', score: 9, class: 'very-high' },
      { region: 'C', score: 7, class: 'high' },
      { region: 'D', score: 10, class: 'insufficient-data' },
    ]);
    expect([...ranks]).toEqual([
      ['A', 1],
      ['B', 1],
      ['C', 3],
    ]);
  });
});

describe('sensitivity', () => {
  it('repeats exactly with the same seed, and keeps a clear leader at the top', () => {
    const rand = mulberry32(7);
    const again = mulberry32(7);
    expect([rand(), rand(), rand()]).toEqual([again(), again(), again()]);

    const catalogue = defaultCatalogue;
    const o = (id: number, regionCode: string, indicatorId: string, value: number): ModelObservation => ({
      id,
      regionCode,
      indicatorId,
      period: '2016-07',
      value,
      confidence: 'high',
      // Two independent sources in every region, so that each can be classed.
      source: id % 2 ? 'cite:report-1' : 'cite:report-2',
    });
    const obs = [
      o(1, 'A', 'tip.enslavement-policy', 4),
      o(2, 'A', 'tip.slave-markets', 4),
      o(3, 'A', 'afac.7.9', 4),
      o(4, 'B', 'tip.child-recruitment', 3),
      o(5, 'B', 'tip.mass-displacement', 2),
      o(6, 'C', 'tip.food-insecurity', 1),
      o(7, 'C', 'tip.mass-displacement', 1),
      o(8, 'D', 'tip.debt-bondage', 2),
      o(9, 'D', 'tip.smuggling-routes', 3),
    ];
    const regions = ['A', 'B', 'C', 'D'].map((code) => ({ code, level: 0, parent: null }));
    const byRegion = observationsByRegion(obs, regions);
    const score = (w: Weights) =>
      scoreFamilies({
        lens: prepareLens(catalogue, 'tip', w, MODEL_CONFIG),
        periods: ['2016-07'],
        regions,
        byRegion,
      }).map((r) => ({ region: r.score.region, score: r.score.score, class: r.score.class }));
    const weights = scenarioWeights(getScenario('baseline')!, catalogue);
    const run = () => sensitivity({ score, weights, runs: 50, spread: 0.2, top: 2, seed: 42 });
    const result = run();
    expect(run()).toEqual(result);
    expect(result.regions).toBe(4);
    expect(result.topRegions[0]).toMatchObject({ region: 'A', baseRank: 1, bestRank: 1, worstRank: 1, inTopShare: 1 });
    expect(result.meanSpearman!).toBeGreaterThan(0.5);
    expect(result.meanSpearman!).toBeLessThanOrEqual(1);
    expect(
      spearman(
        new Map([
          ['x', 1],
          ['y', 2],
          ['z', 3],
        ]),
        new Map([
          ['x', 3],
          ['y', 2],
          ['z', 1],
        ]),
      ),
    ).toBeCloseTo(-1);
  });
});
