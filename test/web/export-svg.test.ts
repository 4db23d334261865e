import { readFileSync } from 'node:fs';
import type { Feature, FeatureCollection, Geometry, Polygon } from 'geojson';
import { feature } from 'topojson-client';
import type { Topology } from 'topojson-specification';
import { describe, expect, it } from 'vitest';
import { changeBin, CHANGE_PALETTE } from '../../web/charts/change-colors.ts';
import { MAP_COLORS } from '../../web/charts/evidence-marks.ts';
import { changeLegend, classLegend } from '../../web/features/export/legends.ts';
import { buildMapSvg, type MapSvgOptions, type RegionFeature } from '../../web/features/export/map-svg.ts';
import { declutter, labelBox, textWidth } from '../../web/features/export/text.ts';
import { WORLD_BOUNDS as WORLD } from '../../web/features/export/map-export.ts';
import { labelPoint } from '../../web/features/map/geo.ts';
import { nameCandidates } from '../../web/features/map/place-names.ts';
import { square } from '../fixtures/map.ts';

const FEATURES = [
  square('XA-01', 'North', 10, 1),
  square('XA-02', 'East', 11, 0),
  square('XA-03', 'South', 10, -1),
  square('XA-04', 'West', 9, 0),
];
const COUNTRY: Feature<Polygon> = {
  type: 'Feature',
  properties: {},
  geometry: {
    type: 'Polygon',
    coordinates: [
      [
        [9, -1],
        [9, 2],
        [12, 2],
        [12, -1],
        [9, -1],
      ],
    ],
  },
};

const TEXT = {
  sources:
    'Sources: Documented 2014–2017 cases from UN and UN University reports (historical illustration), 110 observations; UCDP GED conflict events, <5 observations. Indicator catalogue 2026.1.',
  attribution: [
    'Made with Natural Earth',
    'Event data: UCDP Georeferenced Event Dataset (UCDP GED), Uppsala Conflict Data Program, CC BY 4.0',
  ],
  disclaimer: 'Boundaries and names shown do not imply official endorsement or acceptance.',
  notice: 'Historical illustration from documented 2014–2017 cases: not a current assessment.',
  generatedAt: '2026-01-15T09:30:00.000Z',
};

const classMap: MapSvgOptions = {
  ...TEXT,
  title: 'Risk of trafficking in persons in conflict · July 2017',
  subtitle: 'Trafficking lens · First-level regions · Baseline weights · score 0–10',
  features: FEATURES,
  scores: [
    { code: 'XA-01', category: 'very-high', score: 8.6 },
    { code: 'XA-02', category: 'medium', score: 4.5, pattern: 'conditions' },
    { code: 'XA-03', category: 'insufficient-data', score: 3 },
    { code: 'XA-04', category: 'country-level', score: null, pattern: 'country' },
  ],
  legend: classLegend(),
  borders: [COUNTRY],
  hotspots: ['XA-01'],
  labels: [{ code: 'XA-01', text: '1. North', at: [10.5, 1.5] }],
  list: {
    title: 'Highest scores',
    items: [{ label: '1. North', value: '8.6', detail: 'Mass abductions of women and girls; +1.2 in 3 months' }],
  },
  width: 800,
  height: 500,
};

const count = (svg: string, re: RegExp) => svg.match(new RegExp(re, 'g'))?.length ?? 0;

