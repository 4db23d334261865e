import { describe, expect, it } from 'vitest';
import { changeBin, CHANGE_PALETTE } from '../../web/charts/change-colors.ts';
import { sparklineLayout } from '../../web/charts/sparkline.tsx';
import {
  changeSummary,
  changesByCode,
  compareScores,
  largestChanges,
  notComparable,
  notComparableChanges,
  scenarioChanges,
  type CompareRow,
} from '../../web/features/compare/change.ts';
import { matchRegions } from '../../web/features/controls/region-match.ts';
import { featureBounds, labelPoint } from '../../web/features/map/geo.ts';
import { placeLabels } from '../../web/features/map/map-labels.tsx';
import { reasonLine, topHotspots, type HotspotInput } from '../../web/features/hotspots/hotspots.ts';
import { coverageGaps, foldGaps, movers, type MonitorRow } from '../../web/features/monitoring/monitoring.ts';
import { fmtChange, fmtCount, fmtPeriod, fmtScore } from '../../web/lib/format.ts';
import { effectiveLevel, levelOfCode, parseViewState, viewParams } from '../../web/lib/view-params.ts';

const driver = (label: string, points = 1, region?: string) => ({
  indicatorId: label.toLowerCase().replace(/\W+/g, '-'),
  label,
  points,
  ...(region ? { region } : {}),
});
const row = (region: string, score: number | null, cls: string, extra: Partial<HotspotInput & MonitorRow> = {}) => ({
  region,
  name: region,
  score,
  class: cls,
  coverage: score === null ? 0 : 0.3,
  drivers: [driver('Slave markets')],
  ...extra,
});

describe('hotspots', () => {
  it('ranks classed regions by score and never counts missing or thin data as risk', () => {
    const rows = [
      row('A', 6, 'high'),
      row('B', 9.5, 'insufficient-data'),
      row('C', null, 'no-data'),
      row('D', 8.2, 'very-high'),
      row('E', 6, 'high', { name: 'Ea' }),
    ];
    const h = topHotspots(rows, 3);
    expect(h.map((x) => [x.rank, x.region])).toEqual([
      [1, 'D'],
      [2, 'A'],
      [3, 'E'],
    ]);
    expect(h[0]!.reason).toBe('Slave markets');
  });

  it('folds regions that score alike only through one record made for their country', () => {
    const inherited = (code: string) => row(code, 9.3, 'very-high', { drivers: [driver('Slave markets', 2, 'LBY')] });
    const rows = [
      inherited('LY-BA'),
      inherited('LY-TB'),
      inherited('LY-SB'),
      row('NG-BO', 9.8, 'very-high'),
      row('IQ-NI', 8.3, 'very-high'),
    ];
    const h = topHotspots(rows, 3, new Map([['LBY', 'Libya']]));
    expect(h.map((x) => x.region)).toEqual(['NG-BO', 'LY-BA', 'IQ-NI']);
    expect(h[1]).toMatchObject({ alike: 2, reason: 'Slave markets in Libya' });
  });

  it('says why in one line: the top driver, where it was recorded, and a notable 3-month change', () => {
    expect(
      reasonLine({ drivers: [driver('Child recruitment', 2, 'NG-BO')], trend: 1.26 }, new Map([['NG-BO', 'Borno']])),
    ).toBe('Child recruitment in Borno; +1.3 in 3 months');
    expect(reasonLine({ drivers: [driver('Child recruitment')], trend: 0.2 })).toBe('Child recruitment');
    expect(reasonLine({ drivers: [], trend: null })).toBe('No single driver recorded');
  });
});

