import { renderToStaticMarkup } from 'react-dom/server';
import { createElement } from 'react';
import { describe, expect, it } from 'vitest';
import { MODEL_CONFIG } from '../../indicators/model/config.ts';
import { TrendChart } from '../../web/features/trends/trend-chart.tsx';
import { trendLayout, type TrendPoint } from '../../web/features/trends/trend-layout.ts';
import { setCurrentLanguage } from '../../web/i18n/messages.ts';

const months = (from: number, scores: (number | null)[]): TrendPoint[] =>
  scores.map((score, i) => ({ period: `2016-${String(from + i).padStart(2, '0')}`, score }));

const base = {
  thresholds: MODEL_CONFIG.classThresholds,
  width: 300,
  height: 160,
  margin: { top: 10, right: 10, bottom: 20, left: 30 },
};

describe('trendLayout', () => {
  it('stacks one band per class from the model thresholds, very low at the bottom, filling the plot', () => {
    const l = trendLayout({ ...base, points: months(1, [2, 5, 8]) });
    expect(l.bands.map((b) => b.class)).toEqual(['very-low', 'low', 'medium', 'high', 'very-high']);
    expect(l.plot).toEqual({ x: 30, y: 10, width: 260, height: 130 });
    const veryLow = l.bands[0]!;
    expect(veryLow.y + veryLow.height).toBeCloseTo(140);
    expect(l.bands[4]!.y).toBeCloseTo(10);
    expect(l.bands.reduce((s, b) => s + b.height, 0)).toBeCloseTo(130);
    // The band edges sit at the threshold scores: 8 on a 0–10 axis over 130 px is 26 px from the top.
    expect(l.bands[4]!.height).toBeCloseTo(26);
  });

  it('places months left to right and scores bottom to top, first and last month at the plot edges', () => {
    const l = trendLayout({ ...base, points: months(1, [0, 10, 5]) });
    expect(l.dots.map((d) => [d.x, d.y])).toEqual([
      [30, 140],
      [160, 10],
      [290, 75],
    ]);
    expect(l.line).toBe('M30,140L160,10L290,75');
  });

  it('breaks the line at months without a score and marks them as no-data spans, never as zero', () => {
    const l = trendLayout({ ...base, points: months(1, [4, null, null, 6, 7]) });
    expect(l.line.match(/M/g)).toHaveLength(2);
    expect(l.dots.map((d) => d.period)).toEqual(['2016-01', '2016-04', '2016-05']);
    expect(l.gaps).toHaveLength(1);
    expect(l.gaps[0]).toMatchObject({ from: '2016-02', to: '2016-03' });
    expect(l.dots.every((d) => d.y < 140)).toBe(true);
  });

  it('marks alerts at their month on the line, drops alerts outside the series, and rules the current month', () => {
    const l = trendLayout({
      ...base,
      points: months(1, [2, 3, 9]),
      alerts: [
        { period: '2016-03', kind: 'sharp-rise', reason: 'Rose sharply' },
        { period: '2015-12', kind: 'class-up', reason: 'Before the series' },
      ],
      current: '2016-02',
    });
    expect(l.alerts).toEqual([{ period: '2016-03', x: 290, y: 23, kind: 'sharp-rise', reason: 'Rose sharply' }]);
    expect(l.current).toEqual({ period: '2016-02', x: 160 });
    expect(l.summary).toBe(
      'Score from Jan 2016 to Mar 2016: latest 9.0 in Mar 2016, highest 9.0 in Mar 2016; 1 alert marked.',
    );
  });

  it('sorts months given in any order and says so plainly when nothing is scored', () => {
    const shuffled = trendLayout({ ...base, points: [...months(1, [1, 2, 3])].reverse() });
    expect(shuffled.line).toBe(trendLayout({ ...base, points: months(1, [1, 2, 3]) }).line);
    const empty = trendLayout({ ...base, points: months(1, [null, null]) });
    expect(empty.line).toBe('');
    expect(empty.dots).toEqual([]);
    expect(empty.summary).toBe('No month has a score.');
  });

  it('ticks years on long series and months on short ones', () => {
    const long = trendLayout({
      ...base,
      points: Array.from({ length: 40 }, (_, i) => ({
        period: `${2014 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`,
        score: 5,
      })),
    });
    expect(long.xTicks.map((t) => t.label)).toEqual(['2014', '2015', '2016', '2017']);
    const short = trendLayout({ ...base, points: months(1, [1, 2, 3, 4]) });
    expect(short.xTicks.map((t) => t.label)).toEqual(['Jan 2016', 'Feb 2016', 'Mar 2016', 'Apr 2016']);
  });
});

