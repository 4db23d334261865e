import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../web/i18n/languages.ts';
import { CATALOGUES, messagesOf } from '../../web/i18n/messages.ts';

/**
 * The message catalogues are complete and consistent: every key in every language, each message valid
 * ICU MessageFormat using the same arguments (names and kinds) and tags as the English one, and every
 * plural with the `other` form ICU falls back to.
 */
const en = messagesOf(CATALOGUES.en);

/** `name:kind` of every argument and `<tag>` of every tag in a message, nested ones included. */
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

describe('message catalogues (web/locales)', () => {
  it('English has the messages the views use', () => {
    expect(Object.keys(en).length).toBeGreaterThan(100);
  });

  for (const lang of LANGUAGES) {
    const cat = messagesOf(CATALOGUES[lang]);

    it(`${lang}: has exactly the English keys`, () => {
      const missing = Object.keys(en).filter((k) => !(k in cat));
      const extra = Object.keys(cat).filter((k) => !(k in en));
      expect({ missing, extra }).toEqual({ missing: [], extra: [] });
    });

    it(`${lang}: every message is valid ICU with the English arguments and tags`, () => {
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
      const rules = new Intl.PluralRules(lang);
      const forms = new Set<string>(rules.resolvedOptions().pluralCategories);
      for (const [key, text] of Object.entries(cat))
        for (const p of plurals(parse(text))) {
          expect(p.options, `${lang} ${key} {${p.name}}`).toContain('other');
          for (const o of p.options)
            expect(o.startsWith('=') || forms.has(o), `${lang} ${key} {${p.name}} has form ${o}`).toBe(true);
        }
    });
  }

  it('marks drafted translations for review: each has a _reviewed list naming only real keys', () => {
    for (const lang of LANGUAGES.filter((l) => l !== 'en')) {
      const reviewed = CATALOGUES[lang]._reviewed;
      expect(Array.isArray(reviewed), `${lang} _reviewed`).toBe(true);
      for (const k of reviewed as string[]) expect(k === '*' || k in en, `${lang} _reviewed ${k}`).toBe(true);
    }
  });
});