describe('monitoring', () => {
  it('lists risers and fallers between two months, leaving out new scores, unclassed regions and rounding noise', () => {
    const now = [
      row('UP', 9, 'very-high'),
      row('DOWN', 1.4, 'very-low'),
      row('NEW', 7, 'high'),
      row('GREY', 6.9, 'insufficient-data'),
      row('FLAT', 5.02, 'medium'),
    ];
    const before = [
      row('UP', 2.5, 'low'),
      row('DOWN', 9.9, 'very-high'),
      row('NEW', null, 'no-data'),
      row('GREY', 6.8, 'insufficient-data'),
      row('FLAT', 5, 'medium'),
    ];
    const m = movers(now, before);
    expect(m.risers.map((x) => [x.region, x.delta])).toEqual([['UP', 6.5]]);
    expect(m.fallers.map((x) => [x.region, x.delta])).toEqual([['DOWN', -8.5]]);
  });

  it('folds regions of one country that moved alike from one country-level record into one entry', () => {
    const codes = ['A1', 'A2', 'A3', 'B1'];
    const now = codes.map((c) => row(c, 8, 'high'));
    const before = codes.map((c) => row(c, c === 'B1' ? 6 : 7, 'high'));
    const parentOf = new Map([
      ['A1', 'A'],
      ['A2', 'A'],
      ['A3', 'A'],
      ['B1', 'B'],
    ]);
    const m = movers(now, before, 8, parentOf);
    expect(m.risers.map((x) => [x.region, x.alike])).toEqual([
      ['B1', 0],
      ['A1', 2],
    ]);
    expect(movers(now, before).risers.map((x) => x.region)).toEqual(['B1', 'A1', 'A2', 'A3']);
  });

  it('finds coverage gaps among regions that had a class in an earlier month, most recent loss first', () => {
    const now = [
      row('GONE', null, 'no-data'),
      row('THIN', 5, 'insufficient-data'),
      row('HALF', 6, 'high', { coverage: 0.1 }),
      row('OK', 6, 'high', { coverage: 0.25 }),
      row('NEVER', null, 'no-data'),
    ];
    const m1 = [
      row('GONE', 6, 'high'),
      row('THIN', 5, 'medium'),
      row('HALF', 6, 'high', { coverage: 0.3 }),
      row('OK', 6, 'high', { coverage: 0.3 }),
    ];
    const m6 = [row('GONE', 7, 'high')];
    const gaps = coverageGaps(now, [
      ['2017-06', m6],
      ['2017-11', m1],
    ]);
    expect(gaps.map((g) => [g.region, g.status, g.lastClassed])).toEqual([
      ['GONE', 'missing', '2017-11'],
      ['HALF', 'thinning', '2017-11'],
      ['THIN', 'insufficient', '2017-11'],
    ]);
  });

  it('folds identical gaps of one country (one country-level record ageing out) into one entry', () => {
    const now = ['A1', 'A2', 'A3', 'B1'].map((c) => row(c, null, 'no-data'));
    const before = ['A1', 'A2', 'A3', 'B1'].map((c) => row(c, 7, 'high'));
    const folded = foldGaps(
      coverageGaps(now, [['2017-09', before]]),
      new Map([
        ['A1', 'AAA'],
        ['A2', 'AAA'],
        ['A3', 'AAA'],
        ['B1', 'BBB'],
      ]),
    );
    expect(folded.map((g) => [g.region, g.alike])).toEqual([
      ['A1', 2],
      ['B1', 0],
    ]);
  });
});

