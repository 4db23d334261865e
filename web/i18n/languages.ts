/**
 * The dashboard's languages and how one is chosen. Pure (no DOM), so the choice is unit-tested.
 * Adding a language: add its code here, its catalogue `web/locales/<code>.json` (see web/README.md).
 */
export const LANGUAGES = ['en', 'fr', 'ar'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Each language named in itself, as the picker shows it. */
export const LANGUAGE_NAMES: Readonly<Record<Language, string>> = { en: 'English', fr: 'Français', ar: 'العربية' };

const RTL: ReadonlySet<Language> = new Set<Language>(['ar']);

export function isLanguage(s: unknown): s is Language {
  return typeof s === 'string' && (LANGUAGES as readonly string[]).includes(s);
}

/** Text direction of a language. */
export function direction(lang: Language): 'ltr' | 'rtl' {
  return RTL.has(lang) ? 'rtl' : 'ltr';
}

/**
 * The BCP 47 locale given to `Intl` for a language. Arabic is written with Latin digits
 * (`-u-nu-latn`), as in the United Nations' Arabic documents on data and in the Maghreb, so that a
 * score reads the same on the map, in a table and in an export whatever the browser's default
 * (see web/README.md, "Numbers and dates").
 */
export function intlLocale(lang: Language): string {
  return lang === 'ar' ? 'ar-u-nu-latn' : lang;
}

/** The supported language of a BCP 47 tag (`fr-CA` → `fr`, `ar-IQ` → `ar`), or null. */
export function matchLanguage(tag: string | null | undefined): Language | null {
  if (!tag) return null;
  const base = tag.trim().toLowerCase().split(/[-_]/)[0];
  return isLanguage(base) ? base : null;
}

/**
 * The language to show: `?lang=` wins, then the choice kept with the account (when signed in), then
 * the one saved in this browser, then the first of the browser's languages we have (what
 * `Accept-Language` carries), else English.
 */
export function chooseLanguage(sources: {
  param?: string | null;
  account?: string | null;
  saved?: string | null;
  browser?: readonly string[];
}): Language {
  return (
    matchLanguage(sources.param) ??
    matchLanguage(sources.account) ??
    matchLanguage(sources.saved) ??
    (sources.browser ?? []).map(matchLanguage).find((l): l is Language => l !== null) ??
    'en'
  );
}
