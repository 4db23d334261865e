import { afterEach, describe, expect, it } from 'vitest';
import { setCurrentLanguage, t } from '../../web/i18n/messages.ts';
import type { Language } from '../../web/i18n/languages.ts';

/** Numbers in messages go through Intl in every language, whether an argument is plain (`{total}`) or a plural's `#`. */
afterEach(() => setCurrentLanguage('en'));

const grouped: Record<Language, { total: string; missing: string }> = {
  en: { total: '4,596', missing: '4,590' },
  fr: { total: '4\u202f596', missing: '4\u202f590' },
  // Arabic keeps Latin digits (intlLocale: ar-u-nu-latn) and groups them as the plural does.
  ar: { total: '4,596', missing: '4,590' },
};

describe('numbers in messages', () => {
  for (const lang of ['en', 'fr', 'ar'] as const)
    it(`${lang}: the ranking table's summary groups its total as its plural groups the missing count`, () => {
      setCurrentLanguage(lang);
      const shown = t('table.shown', { first: 1, last: 50, total: 4596, level: 'other' });
      const missing = t('table.missing', { missing: 4590 });
      expect(shown).toContain(grouped[lang].total);
      expect(shown).not.toContain('4596');
      expect(missing).toContain(grouped[lang].missing);
      expect(`${shown}${missing}`).not.toMatch(/[\u0660-\u0669]/);
    });

  it('writes decimals in the language (comma in French) and leaves ids, versions and seeds as they are', () => {
    setCurrentLanguage('fr');
    expect(t('export.saved', { name: 'a.png', kb: 1234.5, ms: 7 })).toContain('1\u202f234,5');
    expect(t('import.applied', { id: 12345 })).toContain('12345');
    expect(t('catalogue.import.importAs', { version: 20261 })).toContain('20261');
  });
});