describe('comparison', () => {
  const r = (region: string, score: number | null, cls = 'medium'): CompareRow => ({
    region,
    name: region,
    score,
    class: cls,
  });

  it('pairs two score sets, with no change computed when either side is missing', () => {
    const c = compareScores(
      [r('A', 2), r('B', 5), r('C', null, 'no-data')],
      [r('A', 6), r('B', 4.9), r('C', 3), r('D', 1)],
    );
    const by = new Map(c.map((x) => [x.region, x]));
    expect(by.get('A')).toMatchObject({ delta: 4, bin: 'rise-3' });
    expect(by.get('B')).toMatchObject({ delta: -0.1, bin: 'same' });
    expect(by.get('C')).toMatchObject({ delta: null, bin: 'missing' });
    expect(by.get('D')).toMatchObject({ before: null, beforeClass: 'no-data', bin: 'missing' });
    expect(changeSummary(c)).toEqual({ rose: 1, fell: 0, same: 1, missing: 2 });
    expect(largestChanges(c).map((x) => x.region)).toEqual(['A', 'B']);
  });

  it('answers a hover at district level for the first-level regions drawn too, not "no score"', () => {
    const districts = compareScores([r('IQ001', 2), r('IQ002', 3)], [r('IQ001', 4), r('IQ002', 3)]);
    const regions = compareScores([r('IQ-NI', 5)], [r('IQ-NI', 6.5)]);
    const at2 = changesByCode(districts, regions);
    expect(at2.get('IQ-NI')).toMatchObject({ before: 5, after: 6.5, delta: 1.5 });
    expect(at2.get('IQ001')).toMatchObject({ delta: 2 });
    // At the other levels the level's own changes only.
    expect(changesByCode(regions).get('IQ001')).toBeUndefined();
    // A district's change wins over a region's with the same code.
    expect(changesByCode(districts, [{ ...regions[0]!, region: 'IQ001' }]).get('IQ001')?.delta).toBe(2);
  });

  it('lists apart, as not comparable, a change between conditions only and direct signs or to or from missing, insufficient or country-level evidence', () => {
    const x = (region: string, score: number | null, cls: string, more: Partial<CompareRow> = {}): CompareRow => ({
      ...r(region, score, cls),
      basis: score === null ? 'none' : 'own',
      ...more,
    });
    const c = compareScores(
      [
        x('COND', 5.9, 'medium', { conditionsOnly: true }),
        x('SIGN', 7, 'high'),
        x('INSU', 3, 'insufficient-data'),
        x('CTRY', null, 'insufficient-data', { basis: 'country' }),
        x('SAME', 4, 'medium', { conditionsOnly: true }),
        x('BOTH', 6, 'high'),
      ],
      [
        x('COND', 8.2, 'very-high'),
        x('SIGN', 5.5, 'medium', { conditionsOnly: true }),
        x('INSU', 7, 'high'),
        x('CTRY', 6, 'high'),
        x('SAME', 5.5, 'medium', { conditionsOnly: true }),
        x('BOTH', 7.5, 'high'),
      ],
    );
    const by = new Map(c.map((v) => [v.region, v]));
    expect(by.get('COND')).toMatchObject({
      delta: null,
      bin: 'missing',
      notComparable: 'conditions only → direct signs',
    });
    expect(by.get('SIGN')).toMatchObject({ delta: null, notComparable: 'direct signs → conditions only' });
    expect(by.get('INSU')?.notComparable).toBe('insufficient data → direct signs');
    expect(by.get('CTRY')?.notComparable).toBe('country-level records only → direct signs');
    expect(by.get('SAME')).toMatchObject({ delta: 1.5 });
    expect(by.get('SAME')?.notComparable).toBeUndefined();
    expect(by.get('BOTH')).toMatchObject({ delta: 1.5 });
    expect(by.get('BOTH')?.notComparable).toBeUndefined();
    expect(notComparableChanges(c).map((v) => v.region)).toEqual(['COND', 'CTRY', 'INSU', 'SIGN']);
    expect(largestChanges(c).map((v) => v.region)).toEqual(['BOTH', 'SAME']);
    expect(changeSummary(c)).toEqual({ rose: 2, fell: 0, same: 0, missing: 4 });
    expect(notComparable(undefined, x('NEW', 6, 'high'))).toBe('no data → direct signs');
  });

  it('bins changes symmetrically on the diverging scale, each bin with its own colour', () => {
    expect([-5, -3, -2, -1, -0.5, -0.25, 0, 0.24, 0.25, 1, 2.9, 3, 8].map(changeBin)).toEqual([
      'fall-3',
      'fall-1',
      'fall-1',
      'fall-0',
      'fall-0',
      'fall-0',
      'same',
      'same',
      'rise-0',
      'rise-1',
      'rise-1',
      'rise-3',
      'rise-3',
    ]);
    expect(changeBin(null)).toBe('missing');
    expect(new Set(Object.values(CHANGE_PALETTE)).size).toBe(Object.keys(CHANGE_PALETTE).length);
  });

  it('completes a scenario comparison with every other region, so no stale colour stays on the map', () => {
    const c = scenarioChanges(
      [
        {
          region: 'A',
          name: 'A',
          baseScore: 8.6,
          altScore: 8,
          delta: -0.6,
          baseClass: 'very-high',
          altClass: 'very-high',
          baseRank: 4,
          altRank: 5,
        },
      ],
      [
        { region: 'A', name: 'A' },
        { region: 'Z', name: 'Z' },
      ],
    );
    expect(c.map((x) => [x.region, x.bin, x.note])).toEqual([
      ['A', 'fall-0', 'rank 4 → 5'],
      ['Z', 'missing', undefined],
    ]);
  });
});

describe('region search', () => {
  const regions = [
    { code: 'YE-TA', name: "Ta'izz", level: 1, parent: 'YEM' },
    { code: 'IRQ', name: 'Iraq', level: 0, parent: null },
    { code: 'IQ-NI', name: 'Nineveh', level: 1, parent: 'IRQ' },
    { code: 'BR-SP', name: 'São Paulo', level: 1, parent: 'BRA' },
    { code: 'IR-01', name: 'East Iraqi Test', level: 1, parent: 'IRN' },
  ];
  it('matches codes and names without accents or punctuation, exact code first, countries before regions', () => {
    expect(matchRegions(regions, 'taizz').map((r) => r.code)).toEqual(['YE-TA']);
    expect(matchRegions(regions, 'sao').map((r) => r.code)).toEqual(['BR-SP']);
    expect(matchRegions(regions, 'iq-ni').map((r) => r.code)).toEqual(['IQ-NI']);
    expect(matchRegions(regions, 'iraq').map((r) => r.code)).toEqual(['IRQ', 'IR-01']);
    expect(matchRegions(regions, '  ')).toEqual([]);
  });
});

