import { afterEach, describe, expect, it } from 'vitest';
import { chooseLanguage, direction, intlLocale, matchLanguage } from '../../web/i18n/languages.ts';
import { setCurrentLanguage, t } from '../../web/i18n/messages.ts';
import { fmtChange, fmtPct, fmtPeriod, fmtScore } from '../../web/lib/format.ts';

describe('choosing the language', () => {
  it('takes ?lang= first, then the account, then this browser, then the browser languages, else English', () => {
    const browser = ['de-DE', 'ar-IQ', 'fr'];
    expect(chooseLanguage({ param: 'fr', account: 'ar', saved: 'en', browser })).toBe('fr');
    expect(chooseLanguage({ param: null, account: 'ar', saved: 'fr', browser })).toBe('ar');
    expect(chooseLanguage({ param: 'es', account: null, saved: 'fr', browser })).toBe('fr');
    expect(chooseLanguage({ browser })).toBe('ar');
    expect(chooseLanguage({ browser: ['de', 'es-ES'] })).toBe('en');
    expect(chooseLanguage({})).toBe('en');
  });

  it('matches regional tags to their language and writes Arabic right to left with Latin digits', () => {
    expect(matchLanguage('fr-CA')).toBe('fr');
    expect(matchLanguage('AR_sd')).toBe('ar');
    expect(matchLanguage('frr')).toBeNull();
    expect(direction('ar')).toBe('rtl');
    expect(direction('fr')).toBe('ltr');
    expect(intlLocale('ar')).toBe('ar-u-nu-latn');
  });
});

describe('messages, numbers and months in the current language', () => {
  afterEach(() => setCurrentLanguage('en'));

  it('keeps English as it was', () => {
    expect(fmtPeriod('2017-12')).toBe('Dec 2017');
    expect(fmtScore(7.25)).toBe('7.3');
    expect(fmtChange(-0.44)).toBe('−0.4');
    expect(fmtChange(0.01)).toBe('0.0');
    expect(fmtPct(0.423)).toBe('42%');
    expect(t('hotspots.alike', { count: 1 })).toBe('and 1 more region at the same score from the same record');
    expect(t('hotspots.alike', { count: 3 })).toBe('and 3 more regions at the same score from the same record');
  });

  it('writes French months, decimal commas and plurals', () => {
    setCurrentLanguage('fr');
    expect(fmtPeriod('2017-12')).toBe('déc. 2017');
    expect(fmtScore(7.25)).toBe('7,3');
    expect(fmtChange(1.2)).toBe('+1,2');
    expect(t('map.hotspots')).toBe('Points chauds');
    expect(t('evidence.records', { count: 2 })).toBe('2 relevés');
  });

  it('writes Arabic month names with Latin digits and the Arabic plural forms', () => {
    setCurrentLanguage('ar');
    expect(fmtPeriod('2017-12')).toBe('ديسمبر 2017');
    expect(fmtScore(7.25)).toBe('7.3');
    // A left-to-right mark keeps the sign in front of the number in a right-to-left line.
    expect(fmtChange(-0.44)).toBe('\u200E−0.4');
    expect(fmtChange(0.01)).toBe('0.0');
    expect(t('evidence.records', { count: 1 })).toBe('سجل واحد');
    expect(t('evidence.records', { count: 2 })).toBe('سجلان');
    expect(t('evidence.records', { count: 3 })).toBe('3 سجلات');
    expect(t('evidence.records', { count: 11 })).toBe('11 سجلًا');
  });
});
