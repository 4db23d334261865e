import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { csvField, toCsv } from '../../api/services/export/csv.ts';
import { scoreTable, toExportRow, type ScoreWireRow } from '../../api/services/export/score-table.ts';

describe('CSV writer', () => {
  it('quotes what needs quoting and defuses spreadsheet formulas, but writes negative numbers as numbers', () => {
    expect(csvField('Ta’izz, Yemen')).toBe('"Ta’izz, Yemen"');
    expect(csvField('say "no"')).toBe('"say ""no"""');
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('-1+2')).toBe("'-1+2");
    expect(csvField(-0.5)).toBe('-0.5');
    expect(csvField(null)).toBe('');
    expect(csvField(Number.NaN)).toBe('');
    expect(csvField('<5')).toBe('<5');
  });

  it('round-trips any text through a standard CSV parser', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.string(), { minLength: 2, maxLength: 2 }), { minLength: 1, maxLength: 5 }),
        (rows) => {
          const safe = rows.map((r) => r.map((s) => s.replace(/^[=+\-@\t\r]/, 'x')));
          const back = parse(toCsv(safe), { bom: true, relax_column_count: true }) as string[][];
          return JSON.stringify(back) === JSON.stringify(safe);
        },
      ),
    );
  });
});

describe('score table', () => {
  const row: ScoreWireRow = {
    region: 'XA-01',
    name: 'Testland North',
    parent: 'XAA',
    period: '2017-07',
    score: 6.5,
    class: 'high',
    coverage: 0.4,
    confidence: 'medium',
    trend: -0.5,
    trend12: null,
    drivers: [{ indicatorId: 'tip.a', label: 'Abductions', points: 4.25 }],
    rolledUpFrom: null,
    evidence: { indicators: 3, groups: 7, sources: 2, signs: 1, own: 3 },
    basis: 'own',
    conditionsOnly: false,
  };

  it('publishes the evidence counts as they are (evidence, not people) and keeps missing values empty', () => {
    const r = toExportRow(row, {
      lens: 'tip',
      level: 1,
      scenario: 'baseline',
      catalogueVersion: '2026.1',
      attribution: ['Made with Natural Earth', 'UCDP'],
    });
    expect(r).toMatchObject({
      country: 'XAA',
      indicators_observed: 3,
      groups_observed: 7,
      sources_observed: 2,
      signs_observed: 1,
      basis: 'own',
      conditions_only: false,
      trend_12m: null,
      top_drivers: 'Abductions (+4.25)',
      credit: 'Made with Natural Earth; UCDP',
    });
    const [head, tags, line] = scoreTable([r], 1, { hxl: true });
    expect(head).toHaveLength(tags!.length);
    expect(line![head!.indexOf('trend_12m')]).toBeNull();
    expect(scoreTable([r], 0)[0]).not.toContain('country');
  });
});
