import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MODEL_CONFIG as C } from '../../indicators/model/config.ts';
import { ageFactor } from '../../indicators/model/score.ts';
import { SCENARIOS } from '../../indicators/scenarios/index.ts';

const doc = readFileSync(new URL('../../docs/methodology.md', import.meta.url), 'utf8').replace(/\s+/g, ' ');
const words = (c: string) => c.replace('-', ' ');
const r2 = (x: number) => String(Math.round(x * 100) / 100);

describe('docs/methodology.md states the constants the model runs on', () => {
  it('class thresholds', () => {
    C.classThresholds.forEach((t, i) => {
      const next = C.classThresholds[i + 1];
      expect(doc).toContain(`| ${words(t.class)} | ${t.min} to ${next ? `below ${next.min}` : '10'} |`);
    });
  });

  it('lens multipliers, evidence rule, confidence and form weights', () => {
    const m = C.tipRelevanceMultiplier;
    expect(doc).toContain(`direct × ${m.direct}, indirect × ${m.indirect}, none × ${m.none}`);
    expect(doc).toContain(
      `**${C.sufficiency.minGroups} different groups**, or at least **${C.sufficiency.minIndicators} indicators**`,
    );
    expect(doc).toContain(
      `(low below ${C.confidenceGroups.medium} groups, medium from ${C.confidenceGroups.medium}, high from ${C.confidenceGroups.high})`,
    );
    expect(doc).toContain(`weighted mean age factor below ${C.staleAgeFactor}`);
    expect(doc).toContain(`in full for a direct sign and at ${C.formRelevanceMultiplier.indirect} for an indirect one`);
  });

  it('ageing, trends, alerts, sensitivity and small counts', () => {
    expect(doc).toContain(
      `factor is 1 in the observation's own month, ${r2(ageFactor(1, 6))} a month later, ${r2(ageFactor(3, 6))} after three months, ${r2(ageFactor(6, 6))} after six`,
    );
    expect(doc).toContain(`change over ${C.trendMonths[0]} and ${C.trendMonths[1]} months`);
    const a = C.alerts;
    expect(doc).toContain(`classed ${words(a.minClass)} or higher`);
    expect(doc).toContain(
      `more than ${a.sharpRisePoints} points above the region's own mean over the previous ${a.baselineMonths} months`,
    );
    expect(doc).toContain(`at least ${a.minBaselineMonths} of them`);
    const s = C.sensitivity;
    expect(doc).toContain(`between ${1 - s.spread} and ${1 + s.spread} (${s.runs} runs`);
    expect(doc).toContain(`for the top ${s.top} regions`);
    const t = C.smallCountThreshold;
    expect(doc).toContain(`Counts of people below ${t} are shown as "<${t}"`);
    expect(doc).toContain(`as the middle of that band (${t / 2})`);
  });

  it('the evidence model (v2): hazards, caps, absences, ceiling, sources and confidence', () => {
    const e = C.evidence;
    const q = e.confidenceFactor;
    expect(doc).toContain(`with λ = ${e.hazardPerWeight}, the lens weight`);
    expect(doc).toContain(
      `a confidence factor of ${q.high} for a high-confidence observation, ${q.medium} for medium and ${q.low} for low`,
    );
    expect(doc).toContain(`counts at ${e.inheritedDiscount} of its hazard`);
    expect(doc).toContain(`the source brings ${e.sourceCap} × tanh(its sum ÷ ${e.sourceCap})`);
    expect(doc).toContain(`stays below ${r2(10 * (1 - Math.exp(-e.sourceCap)))}`);
    expect(doc).toContain(`*absence* a = ${e.absencePerWeight} × weight`);
    expect(doc).toContain(`saturated per source below ${e.absenceCap}`);
    expect(doc).toContain(`the score stops at ${e.conditionsCeiling}`);
    expect(doc).toContain(`at least **${e.minSources} independent sources**`);
    expect(doc).toContain(
      `coverage (medium from ${e.confidenceCoverage.medium}, high from ${e.confidenceCoverage.high} of the lens's weight), independent sources (medium from ${e.confidenceSources.medium}, high from ${e.confidenceSources.high})`,
    );
  });

  it('every bundled scenario', () => {
    for (const sc of SCENARIOS) expect(doc).toContain(`\`${sc.id}\``);
  });
});
