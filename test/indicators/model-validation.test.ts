import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { DocumentedOnset, ModelObservation } from '../../indicators/types.ts';
import { isPeriod, periodRange } from '../../indicators/period.ts';
import { DOCUMENTED_ONSETS } from '../../indicators/cases/onsets.ts';
import { backtest, rankScored } from '../../indicators/model/backtest.ts';
import { observationsByRegion, type RegionRef } from '../../indicators/model/batch.ts';
import { classChanges } from '../../indicators/model/class-changes.ts';
import { MODEL_CONFIG } from '../../indicators/model/config.ts';
import { prepareLens } from '../../indicators/model/lens.ts';
import { structuralSensitivity, structuralVariants } from '../../indicators/model/structural.ts';
import { validateModel } from '../../indicators/model/validation.ts';
import { createIndicator } from '../fixtures/catalogue.ts';

const catalogue = {
  indicators: [
    createIndicator({ id: 'tip.sign', group: 'tip.g1', relevance: 'direct', persistenceMonths: 12 }),
    createIndicator({ id: 'tip.other', group: 'tip.g2', relevance: 'direct', persistenceMonths: 12 }),
    createIndicator({ id: 'afac.cond', group: 'afac.g1', relevance: 'indirect', persistenceMonths: 12 }),
  ],
};

/** One country with twelve regions: enough for a top decile of one. */
const REGIONS: RegionRef[] = [
  { code: 'AAA', level: 0, parent: null },
  ...Array.from({ length: 12 }, (_, i) => ({ code: `AA-${i + 1}`, level: 1, parent: 'AAA' })),
];

let nextId = 1;
const obs = (
  regionCode: string,
  period: string,
  indicatorId: string,
  value: number,
  source: string,
): ModelObservation => ({
  id: nextId++,
  regionCode,
  indicatorId,
  period,
  value,
  confidence: 'high',
  source,
});

/** Every region has two sources of moderate signs from 2015-01; AA-1 rises to the top from 2015-04; AAA has a country record. */
function observations(): ModelObservation[] {
  const out: ModelObservation[] = [];
  for (let i = 1; i <= 12; i++) {
    out.push(obs(`AA-${i}`, '2015-01', 'tip.sign', 1 + (i % 3), 'src-a'));
    out.push(obs(`AA-${i}`, '2015-01', 'tip.other', 1, 'src-b'));
  }
  for (const p of ['2015-04', '2015-05', '2015-06']) {
    out.push(obs('AA-1', p, 'tip.sign', 4, 'src-a'));
    out.push(obs('AA-1', p, 'tip.other', 4, 'src-c'));
  }
  out.push(obs('AAA', '2015-02', 'afac.cond', 3, 'src-d'));
  return out;
}

const ONSET: DocumentedOnset = {
  id: 'aa-1-2015-07',
  place: 'Region one',
  region: 'AA-1',
  level: 1,
  month: '2015-07',
  dated: 'month',
  summary: 'test',
  source: { title: 'test', section: '§1' },
};

const lenses = {
  v2: prepareLens(catalogue, 'tip', {}, MODEL_CONFIG, 'v2'),
  v1: prepareLens(catalogue, 'tip', {}, MODEL_CONFIG, 'v1'),
};

describe('rankScored', () => {
  it('ranks by score, ties sharing the better rank, unscored left out', () => {
    const r = rankScored([
      { region: 'A', score: 3 },
      { region: 'B', score: 9 },
      { region: 'C', score: 9 },
      { region: 'D', score: null },
    ]);
    expect([...r]).toEqual([
      ['B', 1],
      ['C', 1],
      ['A', 3],
    ]);
  });
});

describe('backtest', () => {
  const all = observations();
  const row = backtest({ lenses, regions: REGIONS, byRegion: observationsByRegion(all, REGIONS), onsets: [ONSET] })[0]!;

  it('ranks the region among the scored regions of its level, before and at onset, under both methods', () => {
    const v2 = row.byMethod.v2;
    expect(v2.before.period).toBe('2015-06');
    expect(v2.at.period).toBe('2015-07');
    expect(v2.before.rank).toBe(1);
    expect(v2.before.of).toBe(12);
    expect(v2.before.percentile).toBe(100);
    expect(v2.before.topDecile).toBe(true);
    expect(row.byMethod.v1.before.rank).not.toBeNull();
  });

  it('gives the lead time from the first top-decile month within the window', () => {
    // AA-1 leads from 2015-04, when its strong signs start: three months ahead of 2015-07.
    expect(row.byMethod.v2.leadFrom).toBe('2015-04');
    expect(row.byMethod.v2.leadMonths).toBe(3);
  });

  it('is out of sample: observations after the onset change nothing', () => {
    const later = [
      ...all,
      obs('AA-2', '2015-08', 'tip.sign', 4, 'src-x'),
      obs('AA-1', '2015-09', 'tip.sign', 0, 'src-y'),
    ];
    const again = backtest({
      lenses,
      regions: REGIONS,
      byRegion: observationsByRegion(later, REGIONS),
      onsets: [ONSET],
    });
    expect(again[0]).toEqual(row);
  });

  it('reports an unscored month with no rank', () => {
    const early = { ...ONSET, month: '2014-06' };
    const r = backtest({ lenses, regions: REGIONS, byRegion: observationsByRegion(all, REGIONS), onsets: [early] })[0]!;
    expect(r.byMethod.v2.before).toMatchObject({ rank: null, percentile: null, class: 'no-data', topDecile: false });
    expect(r.byMethod.v2.leadMonths).toBeNull();
  });
});