describe('buildMapSvg', () => {
  it('draws a fixed small map: title, one path per region, every legend entry, credits and date', async () => {
    const svg = buildMapSvg(classMap);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" width="800" height="500"')).toBe(true);
    expect(svg).toContain('<title id="vigil-title">Risk of trafficking in persons in conflict · July 2017</title>');
    expect(svg).toContain('>Trafficking lens · First-level regions · Baseline weights · score 0–10</text>');
    expect(count(svg, /<path class="region"/)).toBe(4);
    for (const [code, category] of [
      ['XA-01', 'very-high'],
      ['XA-02', 'medium'],
      ['XA-03', 'insufficient-data'],
      ['XA-04', 'country-level'],
    ] as const) {
      expect(svg).toMatch(
        new RegExp(
          `<path class="region" data-code="${code}" data-category="${category}" fill="${MAP_COLORS[category]}" d="M[^"]+"`,
        ),
      );
    }
    // Conditions only is hatched and country-level records only dotted, over the colour, in the map
    // and in the legend; the pattern tiles are defined in the file itself.
    expect(
      [...svg.matchAll(/<path class="texture" data-code="([^"]+)" data-pattern="([^"]+)" fill="url\(#([^)]+)\)"/g)].map(
        (m) => m.slice(1),
      ),
    ).toEqual([
      ['XA-02', 'conditions', 'vigil-conditions'],
      ['XA-04', 'country', 'vigil-country'],
    ]);
    for (const id of ['vigil-conditions', 'vigil-country']) {
      expect(svg).toContain(`<pattern id="${id}"`);
      expect(count(svg, new RegExp(`<rect [^>]*fill="url\\(#${id}\\)"`))).toBe(1);
    }
    const legend = [...svg.matchAll(/<text class="legend-label"[^>]*>([^<]+)<\/text>/g)].map((m) => m[1]);
    expect(legend).toEqual([
      'Very high',
      'High',
      'Medium',
      'Low',
      'Very low',
      'Insufficient data',
      'Conditions only',
      'Country-level records only',
      'No data',
      'Hotspot (outlined, listed)',
    ]);
    expect(svg).toContain('nothing observed: missing, not low risk');
    expect(svg).toContain('Boundaries and names shown do not imply official endorsement or acceptance.');
    expect(svg).toContain('Made with Natural Earth.');
    expect(svg).toContain('UCDP GED');
    expect(svg).toContain('CC BY 4.0');
    expect(svg).toContain('&lt;5 observations');
    expect(svg).toContain('Generated January 15, 2026 at 09:30 UTC with Vigil');
    expect(count(svg, /<path class="hotspot"/)).toBe(1);
    expect(svg).toMatch(/<text class="map-label" data-code="XA-01"><tspan [^>]+>1\. North<\/tspan><\/text>/);
    expect(svg).toContain('<text class="list-title"');
    expect(svg).toMatch(/<text class="list-value"[^>]*>8\.6<\/text>/);
    await expect(svg + '\n').toMatchFileSnapshot('./__snapshots__/export-map.svg');
  });

  it('is deterministic and ignores the order of its input', () => {
    expect(
      buildMapSvg({ ...classMap, features: [...FEATURES].reverse(), scores: [...classMap.scores].reverse() }),
    ).toBe(buildMapSvg(classMap));
  });

  it('draws a two-period change on the diverging scale, with "not comparable" for missing scores', async () => {
    const deltas: Record<string, number | null> = { 'XA-01': 3.4, 'XA-02': -1.2, 'XA-03': 0.1, 'XA-04': null };
    const svg = buildMapSvg({
      ...TEXT,
      title: 'Change in risk score, July 2016 to July 2017',
      subtitle: 'Trafficking lens · First-level regions · Baseline weights',
      features: FEATURES,
      scores: Object.entries(deltas).map(([code, d]) => ({ code, category: changeBin(d), score: d })),
      legend: changeLegend(),
      width: 800,
      height: 500,
    });
    expect(count(svg, /<path class="region"/)).toBe(4);
    expect(svg).toContain(`data-code="XA-01" data-category="rise-3" fill="${CHANGE_PALETTE['rise-3']}"`);
    expect(svg).toContain(`data-code="XA-02" data-category="fall-1" fill="${CHANGE_PALETTE['fall-1']}"`);
    expect(svg).toContain(`data-code="XA-03" data-category="same"`);
    expect(svg).toContain(`data-code="XA-04" data-category="missing"`);
    const legend = [...svg.matchAll(/<text class="legend-label"[^>]*>([^<]+)<\/text>/g)].map((m) => m[1]);
    expect(legend).toEqual([
      'Rose 3 or more',
      'Rose 1 to 3',
      'Rose 0.25 to 1',
      'Within ±0.25',
      'Fell 0.25 to 1',
      'Fell 1 to 3',
      'Fell 3 or more',
      'No score in one or both',
    ]);
    await expect(svg + '\n').toMatchFileSnapshot('./__snapshots__/export-change-map.svg');
  });

  it('draws the bundled world boundaries as one path per country, none of them inside out, at a size fit for slides', () => {
    const topo = JSON.parse(readFileSync('db/seed/boundaries/admin0.topojson', 'utf8')) as Topology;
    const fc = feature(topo, topo.objects[Object.keys(topo.objects)[0]!]!) as FeatureCollection<
      Geometry,
      { code?: string; name?: string; iso_a3?: string; adm0_a3?: string; NAME?: string }
    >;
    const features: RegionFeature[] = fc.features.map((f, i) => ({
      ...f,
      properties: {
        code: String(f.properties.code ?? f.properties.adm0_a3 ?? f.properties.iso_a3 ?? `F${i}`),
        name: String(f.properties.name ?? f.properties.NAME ?? ''),
      },
    }));
    const svg = buildMapSvg({
      ...classMap,
      features,
      scores: [{ code: features[0]!.properties.code, category: 'high' }],
      borders: [],
      hotspots: [],
      labels: [],
      width: 1600,
      height: 900,
      bounds: [
        [-180, -60],
        [180, 80],
      ],
    });
    const paths = count(svg, /<path class="region"/);
    expect(paths).toBeGreaterThan(features.length * 0.9);
    expect(paths).toBeLessThanOrEqual(features.length);
    // An inside-out polygon would be drawn around the whole frame: its path would start at a frame corner.
    expect(svg).not.toMatch(/<path class="region"[^>]* d="M28,1[0-9.]+L1572/);
    expect(svg.length).toBeLessThan(1_500_000);
  });

  it('names the countries that fit, around the hotspot labels and never over one another', () => {
    const topo = JSON.parse(readFileSync('db/seed/boundaries/admin0.topojson', 'utf8')) as Topology;
    const raw = feature(topo, topo.objects[Object.keys(topo.objects)[0]!]!) as FeatureCollection<
      Geometry,
      { adm0_a3: string; name: string }
    >;
    // The server serves these with Vigil's code (ISO alpha-3) as `code`.
    const fc: FeatureCollection<Geometry, { code: string; name: string }> = {
      type: 'FeatureCollection',
      features: raw.features.map((f) => ({
        ...f,
        properties: { code: f.properties.adm0_a3, name: f.properties.name },
      })),
    };
    const iraq = fc.features.find((f) => f.properties.code === 'IRQ')!;
    const options = {
      ...classMap,
      features: fc.features,
      scores: [],
      borders: [],
      hotspots: ['IRQ'],
      labels: [{ code: 'IRQ', text: '1. Iraq', at: labelPoint(iraq)! }],
      names: nameCandidates(fc).map((c) => ({ ...c, level: 0 as const })),
      width: 1600,
      height: 900,
      bounds: WORLD,
    };
    const svg = buildMapSvg(options);
    const names = [
      ...svg.matchAll(
        /<text class="place-name" data-code="([^"]+)" data-level="0" x="([^"]+)" y="([^"]+)" font-size="([^"]+)"[^>]*>([^<]+)<\/text>/g,
      ),
    ].map((m) => ({ code: m[1]!, x: Number(m[2]), y: Number(m[3]), size: Number(m[4]), text: m[5]! }));
    expect(names.length).toBeGreaterThan(30);
    expect(names.map((n) => n.text)).toEqual(expect.arrayContaining(['Brazil', 'China', 'Australia', 'Canada']));
    // The labelled country is not named twice.
    expect(names.map((n) => n.code)).not.toContain('IRQ');
    const boxes = [
      ...names.map((n) => {
        const w = textWidth(n.text, n.size, true) / 2;
        return { text: n.text, x0: n.x - w, x1: n.x + w, y0: n.y - n.size * 0.625, y1: n.y + n.size * 0.625 };
      }),
    ];
    const label = /<text class="map-label"[^>]*><tspan x="([^"]+)" y="([^"]+)">/.exec(svg)!;
    const hotspot = labelBox({ text: '1. Iraq', x: Number(label[1]), y: Number(label[2]) }, 1);
    for (const [i, a] of boxes.entries()) {
      for (const b of [...boxes.slice(i + 1), { ...hotspot, text: 'label' }])
        expect(a.x1 <= b.x0 || b.x1 <= a.x0 || a.y1 <= b.y0 || b.y1 <= a.y0, `${a.text} × ${b.text}`).toBe(true);
    }
    // Without candidates, no names: the option is what adds them.
    expect(buildMapSvg({ ...options, names: [] })).not.toContain('place-name');
    // Zoomed in on the Middle East, smaller countries are named too.
    const near = buildMapSvg({
      ...options,
      bounds: [
        [30, 25],
        [55, 40],
      ],
    });
    expect(near).toMatch(/class="place-name" data-code="JOR"/);
    expect(svg).not.toMatch(/class="place-name" data-code="JOR"/);
  });
});

describe('export labels', () => {
  it('move an overlapping label down or up before dropping it, most important first', () => {
    const at = (text: string) => ({ text, x: 500, y: 300 });
    const placed = declutter(['1. Libya', '2. Nigeria', '3. Iraq', '4. Syria', '5. Yemen', '6. Mali'].map(at), 1);
    expect(placed.map((l) => l.text)).toEqual(['1. Libya', '2. Nigeria', '3. Iraq', '4. Syria', '5. Yemen']);
    expect(placed[0]!.y).toBe(300);
    const ys = placed.map((l) => l.y);
    expect(new Set(ys).size).toBe(5);
    expect(ys[1]! > 300 && ys[2]! < 300).toBe(true);
    // A moved label remembers the point it names, for a leader line; one in place does not.
    expect(placed.map((l) => l.anchorY)).toEqual([undefined, 300, 300, 300, 300]);
    // In the SVG, a label moved off its region gets a leader line back to it.
    const crowded = buildMapSvg({
      ...classMap,
      labels: [
        { code: 'XA-01', text: '1. North', at: [10.5, 1.5] },
        { code: 'XA-02', text: '2. North too', at: [10.5, 1.5] },
      ],
    });
    expect(crowded.match(/class="map-label"/g)).toHaveLength(2);
    expect(crowded.match(/class="leader"/g)).toHaveLength(1);
    expect(buildMapSvg(classMap)).not.toContain('class="leader"');
    // Labels far apart stay where they are.
    expect(
      declutter(
        [
          { text: 'A', x: 100, y: 100 },
          { text: 'B', x: 600, y: 100 },
        ],
        1,
      ).map((l) => l.y),
    ).toEqual([100, 100]);
  });
});
