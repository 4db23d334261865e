import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defaultCatalogue } from '../../indicators/catalogue/index.ts';
import {
  deriveDtmObservations,
  DTM_RULES,
  DTM_SOURCE_KEY,
  isDisplacementSite,
  type DtmCell,
} from '../../indicators/mapping/dtm-rules.ts';

const cell = (over: Partial<DtmCell>): DtmCell => ({
  region: 'NG-BO',
  period: '2017-03',
  idps: 0,
  returnees: 0,
  idpsInSites: 0,
  rows: 1,
  ...over,
});

describe('DTM mapping rules (data)', () => {
  it('target indirect indicators (conditions, never a trafficking sign) whose severity scale fits the thresholds', () => {
    const byId = new Map(defaultCatalogue.indicators.map((i) => [i.id, i]));
    for (const r of DTM_RULES) {
      const ind = byId.get(r.indicator);
      expect(ind, r.id).toBeDefined();
      expect(ind!.relevance, r.id).toBe('indirect');
      expect(ind!.group, r.id).toBe('tip.displacement-routes');
      expect(ind!.measurement).toEqual({ kind: 'severity', max: r.thresholds.length });
      expect([...r.thresholds].sort((a, b) => a - b)).toEqual(r.thresholds);
      expect(r.thresholds[0]).toBeGreaterThan(0);
    }
    expect(new Set(DTM_RULES.map((r) => r.indicator)).size).toBe(DTM_RULES.length);
    expect(DTM_SOURCE_KEY).toBe('feed:dtm');
  });

  it('are documented as they are: docs/data-import.md lists each rule with its indicator and thresholds', () => {
    const doc = readFileSync('docs/data-import.md', 'utf8');
    for (const r of DTM_RULES)
      expect(doc).toMatch(
        new RegExp(
          `\\| \`${r.id}\` \\| \`${r.indicator.replace(/\./g, '\\.')}\`[^\n]*\\| ${r.thresholds.map((t) => t.toLocaleString('en')).join(' / ')} \\|`,
        ),
      );
  });

  it('gives a severity by the thresholds reached, and nothing below the first', () => {
    const at = (idps: number) =>
      deriveDtmObservations([cell({ idps })]).find((d) => d.indicator === 'tip.mass-displacement')?.value ?? 0;
    expect([999, 1000, 9999, 10000, 49999, 50000, 199999, 200000, 5e6].map(at)).toEqual([0, 1, 1, 2, 2, 3, 3, 4, 4]);
  });

  it('reads IDPs for displacement and IDPs in sites for high-risk sites; returnees feed no rule', () => {
    const out = deriveDtmObservations([
      cell({ idps: 71000, idpsInSites: 46000, returnees: 900000 }),
      cell({ region: 'NG-AD', idps: 9000, returnees: 20000 }),
      cell({ region: 'NG-YO', idps: 0, returnees: 500000 }),
    ]);
    expect(out.map((d) => [d.region, d.indicator, d.value, d.measured, d.confidence])).toEqual([
      ['NG-AD', 'tip.mass-displacement', 1, 9000, 'medium'],
      ['NG-BO', 'tip.high-risk-sites', 3, 46000, 'medium'],
      ['NG-BO', 'tip.mass-displacement', 3, 71000, 'medium'],
    ]);
  });

  it('tells camps, collective centres and informal or transit sites from host communities and rented housing', () => {
    for (const t of [
      'Camp',
      'Camp-like setting',
      'Collective Settlement/Centre',
      'Informal settlement',
      'Spontaneous site',
      'Transit site',
      'PoC site',
      'Critical shelter',
    ])
      expect(isDisplacementSite(t), t).toBe(true);
    for (const t of ['Host community', 'Host families', 'Rented housing', '', 'Hotel/motel'])
      expect(isDisplacementSite(t), t).toBe(false);
  });
});
