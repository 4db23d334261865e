import { useId } from 'react';
import { LANGUAGE_NAMES, LANGUAGES, isLanguage } from './languages.ts';
import { useLanguage } from './language-provider.tsx';
import { CATALOGUES, t } from './messages.ts';

/** Whether a catalogue still awaits a native speaker's review (its `_reviewed` does not hold `*`). */
export function awaitsReview(lang: keyof typeof CATALOGUES): boolean {
  const reviewed = CATALOGUES[lang]._reviewed;
  return lang !== 'en' && !(Array.isArray(reviewed) && reviewed.includes('*'));
}

/** The header's language picker: each language named in itself. */
export function LanguagePicker() {
  const { lang, setLanguage } = useLanguage();
  const id = useId();
  return (
    <div className="language-picker">
      <label htmlFor={id} className="sr-only">
        {t('language.label')}
      </label>
      <select
        id={id}
        data-testid="language-picker"
        value={lang}
        title={awaitsReview(lang) ? t('language.draft') : undefined}
        onChange={(e) => isLanguage(e.target.value) && setLanguage(e.target.value)}
      >
        {LANGUAGES.map((l) => (
          <option key={l} value={l} lang={l}>
            {LANGUAGE_NAMES[l]}
          </option>
        ))}
      </select>
    </div>
  );
}
