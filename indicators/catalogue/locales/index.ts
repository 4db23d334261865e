import { ar } from './ar.ts';
import { fr } from './fr.ts';
import type { CatalogueLang, CatalogueLocale, TextKind } from './types.ts';

export type { CatalogueLang, CatalogueLocale, LabelKind, TextKind } from './types.ts';

/** Languages the catalogue is served in; English (`en`) is the catalogue's own language and its ids. */
export const CATALOGUE_LANGS = ['en', 'fr', 'ar'] as const;
export type Lang = (typeof CATALOGUE_LANGS)[number];

/** The translated catalogues, by language. Adding a language is adding one file here (see docs/glossary.md). */
export const CATALOGUE_LOCALES: Readonly<Record<CatalogueLang, CatalogueLocale>> = { fr, ar };

/** Whether a translated label has been confirmed by a native-speaking reviewer. */
export type TranslationReview = 'reviewed' | 'needs-review';

/** A label in the language asked for, or the English one where no translation exists. */
export interface TranslatedLabel {
  label: string;
  /** The language `label` is in: the one asked for, or `en` where the entry is not translated. */
  lang: Lang;
  /** For a translated label: confirmed by a native reviewer or not yet. */
  review?: TranslationReview;
}

/**
 * The label of one catalogue entry in `lang` (or, for `descriptions`, an indicator's description),
 * falling back to `english` for English or for an entry the translation does not have (an
 * admin-imported indicator, say), so a label is never empty.
 */
export function translateLabel(kind: TextKind, id: string, english: string, lang: Lang): TranslatedLabel {
  if (lang === 'en') return { label: english, lang };
  const locale = CATALOGUE_LOCALES[lang];
  const label = (locale[kind] as Readonly<Record<string, string>>)[id];
  if (!label) return { label: english, lang: 'en' };
  return { label, lang, review: locale.reviewed.includes(`${kind}:${id}`) ? 'reviewed' : 'needs-review' };
}
