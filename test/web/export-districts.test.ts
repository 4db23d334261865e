import { describe, expect, it } from 'vitest';
import { MAP_COLORS } from '../../web/charts/evidence-marks.ts';
import { districtCredits, NATURAL_EARTH_CREDIT, overlayDistricts } from '../../web/features/export/districts.ts';
import { classLegend } from '../../web/features/export/legends.ts';
import { buildMapSvg } from '../../web/features/export/map-svg.ts';
import { square } from '../fixtures/map.ts';

// Two first-level regions; the first has two districts (halves are not needed: a district a unit
// square over its region is enough to tell what is drawn on top).
const REGIONS = { features: [square('XA-01', 'North', 10, 1), square('XA-02', 'South', 10, 0)], scores: [] };
const DISTRICTS = { features: [square('XA-01-D1', 'Hills', 10, 1), square('XA-01-D2', 'Lakes', 11, 1)], scores: [] };
const SET_CREDIT = 'Districts of Xanadu, version 2: Example Survey Office, CC BY 4.0';

describe('a district export', () => {
  it('draws the districts after (over) the first-level regions, each coloured by its own score', () => {
    const layer = overlayDistricts(
      {
        ...REGIONS,
        scores: [
          { code: 'XA-01', category: 'low', score: 2 },
          { code: 'XA-02', category: 'medium', score: 4.5 },
        ],
      },
      {
        ...DISTRICTS,
        scores: [
          { code: 'XA-01-D1', category: 'very-high', score: 8.8 },
          { code: 'XA-01-D2', category: 'insufficient-data', score: null },
        ],
      },
    );
    expect(layer.features.map((f) => f.properties.code)).toEqual(['XA-01', 'XA-02']);
    expect(layer.over?.map((f) => f.properties.code)).toEqual(['XA-01-D1', 'XA-01-D2']);
    const svg = buildMapSvg({
      title: 'Risk · July 2017',
      subtitle: 'Trafficking lens · Districts',
      sources: 'Sources: none',
      attribution: districtCredits([SET_CREDIT]),
      disclaimer: 'Boundaries and names shown do not imply official endorsement or acceptance.',
      notice: null,
      generatedAt: '2026-01-15T09:30:00.000Z',
      ...layer,
      legend: classLegend(),
      width: 800,
      height: 500,
    });
    const drawn = [...svg.matchAll(/<path class="region" data-code="([^"]+)" data-category="([^"]+)" fill="([^"]+)"/g)];
    expect(drawn.map((m) => m.slice(1))).toEqual([
      ['XA-01', 'low', MAP_COLORS.low],
      ['XA-02', 'medium', MAP_COLORS.medium],
      ['XA-01-D1', 'very-high', MAP_COLORS['very-high']],
      ['XA-01-D2', 'insufficient-data', MAP_COLORS['insufficient-data']],
    ]);
    // Drawn after every region though its code sorts before XA-02: on top, as on the live map.
    // The footer credits the set the districts come from (its source and licence) and Natural Earth.
    const footer = svg.slice(svg.indexOf('<g class="footer">'));
    expect(footer).toContain('Example Survey Office, CC BY 4.0');
    expect(footer).toContain(NATURAL_EARTH_CREDIT);
  });

  it('lets a district replace a region with the same code rather than drawing both', () => {
    const layer = overlayDistricts(
      { features: [square('XB', 'Island', 0, 0)], scores: [{ code: 'XB', category: 'low' }] },
      { features: [square('XB', 'Island', 0, 0)], scores: [{ code: 'XB', category: 'high' }] },
    );
    expect(layer.features).toHaveLength(0);
    expect(layer.over).toHaveLength(1);
    expect(layer.scores).toEqual([{ code: 'XB', category: 'high' }]);
  });

  it('credits Natural Earth once, after the sets', () => {
    expect(districtCredits([SET_CREDIT, 'Event data: UCDP GED'])).toEqual([
      SET_CREDIT,
      'Event data: UCDP GED',
      NATURAL_EARTH_CREDIT,
    ]);
    expect(districtCredits([NATURAL_EARTH_CREDIT])).toEqual([NATURAL_EARTH_CREDIT]);
  });
});
