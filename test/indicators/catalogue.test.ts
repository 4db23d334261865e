import { describe, expect, it } from 'vitest';
import type { Catalogue, Indicator } from '../../indicators/types.ts';
import { defaultCatalogue, validateCatalogue } from '../../indicators/catalogue/index.ts';

/** A deep, mutable copy of the default catalogue to break on purpose. */
function createCatalogue(): {
  -readonly [K in keyof Catalogue]: Catalogue[K] extends readonly (infer T)[] ? T[] : Catalogue[K];
} {
  return structuredClone({
    ...defaultCatalogue,
    frameworks: [...defaultCatalogue.frameworks],
    groups: [...defaultCatalogue.groups],
    indicators: [...defaultCatalogue.indicators],
    forms: [...defaultCatalogue.forms],
  });
}

function indicator(id: string): Indicator {
  const found = defaultCatalogue.indicators.find((i) => i.id === id);
  if (!found) throw new Error(`no indicator ${id}`);
  return found;
}

function errorsOf(input: unknown) {
  const result = validateCatalogue(input);
  if (result.ok) throw new Error('expected the catalogue to be rejected');
  return result.errors;
}

describe('default catalogue', () => {
  it('passes validation', () => {
    const result = validateCatalogue(defaultCatalogue);
    expect(result.ok ? [] : result.errors).toEqual([]);
    expect(defaultCatalogue.version).toBe('2026.1');
  });

  it('has the four frameworks', () => {
    expect(defaultCatalogue.frameworks.map((f) => f.id).sort()).toEqual(['afac', 'crsv', 'osce', 'tip']);
  });

  it('has a group and an overall indicator for every AFAC risk factor 1–14', () => {
    for (let rf = 1; rf <= 14; rf++) {
      expect(defaultCatalogue.groups.some((g) => g.id === `afac.rf${rf}`)).toBe(true);
      expect(indicator(`afac.rf${rf}`).group).toBe(`afac.rf${rf}`);
    }
  });

  it('holds the known numbered AFAC indicators', () => {
    const ids = [
      ...Array.from({ length: 12 }, (_, i) => `afac.7.${i + 1}`),
      ...Array.from({ length: 4 }, (_, i) => `afac.8.${i + 1}`),
      ...Array.from({ length: 6 }, (_, i) => `afac.9.${i + 1}`),
      ...Array.from({ length: 10 }, (_, i) => `afac.13.${i + 1}`),
    ];
    for (const id of ids) expect(indicator(id).status).toBe('official-number');
  });

  it('flags the indicators the UNODC paper names as directly trafficking-relevant', () => {
    for (const id of [
      'afac.7.9',
      'afac.7.12',
      'crsv.shadow-economy-sex-work',
      'osce.transnational-organised-crime',
      'osce.rule-of-law',
      'osce.human-rights-violations',
    ]) {
      expect(indicator(id).relevance).toBe('direct');
    }
  });

  it('has 30–50 trafficking-specific indicators, all added by Vigil', () => {
    const tip = defaultCatalogue.indicators.filter((i) => i.framework === 'tip');
    expect(tip.length).toBeGreaterThanOrEqual(30);
    expect(tip.length).toBeLessThanOrEqual(50);
    expect(tip.every((i) => i.status === 'added')).toBe(true);
  });

  it('references only exploitation forms that exist', () => {
    const formIds = new Set(defaultCatalogue.forms.map((f) => f.id));
    for (const ind of defaultCatalogue.indicators) {
      for (const form of ind.forms) expect(formIds, `${ind.id} → ${form}`).toContain(form);
    }
    for (const form of defaultCatalogue.forms) {
      if (form.parent !== null) expect(formIds).toContain(form.parent);
    }
  });

  it('keeps CRSV and OSCE entries as paraphrases', () => {
    const others = defaultCatalogue.indicators.filter((i) => i.framework === 'crsv' || i.framework === 'osce');
    expect(others.every((i) => i.status === 'paraphrase')).toBe(true);
  });
});

describe('validateCatalogue', () => {
  it('rejects a duplicate indicator id, naming its path', () => {
    const c = createCatalogue();
    c.indicators.push({ ...indicator('afac.7.9'), label: 'Another label' });
    const errors = errorsOf(c);
    expect(errors).toContainEqual(
      expect.objectContaining({
        path: `indicators.${c.indicators.length - 1}.id`,
        message: expect.stringContaining('duplicate id'),
      }),
    );
  });

  it('rejects an unknown group', () => {
    const c = createCatalogue();
    c.indicators[0] = { ...c.indicators[0]!, group: 'afac.rf99' };
    expect(errorsOf(c)).toContainEqual(
      expect.objectContaining({ path: 'indicators.0.group', message: expect.stringContaining('afac.rf99') }),
    );
  });

  it('rejects a group of another framework', () => {
    const c = createCatalogue();
    c.indicators[0] = { ...c.indicators[0]!, group: 'tip.children' };
    expect(errorsOf(c)).toContainEqual(expect.objectContaining({ path: 'indicators.0.group' }));
  });

  it('rejects an unknown exploitation form', () => {
    const c = createCatalogue();
    const i = c.indicators.findIndex((x) => x.id === 'afac.7.9');
    c.indicators[i] = { ...c.indicators[i]!, forms: ['sexual_slavery', 'space_piracy'] };
    expect(errorsOf(c)).toContainEqual(
      expect.objectContaining({ path: `indicators.${i}.forms.1`, message: expect.stringContaining('space_piracy') }),
    );
  });

  it('rejects an empty label', () => {
    const c = createCatalogue();
    c.indicators[2] = { ...c.indicators[2]!, label: '   ' };
    expect(errorsOf(c)).toContainEqual(expect.objectContaining({ path: 'indicators.2.label' }));
  });

  it('rejects two indicators with the same label', () => {
    const c = createCatalogue();
    c.indicators[3] = { ...c.indicators[3]!, label: c.indicators[1]!.label.toUpperCase() };
    expect(errorsOf(c)).toContainEqual(
      expect.objectContaining({ path: 'indicators.3.label', message: expect.stringContaining('duplicate label') }),
    );
  });

  it('rejects an id whose prefix does not match its framework', () => {
    const c = createCatalogue();
    c.indicators[0] = { ...c.indicators[0]!, id: 'tip.misfiled' };
    expect(errorsOf(c)).toContainEqual(expect.objectContaining({ path: 'indicators.0.id' }));
  });

  it('rejects an unknown or circular form parent', () => {
    const c = createCatalogue();
    const a = c.forms.findIndex((f) => f.id === 'forced_labour');
    const b = c.forms.findIndex((f) => f.id === 'child_labour_worst_forms');
    c.forms[a] = { ...c.forms[a]!, parent: 'child_labour_worst_forms' };
    c.forms[0] = { ...c.forms[0]!, parent: 'nowhere' };
    const paths = errorsOf(c).map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining([`forms.${a}.parent`, `forms.${b}.parent`, 'forms.0.parent']));
  });

  it('rejects malformed input with schema paths', () => {
    const c = createCatalogue();
    const broken = { ...c, indicators: [{ ...c.indicators[0]!, weight: -1, measurement: { kind: 'severity' } }] };
    const paths = errorsOf(broken).map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['indicators.0.weight', 'indicators.0.measurement.max']));
    expect(errorsOf(null)).not.toHaveLength(0);
  });
});