describe('view state in the URL', () => {
  it('reads lens, level, month, region, scenario and camera, ignoring malformed values', () => {
    const v = parseViewState(
      new URLSearchParams('lens=afac&level=1&period=2017-12&region=IQ-NI&scenario=children-focus&z=4.5&c=43.1,36.2'),
    );
    expect(v).toEqual({
      lens: 'afac',
      levelMode: 1,
      period: '2017-12',
      region: 'IQ-NI',
      scenario: 'children-focus',
      view: { zoom: 4.5, center: [43.1, 36.2] },
    });
    const bad = parseViewState(new URLSearchParams('lens=x&level=7&period=2017-13&scenario=DROP%20TABLE&z=a&c=1,2'));
    expect(bad).toEqual({
      lens: 'tip',
      levelMode: 'auto',
      period: null,
      region: null,
      scenario: 'baseline',
      view: null,
    });
    expect(parseViewState(new URLSearchParams('z=3&c=10,95')).view).toBeNull();
  });

  it('writes the camera compactly and picks the level for a zoom', () => {
    expect(viewParams({ zoom: 4.567, center: [43.12345, -1.5] })).toEqual({ z: '4.57', c: '43.123,-1.500' });
    expect([
      effectiveLevel('auto', 3.4),
      effectiveLevel('auto', 3.5),
      effectiveLevel(0, 8),
      effectiveLevel(1, 1),
    ]).toEqual([0, 1, 0, 1]);
    expect([levelOfCode('IRQ'), levelOfCode('IQ-NI'), levelOfCode('SYR-5261')]).toEqual([0, 1, 1]);
  });
});

describe('formatting', () => {
  it('never shows missing as zero, signs changes with a true minus, and hides small counts', () => {
    expect([fmtScore(null), fmtScore(0), fmtScore(8.26)]).toEqual(['—', '0.0', '8.3']);
    expect([fmtChange(null), fmtChange(1.26), fmtChange(-0.44), fmtChange(0.04)]).toEqual(['—', '+1.3', '−0.4', '0.0']);
    expect([fmtPeriod('2017-12'), fmtPeriod(null)]).toEqual(['Dec 2017', '…']);
    expect([fmtCount(0), fmtCount(3), fmtCount(5)]).toEqual(['0', '<5', '5']);
  });

  it('draws sparklines on the fixed 0–10 scale with gaps for unscored months', () => {
    const s = sparklineLayout([0, 10, null, 5], 31, 12);
    expect(s.path).toBe('M1,10L10,2M28,6Z');
    expect(s.last).toEqual({ x: 28, y: 6 });
    expect(sparklineLayout([null, null], 30, 10).last).toBeNull();
  });
});

describe('map geometry helpers', () => {
  const square = (x: number, y: number, s: number): [number, number][] => [
    [x, y],
    [x + s, y],
    [x + s, y + s],
    [x, y + s],
    [x, y],
  ];
  it('labels a region at the centre of its largest polygon, whatever the ring winding', () => {
    const f = {
      type: 'Feature' as const,
      properties: {},
      geometry: { type: 'MultiPolygon' as const, coordinates: [[square(0, 0, 1)], [[...square(10, 10, 4)].reverse()]] },
    };
    expect(labelPoint(f)).toEqual([12, 12]);
  });

  it('fits a region split at the antimeridian on its largest part, not on the whole world', () => {
    const f = {
      type: 'Feature' as const,
      properties: {},
      geometry: { type: 'MultiPolygon' as const, coordinates: [[square(170, 60, 9)], [square(-180, 60, 1)]] },
    };
    expect(featureBounds(f)).toEqual([
      [170, 60],
      [179, 69],
    ]);
  });

  it('moves overlapping labels apart, in the order given', () => {
    const label = (code: string) => ({ code, level: 0 as const, text: code, kind: 'hotspot' as const });
    const placed = placeLabels([
      { label: label('Iraq'), x: 100, y: 100 },
      { label: label('Syria'), x: 110, y: 104 },
      { label: label('Chad'), x: 400, y: 100 },
    ]);
    expect(placed.map((p) => [p.label.code, p.y, p.shifted])).toEqual([
      ['Iraq', 100, false],
      ['Syria', 128, true],
      ['Chad', 100, false],
    ]);
  });
});
