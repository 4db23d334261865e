import { describe, expect, it } from 'vitest';
import { SCENARIOS } from '../../indicators/index.ts';
import en from '../../web/locales/en.json';
import { EXAMPLE_INDICATORS } from '../../web/features/methodology/worked-example.ts';

/**
 * The methodology page shows the bundled scenarios' descriptions and the worked example's labels from
 * the catalogues (so French and Arabic readers get them in their language). The English messages must
 * say what the scenario files and the example say, or the English page would drift from the model.
 */
const EN: Record<string, unknown> = en;

describe('methodology texts kept in the catalogues', () => {
  it('has each bundled scenario’s description and purpose, as its file words them', () => {
    expect(SCENARIOS.length).toBeGreaterThan(3);
    for (const s of SCENARIOS) {
      expect(EN[`methodology.scenario.${s.id}.description`], s.id).toBe(s.description);
      expect(EN[`methodology.scenario.${s.id}.purpose`], s.id).toBe(s.purpose);
    }
  });

  it('has each worked-example indicator’s label and group, as the example defines them', () => {
    for (const i of EXAMPLE_INDICATORS) {
      expect(EN[`methodology.example.label.${i.id}`], i.id).toBe(i.label);
      expect(EN[`methodology.example.group.${i.id}`], i.id).toBe(i.group);
    }
  });
});
