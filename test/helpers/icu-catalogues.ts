import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { expect, it } from 'vitest';

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

/**
 * The checks every message catalogue passes, the dashboard's (web/locales) and the API's
 * (api/locales), registered in the calling `describe`: for each language, exactly the English keys,
 * each message valid ICU MessageFormat with the English message's arguments (names and kinds) and
 * tags, and every plural with the `other` form ICU falls back to and only forms the language has.
 */
export function catalogueChecks<L extends string>(
  en: Readonly<Record<string, string>>,
  langs: readonly L[],
  messagesIn: (lang: L) => Readonly<Record<string, string>>,
): void {
  for (const lang of langs) {
    const cat = messagesIn(lang);

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
      const forms = new Set<string>(new Intl.PluralRules(lang).resolvedOptions().pluralCategories);
      for (const [key, text] of Object.entries(cat))
        for (const p of plurals(parse(text))) {
          expect(p.options, `${lang} ${key} {${p.name}}`).toContain('other');
          for (const o of p.options)
            expect(o.startsWith('=') || forms.has(o), `${lang} ${key} {${p.name}} has form ${o}`).toBe(true);
        }
    });
  }
}
