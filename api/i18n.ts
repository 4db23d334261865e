import type { Context } from 'hono';
import { IntlMessageFormat } from 'intl-messageformat';
import { z } from 'zod';
import { CATALOGUE_LANGS, translateLabel } from '../indicators/index.ts';
import type { LabelKind, Lang, Measurement } from '../indicators/index.ts';
import { authOf } from './middleware/auth.ts';
import ar from './locales/ar.json';
import en from './locales/en.json';
import fr from './locales/fr.json';

/**
 * The texts the API writes itself (alert reasons, explanation notes, display values, brief and
 * export metadata) in English, French and Arabic: flat `key → ICU message` catalogues in
 * `api/locales/`, in the style of the dashboard's `web/locales/`, checked by the same completeness
 * test. Catalogue labels (indicators, groups, forms, class names) come from
 * `indicators/catalogue/locales/` through {@link translateLabel}. Ids stay English everywhere.
 */
export type { Lang } from '../indicators/index.ts';

export type ApiCatalogue = Record<string, unknown>;
export const API_CATALOGUES: Readonly<Record<Lang, ApiCatalogue>> = { en, fr, ar };

/** A message's id: a key of the English catalogue, so a typo is a compile error. */
export type ApiMessageId = Exclude<keyof typeof en, `_${string}`>;

/** The messages of a catalogue, without the notes (`_note`, `_reviewed`). */
export function apiMessagesOf(cat: ApiCatalogue): Record<string, string> {
  return Object.fromEntries(
    Object.entries(cat).filter((e): e is [string, string] => !e[0].startsWith('_') && typeof e[1] === 'string'),
  );
}

const MESSAGES: Readonly<Record<Lang, Record<string, string>>> = {
  en: apiMessagesOf(en),
  fr: apiMessagesOf(fr),
  ar: apiMessagesOf(ar),
};

/** The `Intl` locale of a language: Arabic with Latin digits, as the dashboard writes it (web/README.md). */
export function intlLocale(lang: Lang): string {
  return lang === 'ar' ? 'ar-u-nu-latn' : lang;
}

const formats = new Map<string, IntlMessageFormat>();

/** The message `id` in `lang` with `values` filled in (English where the language lacks it). */
export function msg(lang: Lang, id: ApiMessageId, values?: Record<string, string | number>): string {
  const key = `${lang}|${id}`;
  let f = formats.get(key);
  if (!f) {
    const text = MESSAGES[lang][id] ?? MESSAGES.en[id]!;
    f = new IntlMessageFormat(text, intlLocale(lang));
    formats.set(key, f);
  }
  return String(f.format(values));
}

