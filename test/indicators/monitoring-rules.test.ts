import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defaultCatalogue } from '../../indicators/catalogue/index.ts';
import {
  bandedCount,
  categoryKey,
  deriveMonitoringObservations,
  MARA_RULES,
  monitoringConfidence,
  MRM_RULES,
  REFERRAL_RULES,
  ruleForCategory,
} from '../../indicators/mapping/monitoring-rules.ts';

const SETS = { mrm: MRM_RULES, mara: MARA_RULES, referral: REFERRAL_RULES };
const byId = new Map(defaultCatalogue.indicators.map((i) => [i.id, i]));

describe('restricted-monitoring template rules (data)', () => {
  it('target catalogue indicators on their own scale: thresholds for severities, the number itself for counts', () => {
    for (const [name, rules] of Object.entries(SETS)) {
      expect(new Set(rules.map((r) => r.indicator)).size, name).toBe(rules.length);
      const seen = new Set<string>();
      for (const r of rules) {
        const ind = byId.get(r.indicator);
        expect(ind, r.id).toBeDefined();
        if (r.thresholds) {
          expect(ind!.measurement, r.id).toEqual({ kind: 'severity', max: r.thresholds.length });
          expect([...r.thresholds].sort((a, b) => a - b)).toEqual(r.thresholds);
        } else expect(ind!.measurement.kind, r.id).toBe('count');
        for (const c of r.categories) {
          expect(seen.has(categoryKey(c)), `${name}: ${c}`).toBe(false);
          seen.add(categoryKey(c));
        }
      }
    }
    // The six grave violations, each once.
    expect(MRM_RULES.map((r) => r.categories[0])).toHaveLength(6);
  });

  it('send only violations with a trafficking element to direct indicators', () => {
    const direct = [...MRM_RULES, ...MARA_RULES].filter((r) => byId.get(r.indicator)!.relevance === 'direct');
    expect(direct.map((r) => r.id).sort()).toEqual(
      ['mara.other-forms', 'mara.trafficking-forms', 'mrm.abduction', 'mrm.recruitment', 'mrm.sexual-violence'].sort(),
    );
  });

  it('are documented as they are in docs/data-import.md', () => {
    const doc = readFileSync('docs/data-import.md', 'utf8');
    for (const r of Object.values(SETS).flat())
      expect(doc).toMatch(
        new RegExp(
          `\\| \`${r.id}\` \\|[^\n]*\\| \`${r.indicator.replace(/\./g, '\\.')}\`[^\n]*\\| ${r.thresholds ? r.thresholds.join(' / ') : 'the count'} \\|`,
        ),
      );
  });

  it('match categories without case or punctuation, and forms of exploitation by id or label', () => {
    expect(ruleForCategory(MRM_RULES, 'Rape and other Sexual Violence')?.id).toBe('mrm.sexual-violence');
    expect(ruleForCategory(MARA_RULES, 'sexual-slavery')?.id).toBe('mara.trafficking-forms');
    expect(ruleForCategory(REFERRAL_RULES, 'forced_labour')?.id).toBe('referral.victims-identified');
    expect(ruleForCategory(REFERRAL_RULES, 'Forced or servile marriage')?.id).toBe('referral.victims-identified');
    expect(ruleForCategory(MRM_RULES, 'looting')).toBeUndefined();
    expect(ruleForCategory(MRM_RULES, '')).toBeUndefined();
  });

  it('give verified counts higher confidence than reported ones, and band small counts for public text', () => {
    expect([monitoringConfidence(5, 0), monitoringConfidence(5, 5), monitoringConfidence(0, 5)]).toEqual([
      'high',
      'medium',
      'low',
    ]);
    expect([0, 1, 4, 5, 1200].map(bandedCount)).toEqual(['0', '<5', '<5', '5', '1,200']);
    const out = deriveMonitoringObservations(
      [
        { region: 'NG-BO', period: '2017-06', rule: 'mrm.recruitment', verified: 0, reported: 0 },
        { region: 'NG-BO', period: '2017-06', rule: 'mrm.killing-maiming', verified: 30, reported: 20 },
        { region: 'NG-BO', period: '2017-06', rule: 'nope', verified: 3, reported: 0 },
      ],
      MRM_RULES,
    );
    expect(out).toEqual([
      expect.objectContaining({ indicator: 'afac.7.8', value: 4, confidence: 'medium', verified: 30, reported: 20 }),
    ]);
  });
});
