import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Catalogue, Indicator } from '../../indicators/types.ts';
import {
  BUNDLED_VERSIONS,
  CATALOGUE_VERSION,
  defaultCatalogue,
  validateCatalogue,
} from '../../indicators/catalogue/index.ts';
import { diffCatalogues } from '../../db/queries/catalogue.ts';

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
    expect(defaultCatalogue.version).toBe('2026.2');
    expect(BUNDLED_VERSIONS.map((v) => v.version)).toEqual(['2026.1', '2026.2']);
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
      ...Array.from({ length: 12 }, (_, i) => `afac.8.${i + 1}`),
      ...Array.from({ length: 6 }, (_, i) => `afac.9.${i + 1}`),
      ...Array.from({ length: 10 }, (_, i) => `afac.13.${i + 1}`),
    ];
    for (const id of ids) expect(indicator(id).status).toBe('official-number');
  });

  it('flags as direct the indicators the UNODC paper names that describe trafficking itself, and as drivers the rest', () => {
    for (const id of ['afac.7.9', 'afac.7.12', 'crsv.shadow-economy-sex-work', 'osce.transnational-organised-crime'])
      expect(indicator(id).relevance, id).toBe('direct');
    for (const id of ['osce.rule-of-law', 'osce.human-rights-violations'])
      expect(indicator(id).relevance, id).toBe('indirect');
  });

  it('counts, per framework and relevance and per status, what docs/catalogue.md tabulates', () => {
    const count = (f: (i: Indicator) => boolean) => defaultCatalogue.indicators.filter(f).length;
    const table = Object.fromEntries(
      ['crsv', 'osce', 'afac', 'tip'].map((fw) => [
        fw,
        ['direct', 'indirect', 'none'].map((r) => count((i) => i.framework === fw && i.relevance === r)),
      ]),
    );
    expect(table).toEqual({ crsv: [1, 5, 1], osce: [1, 5, 1], afac: [2, 37, 15], tip: [33, 19, 0] });
    expect(defaultCatalogue.indicators).toHaveLength(120);
    expect(
      ['official-number', 'paraphrase', 'added'].map((st) => count((i) => i.status === st)),
      'official-number, paraphrase, added',
    ).toEqual([50, 18, 52]);
    expect(defaultCatalogue.indicators.filter((i) => i.framework === 'tip').every((i) => i.status === 'added')).toBe(
      true,
    );
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

/** The previous bundled version, frozen as installations loaded it. */
const frozen2026_1 = JSON.parse(
  readFileSync(new URL('../../db/seed/catalogue-2026.1.json', import.meta.url), 'utf8'),
) as Catalogue;

describe('bundled versions', () => {
  it('end with the catalogue in force, and keep each earlier one as a valid frozen snapshot', () => {
    expect(BUNDLED_VERSIONS.at(-1)!.version).toBe(CATALOGUE_VERSION);
    const check = validateCatalogue(frozen2026_1);
    expect(check.ok ? [] : check.errors).toEqual([]);
    expect(frozen2026_1.version).toBe('2026.1');
    expect(frozen2026_1.indicators).toHaveLength(116);
  });

  // If this fails after an edit of the catalogue, the edit changes 2026.2 as installations hold it:
  // bump CATALOGUE_VERSION, freeze 2026.2 in db/seed and add the new version to BUNDLED_VERSIONS.
  it('2026.2 differs from 2026.1 by exactly the corrections and additions of issue 13', () => {
    const diff = diffCatalogues(frozen2026_1, defaultCatalogue);
    const rf8 = ['8.5', '8.6', '8.7', '8.8', '8.9', '8.10', '8.11', '8.12'].map((n) => `afac.${n}`);
    const annex = [
      'tip.children-with-unrelated-adults',
      'tip.documents-withheld',
      'tip.labour-inspection-flags',
      'tip.new-gang-crime',
      'tip.offered-by-origin',
      'tip.victims-identified-abroad',
    ];
    expect(diff.added).toEqual([...rf8, ...annex].sort());
    expect(diff.removed).toEqual([...Object.keys(BUNDLED_VERSIONS[1]!.successors), 'tip.released-captives'].sort());
    expect(Object.fromEntries(diff.changed.map((c) => [c.id, c.fields]))).toEqual({
      'crsv.armed-presence': ['citation'],
      'crsv.gendered-propaganda': ['citation'],
      'crsv.girls-school-absence': ['citation'],
      'crsv.pillage': ['citation'],
      'crsv.political-rhetoric': ['citation'],
      'crsv.women-mobility': ['citation'],
      'osce.human-rights-violations': ['description', 'relevance'],
      'osce.rule-of-law': ['description', 'relevance'],
      'tip.listed-perpetrators': ['label', 'description', 'group', 'relevance', 'weight', 'citation'],
      'tip.protection-gap': ['description', 'citation'],
      'tip.sex-for-passage': ['description', 'relevance', 'citation'],
      'tip.victims-identified': ['label', 'description'],
    });
    expect(diff.records).toEqual([
      { kind: 'framework', id: 'afac', change: 'changed', fields: ['note'] },
      { kind: 'group', id: 'afac.rf8', change: 'changed', fields: ['description'] },
      { kind: 'group', id: 'crsv.armed-conduct', change: 'changed', fields: ['citation'] },
      { kind: 'group', id: 'crsv.mobility', change: 'changed', fields: ['citation'] },
      { kind: 'group', id: 'crsv.rhetoric', change: 'changed', fields: ['citation'] },
    ]);
  });

  it('renumbers each provisional RF8 id to a live indicator of the same scale, 8.5 taking two', () => {
    const successors = BUNDLED_VERSIONS[1]!.successors;
    const old = new Map(frozen2026_1.indicators.map((i) => [i.id, i]));
    for (const [from, to] of Object.entries(successors)) {
      expect(old.get(from), from).toBeDefined();
      expect(
        defaultCatalogue.indicators.some((i) => i.id === from),
        `${from} is retired`,
      ).toBe(false);
      expect(indicator(to).measurement, `${from} → ${to}`).toEqual(old.get(from)!.measurement);
      expect(indicator(to).status).toBe('official-number');
    }
    expect(
      Object.entries(successors)
        .filter(([, to]) => to === 'afac.8.5')
        .map(([from]) => from),
    ).toEqual(['afac.8.x-attacks-on-leaders', 'afac.8.x-serious-violence']);
    expect(new Set(Object.values(successors)).size).toBe(8);
  });

  it('cites no CRSV signal area to a UNODC section that does not name it', () => {
    for (const item of [...defaultCatalogue.groups, ...defaultCatalogue.indicators].filter(
      (x) => x.id.startsWith('crsv.') && x.id !== 'crsv.war-economy' && x.id !== 'crsv.shadow-economy-sex-work',
    ))
      expect(item.citation, item.id).not.toMatch(/4\.1\.3/);
  });

  it('cites the seed lines behind each annex II signal', () => {
    for (const i of defaultCatalogue.indicators.filter((x) => /annex II,/.test(x.citation)))
      expect(i.citation, i.id).toMatch(/seed 001, lines? \d{4}/);
  });
});
