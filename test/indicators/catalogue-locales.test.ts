import { describe, expect, it } from 'vitest';
import { defaultCatalogue } from '../../indicators/catalogue/index.ts';
import {
  CATALOGUE_LOCALES,
  translateLabel,
  type CatalogueLocale,
  type TextKind,
} from '../../indicators/catalogue/locales/index.ts';
import { RELEVANCES, SCORE_CLASSES } from '../../indicators/vocabulary.ts';

/** The keys each kind of label must have: the bundled catalogue's ids and the vocabularies. */
const expected: Record<TextKind, string[]> = {
  frameworks: defaultCatalogue.frameworks.map((f) => f.id),
  groups: defaultCatalogue.groups.map((g) => g.id),
  forms: defaultCatalogue.forms.map((f) => f.id),
  indicators: defaultCatalogue.indicators.map((i) => i.id),
  descriptions: defaultCatalogue.indicators.map((i) => i.id),
  classes: [...SCORE_CLASSES],
  relevance: [...RELEVANCES],
};
const english = (kind: TextKind, id: string): string => {
  const c = defaultCatalogue;
  if (kind === 'frameworks') return c.frameworks.find((f) => f.id === id)!.shortTitle;
  if (kind === 'groups') return c.groups.find((g) => g.id === id)!.label;
  if (kind === 'forms') return c.forms.find((f) => f.id === id)!.label;
  if (kind === 'indicators') return c.indicators.find((i) => i.id === id)!.label;
  if (kind === 'descriptions') return c.indicators.find((i) => i.id === id)!.description;
  return id;
};
const SAME_IN_BOTH = ['bacha_bazi', 'servitude'];
const ARABIC = /[\u0600-\u06FF]/;

describe.each(Object.values(CATALOGUE_LOCALES) as CatalogueLocale[])('the $lang catalogue labels', (locale) => {
  it.each(Object.keys(expected) as TextKind[])('has a label for every %s key and no other', (kind) => {
    const have = Object.keys(locale[kind]).sort();
    expect(have).toEqual([...expected[kind]].sort());
    for (const [id, label] of Object.entries(locale[kind] as Record<string, string>)) {
      expect(label.trim(), `${kind}:${id}`).not.toBe('');
      expect(label, `${kind}:${id}`).toBe(label.trim());
    }
  });

  it('is written in its own script, and translated rather than copied', () => {
    const all = (Object.keys(expected) as TextKind[]).flatMap((kind) =>
      Object.entries(locale[kind] as Record<string, string>).map(([id, label]) => ({ kind, id, label })),
    );
    for (const { kind, id, label } of all)
      expect(ARABIC.test(label), `${kind}:${id} ${label}`).toBe(locale.dir === 'rtl');
    const copied = all.filter(({ kind, id, label }) => label === english(kind, id)).map(({ id }) => id);
    // Words spelled alike in both languages may stay (bacha bazi, servitude in French); nothing else.
    expect(copied.filter((id) => !SAME_IN_BOTH.includes(id))).toEqual([]);
  });

  it('keeps the numbers and abbreviations of each English description', () => {
    // Risk factor numbers, annex II, MRM, MARA: a translation that drops one has lost a reference.
    const tokens = (text: string) => text.match(/\b(?:\d+|[A-Z]{3,}|II)\b/g) ?? [];
    const lost = Object.entries(locale.descriptions).flatMap(([id, text]) =>
      tokens(english('descriptions', id))
        .filter((t) => !['UNODC', 'CRSV', 'NGO', 'NGOs', 'UN'].includes(t))
        // Arabic writes "annex II" with its ordinal word.
        .filter((t) => !text.includes(t) && !(t === 'II' && text.includes('الثاني')))
        .map((t) => `${id}: ${t}`),
    );
    expect(lost).toEqual([]);
  });

  it('marks as reviewed only keys that exist', () => {
    for (const key of locale.reviewed) {
      const [kind, id] = key.split(':') as [TextKind, string];
      expect(expected[kind], key).toContain(id);
    }
  });
});

describe('translateLabel', () => {
  it('gives the translation with its review state, and English where none exists', () => {
    expect(translateLabel('indicators', 'tip.debt-bondage', 'Debt', 'fr')).toEqual({
      label: CATALOGUE_LOCALES.fr.indicators['tip.debt-bondage'],
      lang: 'fr',
      review: 'needs-review',
    });
    expect(translateLabel('indicators', 'custom.imported', 'An imported indicator', 'ar')).toEqual({
      label: 'An imported indicator',
      lang: 'en',
    });
    expect(translateLabel('classes', 'high', 'High', 'en')).toEqual({ label: 'High', lang: 'en' });
  });
});
