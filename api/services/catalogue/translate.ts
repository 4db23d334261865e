import type { Context } from 'hono';
import { translateLabel } from '../../../indicators/index.ts';
import type { LabelKind, Lang, TranslatedLabel } from '../../../indicators/index.ts';

/** A catalogue entry with an English label (frameworks carry theirs as `shortTitle`). */
type Labelled = { id: string } & ({ label: string } | { shortTitle: string });

/** An entry as served in another language: its label translated, the English kept beside it. */
export type Translated<T> = T & { translation: TranslatedLabel & { en: string } };

/**
 * Answers a list of catalogue entries in the language of `?lang=` (English when absent): each
 * entry's label (a framework's short title) in that language where the translation has it, with a
 * `translation` object giving the language actually used, whether a native-speaking reviewer has
 * confirmed it, and the English label. English answers are the entries unchanged. Ids never change.
 */
export function inLanguage<T extends Labelled>(c: Context, kind: LabelKind, entries: readonly T[]) {
  const lang = (c.req.query('lang') || 'en') as Lang;
  c.header('Content-Language', lang);
  if (lang === 'en') return c.json(entries as T[]);
  return c.json(
    entries.map((e): Translated<T> => {
      const key = 'shortTitle' in e ? 'shortTitle' : 'label';
      const en = (e as Record<string, unknown>)[key] as string;
      const t = translateLabel(kind, e.id, en, lang);
      return { ...e, [key]: t.label, translation: { ...t, en } };
    }),
  );
}
