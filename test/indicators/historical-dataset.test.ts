import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defaultCatalogue } from '../../indicators/catalogue/index.ts';
import type { Measurement } from '../../indicators/types.ts';
import { CONFIDENCES } from '../../indicators/vocabulary.ts';

interface SeedRow {
  region: string;
  indicator: string;
  period: string;
  value: number;
  confidence: string;
  source: { citation: string; locator: string; url?: string };
  note?: string;
}

const readJson = (url: URL): unknown => JSON.parse(readFileSync(url, 'utf8'));
const rows = readJson(new URL('../../db/seed/historical-observations.json', import.meta.url)) as SeedRow[];

/** Boundaries bundled with the project, or the shared originals if the project copy is absent. */
function boundaryFile(name: string): URL {
  const bundled = new URL(`../../db/seed/boundaries/${name}`, import.meta.url);
  return existsSync(bundled) ? bundled : new URL(`../../../shared/data/boundaries/${name}`, import.meta.url);
}

/** Codes that occur exactly once in a TopoJSON object's `prop` property. */
function uniqueCodes(name: string, object: string, prop: string): Set<string> {
  const topo = readJson(boundaryFile(name)) as {
    objects: Record<string, { geometries: { properties: Record<string, unknown> }[] }>;
  };
  const counts = new Map<string, number>();
  for (const g of topo.objects[object]?.geometries ?? []) {
    const code = String(g.properties[prop]);
    counts.set(code, (counts.get(code) ?? 0) + 1);
  }
  return new Set([...counts].filter(([, n]) => n === 1).map(([code]) => code));
}

function fits(value: number, m: Measurement): boolean {
  switch (m.kind) {
    case 'severity':
      return Number.isInteger(value) && value >= 0 && value <= m.max;
    case 'count':
      return Number.isInteger(value) && value >= 0;
    case 'rate':
      return Number.isFinite(value) && value >= 0;
    case 'binary':
      return value === 0 || value === 1;
    default: {
      const never: never = m;
      return never;
    }
  }
}

const indicators = new Map(defaultCatalogue.indicators.map((i) => [i.id, i]));
const label = (r: SeedRow) => `${r.region} ${r.indicator} ${r.period}`;

describe('bundled historical observations', () => {
  it('holds between 80 and 200 observations', () => {
    expect(rows.length).toBeGreaterThanOrEqual(80);
    expect(rows.length).toBeLessThanOrEqual(200);
  });

  it('carries only the agreed, area-level fields', () => {
    const allowed = new Set(['region', 'indicator', 'period', 'value', 'confidence', 'source', 'note']);
    for (const r of rows) {
      for (const key of Object.keys(r)) expect(allowed, `${label(r)}: field ${key}`).toContain(key);
      expect(CONFIDENCES).toContain(r.confidence);
    }
  });

  it('names only indicators of the default catalogue, with values that fit their measurement', () => {
    for (const r of rows) {
      const indicator = indicators.get(r.indicator);
      expect(indicator, `${label(r)}: unknown indicator`).toBeDefined();
      if (indicator) expect(fits(r.value, indicator.measurement), `${label(r)}: value ${r.value}`).toBe(true);
    }
  });

  it('dates every observation to a month from 2014-01 to 2017-12', () => {
    for (const r of rows) {
      expect(r.period, label(r)).toMatch(/^(2014|2015|2016|2017)-(0[1-9]|1[0-2])$/);
    }
  });

  it('cites a seed document and a place in it for every observation', () => {
    for (const r of rows) {
      expect(r.source.citation.trim().length, label(r)).toBeGreaterThan(10);
      expect(r.source.locator, label(r)).toMatch(/^seed 00[0-4], lines? \d+/);
      expect((r.note ?? '').trim().length, `${label(r)}: note`).toBeGreaterThan(0);
    }
  });

  it('uses region codes that exist exactly once in the bundled boundaries', () => {
    const countries = uniqueCodes('admin0.topojson', 'countries', 'iso_a3');
    const provinces = uniqueCodes('admin1.topojson', 'admin1', 'iso_3166_2');
    for (const r of rows) {
      const known = /^[A-Z]{3}$/.test(r.region) ? countries : provinces;
      expect(known.has(r.region), `${label(r)}: region`).toBe(true);
    }
  });

  it('has at most one observation per region, indicator and month', () => {
    const keys = rows.map(label);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('shows change over time for the main documented places', () => {
    for (const region of ['IQ-NI', 'NG-BO', 'LBY']) {
      const months = new Set(rows.filter((r) => r.region === region).map((r) => r.period));
      expect(months.size, region).toBeGreaterThanOrEqual(3);
    }
  });
});
