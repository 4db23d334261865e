import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defaultCatalogue } from '../../indicators/catalogue/index.ts';
import { severityFor } from '../../indicators/mapping/derive.ts';
import { deriveUcdpObservations, UCDP_RULES, type UcdpCell } from '../../indicators/mapping/ucdp-rules.ts';

const cell = (over: Partial<UcdpCell>): UcdpCell => ({
  region: 'IQ-NI',
  period: '2014-08',
  type: 1,
  stateActor: true,
  events: 1,
  deaths: 1,
  preciseEvents: 1,
  ...over,
});

describe('UCDP mapping rules (data)', () => {
  it('target indicators of the catalogue whose severity scale matches the thresholds', () => {
    const byId = new Map(defaultCatalogue.indicators.map((i) => [i.id, i]));
    for (const r of UCDP_RULES) {
      const ind = byId.get(r.indicator);
      expect(ind, r.id).toBeDefined();
      expect(ind!.measurement).toEqual({ kind: 'severity', max: r.thresholds.length });
      expect([...r.thresholds].sort((a, b) => a - b)).toEqual(r.thresholds);
      expect(r.thresholds[0]).toBeGreaterThan(0);
    }
    expect(new Set(UCDP_RULES.map((r) => r.indicator)).size).toBe(UCDP_RULES.length);
  });

  it('are documented as they are: docs/data-import.md lists each rule with its indicator and thresholds', () => {
    const doc = readFileSync('docs/data-import.md', 'utf8');
    for (const r of UCDP_RULES)
      expect(doc).toMatch(
        new RegExp(
          `\\| \`${r.id}\` \\| \`${r.indicator.replace(/\./g, '\\.')}\`[^\n]*\\| ${r.thresholds.join(' / ')} \\|`,
        ),
      );
  });

  it('gives a severity by the thresholds reached', () => {
    expect([0, 1, 24, 25, 99, 100, 499, 500, 10_000].map((v) => severityFor(v, [1, 25, 100, 500]))).toEqual([
      0, 1, 1, 2, 2, 3, 3, 4, 4,
    ]);
  });
});

describe('deriveUcdpObservations', () => {
  it('sums deaths of every type for conflict intensity, and counts only clashes for armed incidents', () => {
    const out = deriveUcdpObservations([
      cell({ type: 1, deaths: 20, events: 2 }),
      cell({ type: 3, stateActor: false, deaths: 10, events: 1 }),
    ]);
    expect(out.find((o) => o.indicator === 'afac.rf1')).toMatchObject({ value: 2, deaths: 30, events: 3 });
    expect(out.find((o) => o.indicator === 'osce.politico-military')).toMatchObject({ value: 1, events: 2 });
  });

  it('counts violence against civilians only when a non-state group committed it', () => {
    const byState = deriveUcdpObservations([cell({ type: 3, stateActor: true, deaths: 200 })]);
    expect(byState.map((o) => o.indicator)).toEqual(['afac.rf1']);
    const byGroup = deriveUcdpObservations([cell({ type: 3, stateActor: false, deaths: 200 })]);
    expect(byGroup.find((o) => o.indicator === 'afac.8.5')).toMatchObject({ value: 4, deaths: 200 });
  });

  it('keeps regions and months apart, emits nothing below the first threshold, and ignores input order', () => {
    const cells = [
      cell({ region: 'NG-BO', deaths: 600 }),
      cell({ period: '2014-09', deaths: 0, events: 1, type: 3, stateActor: false }),
      cell({ deaths: 30 }),
    ];
    const out = deriveUcdpObservations(cells);
    expect(out.filter((o) => o.indicator === 'afac.rf1').map((o) => [o.region, o.period, o.value])).toEqual([
      ['IQ-NI', '2014-08', 2],
      ['NG-BO', '2014-08', 4],
    ]);
    expect(deriveUcdpObservations([...cells].reverse())).toEqual(out);
  });

  it('lowers confidence when most events were located only to admin-1', () => {
    expect(deriveUcdpObservations([cell({ events: 4, preciseEvents: 1, deaths: 5 })])[0]!.confidence).toBe('low');
    expect(deriveUcdpObservations([cell({ events: 4, preciseEvents: 2, deaths: 5 })])[0]!.confidence).toBe('medium');
  });
});
