import { describe, expect, it } from 'vitest';
import { catalogueChecks } from '../helpers/icu-catalogues.ts';
import { DATA_SET_KINDS } from '../../db/queries/exports.ts';
import { API_CATALOGUES, apiMessagesOf, hasMessage } from '../../api/i18n.ts';
import { CATALOGUE_LANGS, LENSES, SCENARIOS, SCORE_CLASSES } from '../../indicators/index.ts';

/**
 * The API's own catalogues (api/locales: alert reasons, explanation notes, display values, brief and
 * export metadata) are complete and consistent, as the dashboard's are (test/web/i18n-catalogues):
 * every English key in every language and no other, each message valid ICU with the English
 * arguments (names and kinds), plurals with `other` and only the language's forms, and the keys the
 * code builds from ids (lenses, classes, data sets, scenarios) present.
 */
const en = apiMessagesOf(API_CATALOGUES.en);

describe('API message catalogues (api/locales)', () => {
  it('English has the keys the code builds from ids', () => {
    const built = [
      ...LENSES.map((l) => `export.lens.${l}`),
      ...SCORE_CLASSES.map((c) => `class.${c}`),
      ...DATA_SET_KINDS.flatMap((k) => [`export.dataSet.${k}`, `export.dataSet.${k}.licence`]),
      ...SCENARIOS.filter((s) => s.id !== 'baseline').map((s) => `export.scenarioName.${s.id}`),
    ];
    expect(built.filter((k) => !hasMessage(k))).toEqual([]);
  });

  catalogueChecks(en, CATALOGUE_LANGS, (lang) => apiMessagesOf(API_CATALOGUES[lang]));

  it('Arabic is written in Arabic, and French is not a copy of English', () => {
    const ar = apiMessagesOf(API_CATALOGUES.ar);
    const fr = apiMessagesOf(API_CATALOGUES.fr);
    // Codes, licences and formats that read the same in every language.
    const same = ['export.dataSet.ucdp.licence', 'export.subtitle', 'measure.other', 'measure.fewerThan'];
    const latinOnly = Object.keys(ar).filter((k) => !/[\u0600-\u06FF]/.test(ar[k]!) && !same.includes(k));
    expect(latinOnly).toEqual([]);
    const copied = Object.keys(fr).filter((k) => fr[k] === en[k] && !same.includes(k));
    // Words spelled alike in both languages.
    expect(copied).toEqual([
      'measure.absent',
      'regionKind.any.2',
      'regionKind.province',
      'regionKind.district',
      'regionKind.commune',
      'regionKind.canton',
      'regionKind.division',
      'regionKind.atoll',
    ]);
  });

  it('marks drafted translations for review: a _reviewed list naming only real keys', () => {
    for (const lang of CATALOGUE_LANGS.filter((l) => l !== 'en')) {
      const reviewed = API_CATALOGUES[lang]._reviewed;
      expect(Array.isArray(reviewed), `${lang} _reviewed`).toBe(true);
      for (const k of reviewed as string[]) expect(k === '*' || k in en, `${lang} _reviewed ${k}`).toBe(true);
    }
  });
});