/** A number with one decimal, as the language writes it (`6.2`, `6,2`). */
export function decimal(lang: Lang, n: number, digits = 1): string {
  return new Intl.NumberFormat(intlLocale(lang), {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(n);
}

/** A month (`2017-11`) written out in the language: `November 2017`, `novembre 2017`, `نوفمبر 2017`. */
export function monthName(lang: Lang, period: string): string {
  const [y, m] = period.split('-').map(Number);
  return new Intl.DateTimeFormat(intlLocale(lang), { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(Date.UTC(y!, m! - 1, 1)),
  );
}

/** Whether `id` is a message of the catalogues (for keys made from an id, such as `class.${cls}`). */
export function hasMessage(id: string): id is ApiMessageId {
  return Object.hasOwn(MESSAGES.en, id);
}

/** A score class in words, lower case, for a sentence (`high`, `élevé`, `مرتفع`). */
export function classWords(lang: Lang, cls: string): string {
  const id = `class.${cls}`;
  return hasMessage(id) ? msg(lang, id) : cls;
}

/** A catalogue label (indicator, group, form…) in `lang`, English where it has no translation. */
export function label(lang: Lang, kind: LabelKind, id: string, english: string): string {
  return translateLabel(kind, id, english, lang).label;
}

/** The bundled catalogue's units of count and rate indicators, by their English text. */
const COUNT_UNITS: Record<string, ApiMessageId> = {
  people: 'measure.count.people',
  children: 'measure.count.children',
  incidents: 'measure.count.incidents',
  allegations: 'measure.count.allegations',
};
const RATE_UNITS: Record<string, ApiMessageId> = {
  '% of people screened': 'measure.rate.screened',
  '% of sites inspected': 'measure.rate.inspected',
};

/**
 * An observed value as the model writes it (`displayValue`), in `lang`: `severity 3 of 4`, `120
 * people`, a small count of people as `<5 people` (never the count itself). Units the translation
 * does not know (an admin-imported indicator's) stay as the catalogue writes them.
 */
export function displayIn(lang: Lang, m: Measurement, value: number, smallCount: number): string {
  const num = (n: number) => new Intl.NumberFormat(intlLocale(lang)).format(n);
  switch (m.kind) {
    case 'severity':
      return msg(lang, 'measure.severity', { value: num(value), max: num(m.max) });
    case 'binary':
      return msg(lang, value > 0 ? 'measure.present' : 'measure.absent');
    case 'rate': {
      const id = RATE_UNITS[m.unit];
      return id
        ? msg(lang, id, { value: num(value) })
        : msg(lang, 'measure.other', { value: num(value), unit: m.unit });
    }
    case 'count': {
      const small = value < smallCount;
      const count = small ? smallCount : Math.round(value);
      const id = COUNT_UNITS[m.unit];
      const amount = id ? msg(lang, id, { count }) : msg(lang, 'measure.other', { value: num(count), unit: m.unit });
      return small ? msg(lang, 'measure.fewerThan', { amount }) : amount;
    }
  }
}

/**
 * The model's English display text of a value (`severity 3 of 4`, `<5 children`, `1,200 people`,
 * `present`) in `lang`, read back by the measurement's kind: the text already has small counts
 * banded, so no count below the threshold can come back. Text it cannot read stays as it is.
 */
export function translateDisplay(lang: Lang, m: Measurement, text: string): string {
  if (lang === 'en') return text;
  const n = (s: string) => Number(s.replace(/,/g, ''));
  if (m.kind === 'severity') {
    const r = /^severity (\S+) of (\S+)$/.exec(text);
    return r ? displayIn(lang, { ...m, max: n(r[2]!) }, n(r[1]!), 0) : text;
  }
  if (m.kind === 'binary')
    return text === 'present' || text === 'absent' ? displayIn(lang, m, text === 'present' ? 1 : 0, 0) : text;
  const r = /^(<)?([\d.,]+) /.exec(text);
  if (!r) return text;
  const value = n(r[2]!);
  if (!Number.isFinite(value)) return text;
  // `<5 people`: written as the threshold with "fewer than", the count itself is not in the text.
  return r[1] ? displayIn(lang, m, 0, value) : displayIn(lang, m, value, 0);
}

/** `?lang=` on routes that write text: one of the catalogue's languages, else a 400 naming the field. */
export const LangQuerySchema = z.preprocess(
  (v) => (v === '' ? undefined : v),
  z
    .enum(CATALOGUE_LANGS, { error: `must be one of ${CATALOGUE_LANGS.join(', ')} (the languages Vigil writes)` })
    .optional(),
);

/**
 * The language a response is written in: `?lang=` when given (already checked by
 * {@link LangQuerySchema}), else the signed-in account's choice, else English. Says so in
 * `Content-Language`; an answer that followed the account varies with who asks (`Vary: Cookie,
 * Authorization`).
 */
export function responseLang(c: Context, asked: Lang | undefined): Lang {
  const account = authOf(c)?.user.language;
  const lang: Lang =
    asked ?? ((CATALOGUE_LANGS as readonly string[]).includes(account ?? '') ? (account as Lang) : 'en');
  c.header('Content-Language', lang);
  if (!asked) c.header('Vary', 'Cookie, Authorization', { append: true });
  return lang;
}

/** Names listed in a sentence as the language lists them (`A, B, C`; `A, B et C`; `A، وB، وC`). */
export function listIn(lang: Lang, items: readonly string[]): string {
  return new Intl.ListFormat(intlLocale(lang), { type: 'unit', style: 'long' }).format(items);
}

/** A share (0–1) as a whole percentage in the language's style (`45%`, `45 %`). */
export function percentIn(lang: Lang, share: number): string {
  return new Intl.NumberFormat(intlLocale(lang), { style: 'percent', maximumFractionDigits: 0 }).format(share);
}

/** Natural Earth's spellings of a kind that differ from the word we translate (`Governarate`, `Captial District`). */
const KIND_SPELLINGS: Record<string, string> = {
  governarate: 'governorate',
  'captial-district': 'capital-district',
  'automonous-region': 'autonomous-region',
  préfecture: 'prefecture',
  departamento: 'department',
};

/**
 * A region's kind (`State`, `Governorate`, `Sovereign country`: Natural Earth's `type_en`/`type`) in
 * `lang`: English as the boundary file writes it; in another language each part of a kind such as
 * `Commune|Municipality` translated from `regionKind.*`, or, for a kind the catalogue does not list,
 * the language's word for a country, first-level region or district (never the English word in a
 * French or Arabic text). Null when the region has no kind.
 */
export function regionKind(lang: Lang, kind: string | null | undefined, level: number): string | null {
  if (!kind?.trim()) return null;
  if (lang === 'en') return kind;
  const parts = kind
    .split('|')
    .map((p) => p.trim().toLowerCase().replace(/\s+/g, '-'))
    .map((p) => `regionKind.${KIND_SPELLINGS[p] ?? p}`)
    .filter(hasMessage);
  const words = [...new Set(parts.map((id) => msg(lang, id)))];
  if (words.length) return words.join(' / ');
  return msg(lang, level === 0 ? 'regionKind.any.0' : level === 1 ? 'regionKind.any.1' : 'regionKind.any.2');
}
