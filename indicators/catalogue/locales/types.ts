import type { Relevance, ScoreClass } from '../../vocabulary.ts';

/** A language the catalogue is translated into (English is the catalogue itself). */
export type CatalogueLang = 'fr' | 'ar';

/**
 * The catalogue's labels in one language: frameworks (short titles), indicator groups, exploitation
 * forms and indicators by id, the indicators' descriptions, plus the names of score classes and
 * trafficking relevance. Ids stay English. `reviewed` lists the keys (`indicators:afac.7.1`,
 * `descriptions:afac.7.1`, `classes:high`, …) a native-speaking
 * reviewer has confirmed; every other label is marked as awaiting review wherever it is served.
 */
export interface CatalogueLocale {
  lang: CatalogueLang;
  /** The language's own name, for a language picker. */
  name: string;
  dir: 'ltr' | 'rtl';
  reviewed: readonly string[];
  frameworks: Readonly<Record<string, string>>;
  groups: Readonly<Record<string, string>>;
  forms: Readonly<Record<string, string>>;
  indicators: Readonly<Record<string, string>>;
  /** Indicators' descriptions (one or two sentences, what the indicator records), by indicator id. */
  descriptions: Readonly<Record<string, string>>;
  classes: Readonly<Record<ScoreClass, string>>;
  relevance: Readonly<Record<Relevance, string>>;
}

/** The kinds of catalogue entry that carry a translated label. */
export type LabelKind = 'frameworks' | 'groups' | 'forms' | 'indicators' | 'classes' | 'relevance';

/** The translated texts of a catalogue file: the labels, and the indicators' descriptions. */
export type TextKind = LabelKind | 'descriptions';
