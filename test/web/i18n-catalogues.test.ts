import { describe, expect, it } from 'vitest';
import { catalogueChecks } from '../helpers/icu-catalogues.ts';
import { LANGUAGES } from '../../web/i18n/languages.ts';
import { CATALOGUES, messagesOf } from '../../web/i18n/messages.ts';

/**
 * The message catalogues are complete and consistent: every key in every language, each message valid
 * ICU MessageFormat using the same arguments (names and kinds) and tags as the English one, and every
 * plural with the `other` form ICU falls back to.
 */
const en = messagesOf(CATALOGUES.en);

describe('message catalogues (web/locales)', () => {
  it('English has the messages the views use', () => {
    expect(Object.keys(en).length).toBeGreaterThan(100);
  });

  catalogueChecks(en, LANGUAGES, (lang) => messagesOf(CATALOGUES[lang]));

  it('marks drafted translations for review: each has a _reviewed list naming only real keys', () => {
    for (const lang of LANGUAGES.filter((l) => l !== 'en')) {
      const reviewed = CATALOGUES[lang]._reviewed;
      expect(Array.isArray(reviewed), `${lang} _reviewed`).toBe(true);
      for (const k of reviewed as string[]) expect(k === '*' || k in en, `${lang} _reviewed ${k}`).toBe(true);
    }
  });
});
