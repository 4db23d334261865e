import { useQueries } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { catalogueQueries } from '../queries/catalogue.ts';
import type { Language } from './languages.ts';

/**
 * Catalogue labels in the page's language, by English id: the indicators and exploitation forms as
 * `GET /api/indicators?lang=` and `GET /api/exploitation-forms?lang=` serve them (translations kept in
 * indicators/catalogue/locales/, each flagged until a native reviewer confirms it). Scores, profiles
 * and briefs carry English labels beside their ids; the views show `indicatorLabel(id, english)`, as
 * they show messages with `t()`, so code outside React (hotspot reasons, mover lists) reads them too.
 */
let indicators: ReadonlyMap<string, string> = new Map();
let forms: ReadonlyMap<string, string> = new Map();

type Labelled = readonly { id: string; label: string }[] | undefined;

/** Keeps the labels the page is drawn with (none for English: the API's labels are English). */
function setCatalogueLabels(ind: Labelled, frm: Labelled): void {
  indicators = new Map((ind ?? []).map((r) => [r.id, r.label]));
  forms = new Map((frm ?? []).map((r) => [r.id, r.label]));
}

/** An indicator's label in the page's language, or `english` when the catalogue has none for it. */
export function indicatorLabel(id: string, english: string): string {
  return indicators.get(id) ?? english;
}

/** An exploitation form's label in the page's language, or `english`. */
export function formLabel(id: string, english: string): string {
  return forms.get(id) ?? english;
}

/**
 * Loads the catalogue's labels in `lang` before drawing `children` (English needs nothing: the labels
 * the API sends are English). The language provider re-mounts the page on a change of language, so
 * this runs again with the new one. Should the catalogue not load, the page shows the English labels.
 */
export function CatalogueLabels({ lang, children }: { lang: Language; children: ReactNode }) {
  const translated = lang !== 'en';
  const [ind, frm] = useQueries({
    queries: [
      { ...catalogueQueries.indicators(lang), enabled: translated },
      { ...catalogueQueries.forms(lang), enabled: translated },
    ],
  });
  if (translated && (ind.isPending || frm.isPending)) return null;
  // Set before the children draw, as the language provider sets the language for `t()`.
  setCatalogueLabels(translated ? ind.data : undefined, translated ? frm.data : undefined);
  return children;
}
