import type { Context } from 'hono';
import { translateLabel } from '../../../indicators/index.ts';
import type { LabelKind, Lang, TranslatedLabel } from '../../../indicators/index.ts';

/** A catalogue entry with an English label (frameworks carry theirs as `shortTitle`). */
type Labelled = { id: string } & ({ label: string } | { shortTitle: string });

/** How an entry's label (and an indicator's description) was translated. */
export type Translation = TranslatedLabel & {
  en: string;
  /** An indicator's description: the language it is in, its review state, and the English. */
  description?: Omit<TranslatedLabel, 'label'> & { en: string };
};

/** An entry as served in another language: its label translated, the English kept beside it. */
export type Translated<T> = T & { translation: Translation };

/**
 * Answers a list of catalogue entries in the language of `?lang=` (English when absent): each
 * entry's label (a framework's short title) in that language where the translation has it, with a
 * `translation` object giving the language actually used, whether a native-speaking reviewer has
 * confirmed it, and the English label. An indicator's description is translated the same way
 * (`translation.description` says its language, review state and English text). English answers
 * are the entries unchanged. Ids never change.
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
      const description = kind === 'indicators' ? (e as { description?: unknown }).description : undefined;
      if (typeof description !== 'string') return { ...e, [key]: t.label, translation: { ...t, en } };
      const { label: text, ...d } = translateLabel('descriptions', e.id, description, lang);
      const translation: Translation = { ...t, en, description: { ...d, en: description } };
      // The description replaces the entry's own (a string, checked above): the spread's type cannot say so.
      return { ...e, [key]: t.label, description: text, translation } as unknown as Translated<T>;
    }),
  );
}
