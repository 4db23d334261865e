import type { ReactNode } from 'react';
import { createIntl, createIntlCache, type IntlShape } from 'react-intl';
import ar from '../locales/ar.json';
import en from '../locales/en.json';
import fr from '../locales/fr.json';
import { intlLocale, type Language } from './languages.ts';

/**
 * The message catalogues (ICU MessageFormat, through FormatJS/react-intl) and the current language.
 * Keys starting with `_` are notes for translators and reviewers (`_reviewed`), not messages.
 *
 * Components read messages with `t()`: the language provider re-mounts the page when the language
 * changes, so the module-level intl object is always the one the page is drawn with, and code outside
 * React (legend labels, export text) reads the same messages.
 */
export type Catalogue = Record<string, unknown>;
export const CATALOGUES: Readonly<Record<Language, Catalogue>> = { en, fr, ar };

/** A message's id: a key of the English catalogue, so a typo is a compile error. */
export type MessageId = Exclude<keyof typeof en, `_${string}`>;

/** The messages of a catalogue, without the reviewers' notes. */
export function messagesOf(cat: Catalogue): Record<string, string> {
  return Object.fromEntries(
    Object.entries(cat).filter((e): e is [string, string] => !e[0].startsWith('_') && typeof e[1] === 'string'),
  );
}

const cache = createIntlCache();
const intls = new Map<Language, IntlShape>();

/** The intl object of a language (made once). */
export function intlFor(lang: Language): IntlShape {
  let intl = intls.get(lang);
  if (!intl) {
    intl = createIntl(
      {
        locale: intlLocale(lang),
        messages: messagesOf(CATALOGUES[lang]),
        defaultLocale: 'en',
        onError: (e) => {
          // A missing message falls back to English (the completeness test stops that reaching main).
          if (e.code !== 'MISSING_TRANSLATION') console.error(e);
        },
      },
      cache,
    );
    intls.set(lang, intl);
  }
  return intl;
}

let current: Language = 'en';

/** The language the page is drawn in. */
export function currentLanguage(): Language {
  return current;
}

/** Sets the current language (the language provider does, before drawing). */
export function setCurrentLanguage(lang: Language): void {
  current = lang;
}

/** The current intl object (numbers, dates, lists through `Intl` in the current locale). */
export function intl(): IntlShape {
  return intlFor(current);
}

/** A message in the current language; `values` fill its ICU arguments (`{count, plural, …}`). */
export function t(id: MessageId, values?: Record<string, string | number | Date>): string {
  return intl().formatMessage({ id, defaultMessage: EN[id] }, numbersFormatted(id, values)) as string;
}

const EN = messagesOf(CATALOGUES.en);

/** Arguments printed as they are, not as quantities: identifiers, versions, codes, levels, seeds. */
const VERBATIM: ReadonlySet<string> = new Set(['id', 'seed', 'version', 'code', 'level']);
const plainArgs = new Map<string, ReadonlySet<string>>();

/**
 * `values` with each number that fills a plain argument (`{total}`) formatted through `Intl` in the
 * current language, as ICU formats `#` in a plural: FormatJS would print it with `String()`, so a
 * table said `of 4596` beside `4,590 without a score` (and `2.5` in French). Arguments of a plural,
 * select or `number` format keep their number, and {@link VERBATIM} ones are left as they are.
 */
function numbersFormatted<V>(
  id: string,
  values: Record<string, V> | undefined,
): Record<string, V | string> | undefined {
  if (!values) return values;
  const key = `${current}:${id}`;
  let plain = plainArgs.get(key);
  if (!plain) {
    const own = intl().messages[id];
    const text = typeof own === 'string' ? own : (EN[id] ?? '');
    plain = new Set([...text.matchAll(/\{\s*([A-Za-z_]\w*)\s*\}/g)].map((m) => m[1]!));
    plainArgs.set(key, plain);
  }
  let out: Record<string, V | string> | undefined;
  for (const [k, v] of Object.entries(values))
    if (typeof v === 'number' && plain.has(k) && !VERBATIM.has(k)) (out ??= { ...values })[k] = intl().formatNumber(v);
  return out ?? values;
}

/**
 * The message `id` when the catalogue has it, else `fallback`: for names the API serves in English
 * that the dashboard translates when it knows them (the bundled weighting scenarios by id).
 */
export function tOr(id: string, fallback: string): string {
  return Object.hasOwn(EN, id) ? t(id as MessageId) : fallback;
}

/** A message with markup: `values` give its tags (`<strong>…</strong>`) as functions of their content. */
export function tRich(
  id: MessageId,
  values: Record<string, ReactNode | ((chunks: ReactNode[]) => ReactNode)>,
): ReactNode {
  return intl().formatMessage({ id, defaultMessage: EN[id] }, numbersFormatted(id, values));
}

/**
 * An object whose values are messages read when used (getters), so a table of labels kept as a
 * constant (`CLASS_LABELS[c]`) answers in the current language.
 */
export function translated<K extends string>(keys: readonly K[], id: (k: K) => MessageId): Readonly<Record<K, string>> {
  const out = {} as Record<K, string>;
  for (const k of keys) Object.defineProperty(out, k, { get: () => t(id(k)), enumerable: true });
  return out;
}