describe('structural sensitivity', () => {
  const byRegion = observationsByRegion(observations(), REGIONS);
  const periods = periodRange('2015-01', '2015-10');
  const run = (weightSpread: number) =>
    structuralSensitivity({
      catalogue,
      regions: REGIONS,
      byRegion,
      periods,
      lens: 'tip',
      weights: {},
      config: MODEL_CONFIG,
      top: 10,
      weightRuns: 5,
      weightSpread,
      seed: 7,
    });

  it('lists the audit variants and seeded weight draws', () => {
    const a = structuralVariants(catalogue, {}, MODEL_CONFIG, 3, 0.2, 1);
    expect(a.map((v) => v.id)).toEqual([
      'aggregation-v1',
      'sources-1',
      'sources-3',
      'persistence-0.5',
      'persistence-1.5',
      'inheritance-off',
      'weights-1',
      'weights-2',
      'weights-3',
    ]);
    expect(structuralVariants(catalogue, {}, MODEL_CONFIG, 3, 0.2, 1)).toEqual(a);
    for (const v of a.filter((x) => x.family === 'weights'))
      for (const w of Object.values(v.weights)) expect(Math.abs(w - 1)).toBeLessThanOrEqual(0.2);
  });

  it('finds no shift when the weights do not move, and some when they do', () => {
    const still = run(0).variants.find((v) => v.id === 'weights')!;
    expect(still).toMatchObject({ medianTopShift: 0, worstTopShift: 0, droppedShare: 0, medianSpearman: 1 });
    const r = run(0.2);
    expect(r.months).toBeGreaterThan(0);
    expect(r.variants.map((v) => v.id)).toContain('aggregation-v1');
    const three = r.variants.find((v) => v.id === 'sources-3')!;
    // Most regions have two own sources and the country's: asking for three drops some, asking for one none.
    expect(three.droppedShare).toBeGreaterThan(0);
    expect(r.variants.find((v) => v.id === 'sources-1')!.droppedShare).toBe(0);
    expect(r.overall.comparisons).toBe(r.variants.reduce((s, v) => s + v.comparisons, 0));
  });
});

describe('classChanges', () => {
  const byRegion = observationsByRegion(observations(), REGIONS);
  const periods = periodRange('2015-01', '2015-10');

  it('finds nothing between a lens and itself', () => {
    const c = classChanges(lenses.v2, lenses.v2, REGIONS, byRegion, periods);
    expect(c.changed).toBe(0);
    expect(c.regionMonths).toBeGreaterThan(0);
  });

  it('counts region-months whose class differs, by transition', () => {
    const c = classChanges(lenses.v1, lenses.v2, REGIONS, byRegion, periods);
    expect(c.changed).toBe(c.transitions.reduce((s, t) => s + t.count, 0));
    expect(c.changed).toBeGreaterThan(0);
    for (const t of c.transitions) expect(t.from).not.toBe(t.to);
  });
});

describe('validateModel', () => {
  it('returns the backtest, sensitivity and class changes of every lens, deterministically', () => {
    const input = {
      catalogue,
      regions: REGIONS,
      observations: observations(),
      periods: periodRange('2015-01', '2015-10'),
      weights: {},
      config: MODEL_CONFIG,
      onsets: [ONSET],
      weightRuns: 3,
    };
    const steps: number[] = [];
    const a = validateModel({ ...input, onProgress: (d, t) => steps.push(d / t) });
    expect(a.backtest.rows).toHaveLength(1);
    expect(a.classChanges.map((c) => c.lens)).toEqual(['overall', 'crsv', 'osce', 'afac', 'tip']);
    expect(steps.at(-1)).toBe(1);
    expect(JSON.parse(JSON.stringify(validateModel(input)))).toEqual(JSON.parse(JSON.stringify(a)));
  });
});

describe('the documented onsets', () => {
  const seed = JSON.parse(
    readFileSync(new URL('../../db/seed/historical-observations.json', import.meta.url), 'utf8'),
  ) as { region: string; period: string }[];

  it('have unique ids, valid months, a level matching the code and a source with a section', () => {
    expect(new Set(DOCUMENTED_ONSETS.map((o) => o.id)).size).toBe(DOCUMENTED_ONSETS.length);
    for (const o of DOCUMENTED_ONSETS) {
      expect(isPeriod(o.month)).toBe(true);
      expect(o.level).toBe(o.region.includes('-') ? 1 : 0);
      expect(o.source.title.length).toBeGreaterThan(10);
      expect(o.source.section.length).toBeGreaterThan(0);
    }
  });

  it('each fall in a month the bundled dataset records for their region', () => {
    for (const o of DOCUMENTED_ONSETS)
      expect(
        seed.some((r) => r.region === o.region && r.period === o.month),
        o.id,
      ).toBe(true);
  });
});
