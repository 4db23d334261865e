import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import { DATA_SET_KINDS } from '../../db/queries/exports.ts';
import { API_CATALOGUES, apiMessagesOf, hasMessage } from '../../api/i18n.ts';
import { CATALOGUE_LANGS, LENSES, SCENARIOS, SCORE_CLASSES } from '../../indicators/index.ts';

/**
 * The API's own catalogues (api/locales: alert reasons, explanation notes, display values, brief and
 * export metadata) are complete and consistent, as the dashboard's are (test/web/i18n-catalogues):
 * every English key in every language and no other, each message valid ICU with the English
 * arguments (names and kinds), plurals with `other` and only the language's forms, and the keys the
 * code builds from ids (lenses, classes, data sets, scenarios) present.
 */
const en = apiMessagesOf(API_CATALOGUES.en);

function signature(elements: MessageFormatElement[], out = new Set<string>()): Set<string> {
  for (const e of elements) {
    if (e.type === TYPE.argument) out.add(`${e.value}:text`);
    else if (e.type === TYPE.number) out.add(`${e.value}:number`);
    else if (e.type === TYPE.date || e.type === TYPE.time) out.add(`${e.value}:date`);
    else if (e.type === TYPE.plural || e.type === TYPE.select) {
      out.add(`${e.value}:${e.type === TYPE.plural ? 'plural' : 'select'}`);
      for (const o of Object.values(e.options)) signature(o.value, out);
    } else if (e.type === TYPE.tag) {
      out.add(`<${e.value}>`);
      signature(e.children, out);
    }
  }
  return out;
}

function plurals(elements: MessageFormatElement[]): { name: string; options: string[] }[] {
  return elements.flatMap((e) =>
    e.type === TYPE.plural || e.type === TYPE.select
      ? [
          ...(e.type === TYPE.plural ? [{ name: e.value, options: Object.keys(e.options) }] : []),
          ...Object.values(e.options).flatMap((o) => plurals(o.value)),
        ]
      : e.type === TYPE.tag
        ? plurals(e.children)
        : [],
  );
}

describe('API message catalogues (api/locales)', () => {
  it('English has the keys the code builds from ids', () => {
    const built = [
      ...LENSES.map((l) => `export.lens.${l}`),
      ...SCORE_CLASSES.map((c) => `class.${c}`),
      ...DATA_SET_KINDS.flatMap((k) => [`export.dataSet.${k}`, `export.dataSet.${k}.licence`]),
      ...SCENARIOS.filter((s) => s.id !== 'baseline').map((s) => `export.scenarioName.${s.id}`),
    ];
    expect(built.filter((k) => !hasMessage(k))).toEqual([]);
  });

  for (const lang of CATALOGUE_LANGS) {
    const cat = apiMessagesOf(API_CATALOGUES[lang]);

    it(`${lang}: has exactly the English keys`, () => {
      const missing = Object.keys(en).filter((k) => !(k in cat));
      const extra = Object.keys(cat).filter((k) => !(k in en));
      expect({ missing, extra }).toEqual({ missing: [], extra: [] });
    });

    it(`${lang}: every message is valid ICU with the English arguments`, () => {
      const wrong: string[] = [];
      for (const [key, text] of Object.entries(cat)) {
        expect(text.trim(), `${lang} ${key} is empty`).not.toBe('');
        const want = [...signature(parse(en[key]!))].sort();
        const got = [...signature(parse(text))].sort();
        if (JSON.stringify(want) !== JSON.stringify(got)) wrong.push(`${key}: ${got.join(' ')} ≠ ${want.join(' ')}`);
      }
      expect(wrong).toEqual([]);
    });

    it(`${lang}: every plural has the "other" form, and only forms the language has`, () => {
      const forms = new Set<string>(new Intl.PluralRules(lang).resolvedOptions().pluralCategories);
      for (const [key, text] of Object.entries(cat))
        for (const p of plurals(parse(text))) {
          expect(p.options, `${lang} ${key} {${p.name}}`).toContain('other');
          for (const o of p.options)
            expect(o.startsWith('=') || forms.has(o), `${lang} ${key} {${p.name}} has form ${o}`).toBe(true);
        }
    });
  }

  it('Arabic is written in Arabic, and French is not a copy of English', () => {
    const ar = apiMessagesOf(API_CATALOGUES.ar);
    const fr = apiMessagesOf(API_CATALOGUES.fr);
    // Codes, licences and formats that read the same in every language.
    const same = ['export.dataSet.ucdp.licence', 'export.subtitle', 'measure.other', 'measure.fewerThan'];
    const latinOnly = Object.keys(ar).filter((k) => !/[\u0600-\u06FF]/.test(ar[k]!) && !same.includes(k));
    expect(latinOnly).toEqual([]);
    const copied = Object.keys(fr).filter((k) => fr[k] === en[k] && !same.includes(k));
    // Words spelled alike in both languages.
    expect(copied).toEqual(['measure.absent']);
  });

  it('marks drafted translations for review: a _reviewed list naming only real keys', () => {
    for (const lang of CATALOGUE_LANGS.filter((l) => l !== 'en')) {
      const reviewed = API_CATALOGUES[lang]._reviewed;
      expect(Array.isArray(reviewed), `${lang} _reviewed`).toBe(true);
      for (const k of reviewed as string[]) expect(k === '*' || k in en, `${lang} _reviewed ${k}`).toBe(true);
    }
  });
});