describe('trendLayout right to left (issue 20: charts\u2019 axes where direction matters)', () => {
  it('mirrors time: the first month at the right edge, later months leftwards, the value axis on the right', () => {
    const ltr = trendLayout({ ...base, dir: 'ltr', points: months(1, [0, 10, 5]) });
    const rtl = trendLayout({ ...base, dir: 'rtl', points: months(1, [0, 10, 5]) });
    expect(rtl.dir).toBe('rtl');
    // margin.left (30) is the value axis's side: on the right now, so the plot starts at margin.right.
    expect(rtl.plot).toEqual({ x: 10, y: 10, width: 260, height: 130 });
    expect(rtl.dots.map((d) => [d.x, d.y])).toEqual([
      [270, 140],
      [140, 10],
      [10, 75],
    ]);
    for (const [i, d] of rtl.dots.entries()) expect(d.x).toBeCloseTo(300 - ltr.dots[i]!.x, 6);
    const xs = rtl.xTicks.map((t) => t.x);
    expect(xs).toEqual([...xs].sort((a, b) => b - a));
    expect(rtl.yAxis).toEqual({ x: 274, anchor: 'start' });
    expect(ltr.yAxis).toEqual({ x: 26, anchor: 'end' });
    // Scores still rise upwards: the value axis is not mirrored.
    expect(rtl.yTicks.map((t) => t.y)).toEqual(ltr.yTicks.map((t) => t.y));
  });

  it('keeps no-data spans, alerts and the current month at their mirrored months, inside the plot', () => {
    const input = {
      ...base,
      points: months(1, [4, null, null, 6, 7]),
      alerts: [{ period: '2016-05', kind: 'sharp-rise', reason: 'r' }],
      current: '2016-04',
    };
    const ltr = trendLayout({ ...input, dir: 'ltr' });
    const rtl = trendLayout({ ...input, dir: 'rtl' });
    const gap = rtl.gaps[0]!;
    expect(gap.x).toBeCloseTo(300 - (ltr.gaps[0]!.x + ltr.gaps[0]!.width), 6);
    expect(gap.width).toBeCloseTo(ltr.gaps[0]!.width, 6);
    expect(gap.x).toBeGreaterThanOrEqual(rtl.plot.x);
    expect(rtl.alerts[0]!.x).toBe(10);
    expect(rtl.current!.x).toBeCloseTo(300 - ltr.current!.x, 6);
  });

  it('follows the current language when no direction is given', () => {
    setCurrentLanguage('ar');
    try {
      const l = trendLayout({ ...base, points: months(1, [1, 2]) });
      expect(l.dir).toBe('rtl');
      expect(l.dots[0]!.x).toBeGreaterThan(l.dots[1]!.x);
      const svg = renderToStaticMarkup(createElement(TrendChart, { layout: l, title: 't' }));
      expect(svg).toContain('data-dir="rtl"');
      expect(svg).toMatch(/<text x="274"[^>]*text-anchor="start">10<\/text>/);
    } finally {
      setCurrentLanguage('en');
    }
  });
});

describe('TrendChart', () => {
  it('draws exactly what the layout says (SVG snapshot)', async () => {
    const layout = trendLayout({
      ...base,
      points: months(1, [3, 4, null, 7, 8.5, 9]),
      alerts: [{ period: '2016-05', kind: 'class-up', reason: 'Reached very high risk' }],
      current: '2016-06',
    });
    const svg = renderToStaticMarkup(createElement(TrendChart, { layout, title: 'Test region' }));
    expect(svg).toContain('aria-label="Test region. Score from Jan 2016 to Jun 2016');
    expect(svg.match(/<rect[^>]*opacity="0.35"/g)).toHaveLength(5);
    expect(svg.match(/class="alert-mark"/g)).toHaveLength(1);
    await expect(svg.replace(/></g, '>\n<')).toMatchFileSnapshot('__snapshots__/trend-chart.svg');
  });
});
