import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alertReason, writeAlertReason } from '../../api/services/alerts/alerts.ts';
import { msg, regionKind, translateDisplay, type ApiMessageId } from '../../api/i18n.ts';
import { IMPORT_PROFILES } from '../../api/services/imports/profiles/index.ts';
import { CATALOGUE_LOCALES } from '../../indicators/catalogue/locales/index.ts';
import { newDirectSignals, scoreAlerts, type AlertScore } from '../../indicators/model/alerts.ts';
import { MODEL_CONFIG } from '../../indicators/model/config.ts';
import { prepareLens } from '../../indicators/model/lens.ts';
import type { ModelObservation } from '../../indicators/types.ts';
import { createCatalogue, createIndicator } from '../fixtures/catalogue.ts';
import { startApp, type TestApp } from '../helpers/app.ts';
import { createUserAndLogin } from '../helpers/auth.ts';

/**
 * Texts the API writes (issue 20, item 4): alert reasons, explanation notes and display values, brief
 * and export metadata in `?lang=` or the account's language, English by default; ids stay English.
 */
const ARABIC = /[\u0600-\u06FF]/;
const LATIN_WORD = /[A-Za-z]{2,}/;
const EASTERN_DIGITS = /[\u0660-\u0669\u06F0-\u06F9]/;

const row = (region: string, period: string, score: number, cls: string): AlertScore => ({
  region,
  level: 1,
  period,
  score,
  class: cls,
});

/** The alerts of the model's own tests: a class crossing, a first class, a sharp rise, new signs. */
function sampleAlerts() {
  const catalogue = createCatalogue([
    createIndicator({ id: 'tip.debt-bondage', label: 'Migrants and displaced people held by debt', weight: 2 }),
    createIndicator({
      id: 'tip.children-in-attacks',
      label: 'Children used in attacks',
      measurement: { kind: 'count', saturation: 100, unit: 'children' },
    }),
  ]);
  const lens = prepareLens(catalogue, 'tip', {}, MODEL_CONFIG);
  const o = (id: number, indicatorId: string, value: number): ModelObservation => ({
    id,
    regionCode: 'AA-1',
    indicatorId,
    period: '2016-07',
    value,
    confidence: 'high',
    source: `cite:${id}`,
    inherited: false,
  });
  const signals = newDirectSignals(
    [o(1, 'tip.debt-bondage', 3), o(2, 'tip.children-in-attacks', 3)],
    '2016-07',
    lens,
    new Map(),
  );
  const history = ['2016-01', '2016-02', '2016-03', '2016-04', '2016-05', '2016-06'];
  return scoreAlerts({
    period: '2016-07',
    lens: 'tip',
    config: MODEL_CONFIG,
    signals,
    scores: [
      row('AA-1', '2016-07', 7, 'high'),
      row('UP', '2016-06', 5.5, 'medium'),
      row('UP', '2016-07', 6.5, 'high'),
      row('NEW', '2016-07', 9, 'very-high'),
      ...history.map((p) => row('RISE', p, 6, 'high')),
      row('RISE', '2016-07', 8.5, 'very-high'),
    ],
  });
}

describe('alert reasons from the catalogue', () => {
  const alerts = sampleAlerts();
  const reason = (region: string, kind: string, lang: 'en' | 'fr' | 'ar') =>
    alertReason(
      alerts.find((a) => a.region === region && a.kind === kind)!,
      lang,
    );

  it('write in English exactly what the model writes (the English catalogue is the model’s wording)', () => {
    expect(new Set(alerts.map((a) => a.kind))).toEqual(new Set(['class-up', 'sharp-rise', 'new-direct-indicator']));
    for (const a of alerts) expect(writeAlertReason(a, 'en')).toBe(a.reason);
  });

  it('write French and Arabic with their class names, decimals and the indicator’s translated label', () => {
    expect(reason('UP', 'class-up', 'fr')).toBe('Passé d’un risque moyen à un risque élevé (5,5 → 6,5).');
    expect(reason('NEW', 'class-up', 'fr')).toBe('A atteint un risque très élevé (9,0) sans classe le mois précédent.');
    expect(reason('RISE', 'sharp-rise', 'fr')).toBe(
      'Hausse de 2,5 points au-dessus de sa propre moyenne sur 6 mois (6,0 → 8,5).',
    );
    expect(reason('UP', 'class-up', 'ar')).toBe('ارتفع الخطر من متوسط إلى مرتفع (من 5.5 إلى 6.5).');
    // The first new sign is the count of children (ids sort): a small count stays banded.
    const label = CATALOGUE_LOCALES.ar.indicators['tip.children-in-attacks'];
    expect(reason('AA-1', 'new-direct-indicator', 'ar')).toBe(
      `علامة مباشرة جديدة على الاتجار: ${label} (أقل من 5 أطفال) وعلامة مباشرة أخرى.`,
    );
    const fr = reason('AA-1', 'new-direct-indicator', 'fr');
    expect(fr).toMatch(/^Nouveau signe direct de traite : enfants .*\(<5 enfants\) et 1 autre signe direct\.$/);
    expect(fr).not.toContain('3');
  });

  it('read display values back in the language, never undoing the small-count band', () => {
    const count = { kind: 'count', saturation: 1000, unit: 'people' } as const;
    expect(translateDisplay('fr', { kind: 'severity', max: 4 }, 'severity 3 of 4')).toBe('gravité 3 sur 4');
    expect(translateDisplay('ar', count, '<5 people')).toBe('أقل من 5 أشخاص');
    expect(translateDisplay('fr', count, '1,200 people')).toMatch(/^1\s200 personnes$/u);
    expect(translateDisplay('ar', count, '1,200 people')).toBe('1,200 شخص');
    expect(translateDisplay('ar', { kind: 'binary' }, 'present')).toBe('موجود');
    expect(translateDisplay('fr', { kind: 'count', saturation: 9, unit: 'goats' }, '12 goats')).toBe('12 goats');
  });
});

describe('?lang= on the API', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(() => app?.close());

  type Alert = { region: string; kind: string; reason: string };
  const alertsIn = async (query: string, init?: RequestInit) => {
    const res = await app.request(`/api/alerts?period=2014-08&lens=tip${query}`, init);
    expect(res.status).toBe(200);
    return { lang: res.headers.get('content-language'), alerts: (await res.json()) as Alert[] };
  };

  it('writes alert reasons in English by default, in French and Arabic when asked; the alerts are the same', async () => {
    const en = await alertsIn('');
    const fr = await alertsIn('&lang=fr');
    const ar = await alertsIn('&lang=ar');
    expect([en.lang, fr.lang, ar.lang]).toEqual(['en', 'fr', 'ar']);
    expect(en.alerts.length).toBeGreaterThan(0);
    const ids = (l: Alert[]) => l.map((a) => `${a.region}|${a.kind}`);
    expect(ids(fr.alerts)).toEqual(ids(en.alerts));
    expect(ids(ar.alerts)).toEqual(ids(en.alerts));
    for (const a of en.alerts) expect(a.reason).toMatch(/^(New direct sign|Reached|Moved up|Rose) /);
    for (const a of fr.alerts)
      expect(a.reason).toMatch(/^(Nouveau signe direct de traite|A atteint|Passé d’un|Hausse) /);
    for (const a of ar.alerts) {
      expect(a.reason).toMatch(ARABIC);
      expect(a.reason, a.reason).not.toMatch(LATIN_WORD);
      expect(a.reason).not.toMatch(EASTERN_DIGITS);
    }
  });

  it('follows the signed-in account’s language when ?lang= is absent, and ?lang= wins over it', async () => {
    const user = await createUserAndLogin(app, 'viewer');
    const patch = await app.request('/api/auth/me', {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/json', ...user.bearer },
      body: JSON.stringify({ language: 'ar' }),
    });
    expect(patch.status).toBe(200);
    const mine = await alertsIn('', { headers: user.bearer });
    expect(mine.lang).toBe('ar');
    expect(mine.alerts[0]!.reason).toMatch(ARABIC);
    const asked = await alertsIn('&lang=fr', { headers: user.bearer });
    expect(asked.lang).toBe('fr');
    expect(asked.alerts[0]!.reason).not.toMatch(ARABIC);
    const res = await app.request('/api/alerts?period=2014-08&lens=tip', { headers: user.bearer });
    expect(res.headers.get('vary')).toMatch(/Cookie/);
  });

  it('refuses a language it does not write, naming the field', async () => {
    for (const path of [
      '/api/alerts?lang=es',
      '/api/regions/IQ-NI/alerts?lang=es',
      '/api/regions/IQ-NI/explain?lang=es',
      '/api/export/brief?region=IQ-NI&lang=es',
      '/api/export/metadata?lang=es',
    ]) {
      const res = await app.request(path);
      expect(res.status, path).toBe(400);
      const body = (await res.json()) as { error: { fields: { field: string; message: string }[] } };
      expect(
        body.error.fields.map((f) => f.field),
        path,
      ).toEqual(['lang']);
      expect(body.error.fields[0]!.message).toMatch(/en, fr, ar/);
    }
  });

  type Brief = {
    metadata: Record<string, string | null> & { dataSets: { name: string }[] };
    notes: string[];
    drivers: { indicatorId: string; label: string; value: string }[];
    forms: { form: string; label: string }[];
    gaps: { riskFactorsMissing: string[] };
  };
  const brief = async (lang?: string) => {
    const res = await app.request(
      `/api/export/brief?region=IQ-NI&period=2014-08&lens=tip${lang ? `&lang=${lang}` : ''}`,
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-language')).toBe(lang ?? 'en');
    return (await res.json()) as Brief;
  };

  it('writes the region brief’s metadata, labels and notes in the language; ids stay English', async () => {
    const en = await brief();
    const fr = await brief('fr');
    const ar = await brief('ar');
    expect(en.metadata.title).toMatch(/^Region brief: .* · August 2014$/);
    expect(en.metadata.lensLabel).toBe('Trafficking lens');
    expect(fr.metadata.title).toMatch(/^Note sur une région : .* · août 2014$/);
    expect(fr.metadata.lensLabel).toBe('Prisme de la traite');
    expect(fr.metadata.sourceLine).toMatch(/^Sources : /);
    expect(fr.metadata.disclaimer).toMatch(/^Les frontières/);
    expect(ar.metadata.title).toMatch(/^موجز عن منطقة: .* · أغسطس 2014$/);
    for (const k of ['lensLabel', 'periodLabel', 'levelLabel', 'scenarioLabel', 'subtitle', 'disclaimer', 'notice'])
      expect(ar.metadata[k], k).toMatch(ARABIC);
    expect(ar.metadata.dataSets[0]!.name).toMatch(ARABIC);
    // The same drivers, by id, with the catalogue's labels in the language and values in its words.
    expect(fr.drivers.map((d) => d.indicatorId)).toEqual(en.drivers.map((d) => d.indicatorId));
    expect(en.drivers.length).toBeGreaterThan(0);
    for (const d of ar.drivers) {
      expect(d.label).toBe(CATALOGUE_LOCALES.ar.indicators[d.indicatorId]);
      expect(d.value, d.value).toMatch(ARABIC);
      expect(d.value).not.toMatch(LATIN_WORD);
    }
    for (const f of fr.forms) expect(f.label).toBe(CATALOGUE_LOCALES.fr.forms[f.form]);
    expect(ar.gaps.riskFactorsMissing.every((g) => ARABIC.test(g))).toBe(true);
    // A country's brief notes that it is shown at its highest region's score.
    const country = async (lang: string) =>
      ((await (await app.request(`/api/export/brief?region=IRQ&period=2014-08&lens=tip&lang=${lang}`)).json()) as Brief)
        .notes;
    expect(await country('en')).toEqual([
      "Iraq is shown at the score of its highest-scoring region, Nineveh (IQ-NI); the contributions below are that region's.",
    ]);
    expect(await country('fr')).toEqual([
      'Iraq reçoit le score de sa région la plus élevée, Nineveh (IQ-NI) ; les contributions ci-dessous sont celles de cette région.',
    ]);
    const [note] = await country('ar');
    expect(note).toMatch(/^تُعرض Iraq بدرجة أعلى مناطقها درجةً، Nineveh \(IQ-NI\)؛/);
  });

  it('writes the export metadata and an explanation’s notes and values in the language', async () => {
    const res = await app.request('/api/export/metadata?period=2014-08&lens=tip&level=1&lang=fr');
    expect(res.headers.get('content-language')).toBe('fr');
    const m = (await res.json()) as Record<string, string>;
    expect(m.title).toBe('Risque de traite des personnes en situation de conflit · août 2014');
    expect(m.subtitle).toBe('Prisme de la traite · Régions de premier niveau · Pondération de référence · score 0–10');
    const en = (await (await app.request('/api/export/metadata?period=2014-08&lens=tip&level=1')).json()) as Record<
      string,
      string
    >;
    expect(en.title).toBe('Risk of trafficking in persons in conflict · August 2014');

    type Explained = { notes: string[]; contributions: { observed: boolean; display: string | null; label: string }[] };
    const ex = (await (
      await app.request('/api/regions/IQ-NI/explain?period=2014-08&lens=tip&lang=ar')
    ).json()) as Explained;
    const observed = ex.contributions.filter((c) => c.observed);
    expect(observed.length).toBeGreaterThan(0);
    for (const c of observed) {
      expect(c.label).toMatch(ARABIC);
      expect(c.display, c.display!).toMatch(ARABIC);
    }
  });

  it('writes a region’s kind in the language, in the brief and the region’s profile (issue 20: "State في Nigeria")', async () => {
    type R = { region: { kind: string | null } };
    const kindIn = async (code: string, lang: string) =>
      ((await (await app.request(`/api/export/brief?region=${code}&period=2014-08&lens=tip&lang=${lang}`)).json()) as R)
        .region.kind;
    // Natural Earth's kinds: Yemen's governorates, Nigeria's states, Libya's "Municipality|Governarate".
    expect(await kindIn('YE-TA', 'en')).toBe('Governorate');
    expect(await kindIn('YE-TA', 'fr')).toBe('Gouvernorat');
    expect(await kindIn('YE-TA', 'ar')).toBe('محافظة');
    expect(await kindIn('NG-BO', 'ar')).toBe('ولاية');
    expect(await kindIn('NG-BO', 'fr')).toBe('État');
    expect(await kindIn('LY-BA', 'ar')).toBe('بلدية / محافظة');
    const profile = await app.request('/api/regions/NG-BO?lang=ar');
    expect(profile.headers.get('content-language')).toBe('ar');
    expect(((await profile.json()) as { kind: string }).kind).toBe('ولاية');
    expect(((await (await app.request('/api/regions/NG-BO')).json()) as { kind: string }).kind).toBe('State');
    const bad = await app.request('/api/regions/IQ-NI?lang=es');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { fields: { field: string }[] } }).error.fields.map((f) => f.field)).toEqual(
      ['lang'],
    );
  });

  type Profile = {
    monitoringGaps: { kind: string; text: string }[];
    drivers: { label: string; value: string }[];
    dataGaps: { riskFactors: { label: string }[] };
    metadata: { title: string; lensLabel: string };
  };
  const areaProfile = async (lang: string | null) => {
    const res = await app.request(`/api/areas/profile${lang ? `?lang=${lang}` : ''}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ regions: ['IQ-NI', 'IQ-DA', 'IQ-AN', 'IQ-BA'], from: '2016-01', to: '2016-12' }),
    });
    return { status: res.status, lang: res.headers.get('content-language'), body: (await res.json()) as Profile };
  };

  it('writes the area profile’s monitoring gaps, title, labels and values in the language', async () => {
    const en = await areaProfile(null);
    const fr = await areaProfile('fr');
    const ar = await areaProfile('ar');
    expect([en.status, fr.status, ar.status]).toEqual([200, 200, 200]);
    expect([en.lang, fr.lang, ar.lang]).toEqual(['en', 'fr', 'ar']);
    const kinds = (p: Profile) => p.monitoringGaps.map((g) => g.kind);
    expect(kinds(fr.body)).toEqual(kinds(en.body));
    expect(kinds(ar.body)).toEqual(kinds(en.body));
    expect(kinds(en.body)).toContain('risk-factor');
    const gap = (p: Profile, kind: string) => p.monitoringGaps.find((g) => g.kind === kind)!.text;
    expect(gap(en.body, 'risk-factor')).toMatch(
      /^No evidence anywhere in the area for \d+ of the lens's \d+ risk factors: /,
    );
    expect(gap(fr.body, 'risk-factor')).toMatch(
      /^Aucun élément dans toute la zone pour \d+ des \d+ facteurs de risque du prisme : /,
    );
    // The missing risk factors are named with the catalogue's labels in the language.
    for (const f of fr.body.dataGaps.riskFactors.slice(0, 3)) expect(f.label).toMatch(/[a-zé]/);
    for (const g of ar.body.monitoringGaps) {
      expect(g.text, g.text).toMatch(ARABIC);
      // Region names come from the boundary data (Latin script); everything else is Arabic.
      const names = [
        'Nineveh',
        'Dihok',
        'Duhok',
        'Dahuk',
        'Al-Anbar',
        'Al Anbar',
        'Anbar',
        'Basrah',
        'Al-Basrah',
        'Basra',
      ];
      const rest = names.reduce((t, n) => t.replaceAll(n, ''), g.text);
      expect(rest, g.text).not.toMatch(LATIN_WORD);
    }
    expect(fr.body.metadata.title).toMatch(/^Note sur une zone : .* · janvier 2016 – décembre 2016$/);
    expect(ar.body.metadata.title).toMatch(ARABIC);
    expect(en.body.metadata.title).toMatch(/^Area brief: .* · January 2016 – December 2016$/);
    expect(fr.body.metadata.lensLabel).toBe('Prisme de la traite');
    for (const d of ar.body.drivers) {
      expect(d.label, d.label).toMatch(ARABIC);
      expect(d.value, d.value).toMatch(ARABIC);
    }
    const bad = await areaProfile('de');
    expect(bad.status).toBe(400);
  });
});

describe('region kinds', () => {
  it('stay as the boundary file writes them in English, are translated part by part, and never fall back to English', () => {
    expect(regionKind('en', 'Commune|Municipality', 1)).toBe('Commune|Municipality');
    expect(regionKind('fr', 'Commune|Municipality', 1)).toBe('Commune / Municipalité');
    expect(regionKind('ar', 'Commune|Municipality', 1)).toBe('بلدية');
    expect(regionKind('ar', 'Municipality|Governarate', 1)).toBe('بلدية / محافظة');
    expect(regionKind('fr', 'Sovereign country', 0)).toBe('Pays souverain');
    expect(regionKind('fr', 'Special self-governing city', 1)).toBe('Région de premier niveau');
    expect(regionKind('ar', 'Highly Urbanized City', 2)).toBe('مديرية');
    expect(regionKind('ar', '', 1)).toBeNull();
    expect(regionKind('ar', null, 1)).toBeNull();
  });
});

describe('indicator descriptions', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(() => app?.close());

  type Indicator = {
    id: string;
    label: string;
    description: string;
    translation?: { lang: string; description?: { lang: string; review?: string; en: string } };
  };
  const indicators = async (lang?: string) => {
    const res = await app.request(`/api/indicators${lang ? `?lang=${lang}` : ''}`);
    expect(res.status).toBe(200);
    return (await res.json()) as Indicator[];
  };

  it('are served in French and Arabic with ?lang=, marked as awaiting a native reviewer, the English beside them', async () => {
    const en = await indicators();
    const fr = await indicators('fr');
    const ar = await indicators('ar');
    expect(en.length).toBeGreaterThanOrEqual(120);
    expect(fr.map((i) => i.id)).toEqual(en.map((i) => i.id));
    for (const [k, i] of fr.entries()) {
      expect(i.description, i.id).toBe(CATALOGUE_LOCALES.fr.descriptions[i.id]);
      expect(i.description, i.id).not.toBe(en[k]!.description);
      expect(i.translation?.description, i.id).toEqual({ lang: 'fr', review: 'needs-review', en: en[k]!.description });
    }
    for (const [k, i] of ar.entries()) {
      expect(i.description, i.id).toMatch(ARABIC);
      expect(i.description).not.toMatch(EASTERN_DIGITS);
      expect(i.translation?.description?.en, i.id).toBe(en[k]!.description);
    }
    expect(fr.find((i) => i.id === 'tip.debt-bondage')!.description).toMatch(
      /^Personnes qui remboursent par leur travail/,
    );
    // English answers are the catalogue unchanged, without a translation member.
    expect(en.every((i) => i.translation === undefined)).toBe(true);
    const bad = await app.request('/api/indicators?lang=xx');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { fields: { field: string }[] } }).error.fields.map((f) => f.field)).toEqual(
      ['lang'],
    );
  });
});

describe('score downloads in a language', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(() => app?.close());

  const lines = async (path: string) => {
    const res = await app.request(path);
    expect(res.status, path).toBe(200);
    return { lang: res.headers.get('content-language'), rows: (await res.text()).replace(/^\uFEFF/, '').split('\r\n') };
  };

  it('writes the CSV header row in the language asked, keeping the HXL hashtag row and every cell', async () => {
    const q = 'period=2014-08&lens=tip&level=1';
    const en = await lines(`/api/export/scores.hxl.csv?${q}`);
    const fr = await lines(`/api/export/scores.hxl.csv?${q}&lang=fr`);
    const ar = await lines(`/api/export/scores.csv?${q}&format=hxl&lang=ar`);
    expect(en.rows[0]!.split(',').slice(0, 3)).toEqual(['region', 'name', 'country']);
    expect(fr.rows[0]!.split(',').slice(0, 3)).toEqual(['Code de la région', 'Nom', 'Pays (code)']);
    expect(fr.lang).toBe('fr');
    const arHead = ar.rows[0]!.split(',');
    expect(arHead).toHaveLength(en.rows[0]!.split(',').length);
    for (const h of arHead) expect(h, h).toMatch(ARABIC);
    // The hashtag row and the data are the same bytes in every language.
    expect(fr.rows.slice(1)).toEqual(en.rows.slice(1));
    expect(ar.rows.slice(1)).toEqual(en.rows.slice(1));
    expect(en.rows[1]).toMatch(/^#adm1\+code,/);
    // Without ?lang=, the file is English whoever asks (a script reading columns by name keeps working).
    const user = await createUserAndLogin(app, 'viewer');
    await app.request('/api/auth/me', {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/json', ...user.bearer },
      body: JSON.stringify({ language: 'fr' }),
    });
    const mine = await app.request(`/api/export/scores.csv?${q}`, { headers: user.bearer });
    expect((await mine.text()).replace(/^\uFEFF/, '').split('\r\n')[0]).toBe(en.rows[0]);
  });

  it('writes the GeoJSON metadata’s texts in the language asked; properties keep their keys', async () => {
    type Fc = { metadata: Record<string, unknown>; features: { properties: Record<string, unknown> }[] };
    const get = async (lang: string) =>
      (await (await app.request(`/api/export/scores.geojson?period=2014-08&lens=tip&level=0${lang}`)).json()) as Fc;
    const en = await get('');
    const ar = await get('&lang=ar');
    const fr = await get('&lang=fr');
    expect(en.metadata.title).toBe('Risk of trafficking in persons in conflict · August 2014');
    expect(fr.metadata.title).toBe('Risque de traite des personnes en situation de conflit · août 2014');
    for (const k of ['title', 'subtitle', 'lensLabel', 'levelLabel', 'scenarioLabel', 'sourceLine', 'disclaimer'])
      expect(ar.metadata[k], k).toMatch(ARABIC);
    expect(Object.keys(ar.features[0]!.properties)).toEqual(Object.keys(en.features[0]!.properties));
    const bad = await app.request('/api/export/scores.geojson?lang=es');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { fields: { field: string }[] } }).error.fields.map((f) => f.field)).toEqual(
      ['lang'],
    );
  });
});

describe('import profiles in a language', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(() => app?.close());

  type Profile = { name: string; title: string; description: string; licence: string; sourceKey: string | null };
  const profiles = async (lang?: string) => {
    const res = await app.request(`/api/import-profiles${lang ? `?lang=${lang}` : ''}`);
    return { status: res.status, lang: res.headers.get('content-language'), body: (await res.json()) as Profile[] };
  };

  it('the English catalogue holds each profile’s own title, description and licence (they cannot drift apart)', () => {
    for (const p of IMPORT_PROFILES)
      for (const what of ['title', 'description', 'licence'] as const)
        expect(msg('en', `importProfile.${p.name}.${what}` as ApiMessageId), `${p.name} ${what}`).toBe(p[what]);
  });

  it('lists the profiles’ titles, descriptions and licences in French and Arabic; names and source keys stay', async () => {
    const en = await profiles();
    const fr = await profiles('fr');
    const ar = await profiles('ar');
    expect([en.status, fr.status, ar.status]).toEqual([200, 200, 200]);
    expect([fr.lang, ar.lang]).toEqual(['fr', 'ar']);
    expect(fr.body.map((p) => [p.name, p.sourceKey])).toEqual(en.body.map((p) => [p.name, p.sourceKey]));
    expect(ar.body.map((p) => p.name)).toEqual(en.body.map((p) => p.name));
    for (const [k, p] of fr.body.entries())
      for (const what of ['title', 'description', 'licence'] as const)
        expect(p[what], `${p.name} ${what}`).not.toBe(en.body[k]![what]);
    for (const p of ar.body)
      for (const what of ['title', 'description', 'licence'] as const) expect(p[what]).toMatch(ARABIC);
    expect(fr.body.find((p) => p.name === 'generic')!.title).toBe('Observations (CSV ou HXL)');
    expect((await profiles('es')).status).toBe(400);
  });
});

describe('import row errors in a language', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(() => app?.close());

  type Rejection = { row: number; column: string; reason: string; code?: string };
  type Envelope = {
    error: { code: string; message: string; fields: { field: string; message: string }[] };
    report: { rowsRejected: Rejection[] };
  };
  const csv = [
    'region,indicator,period,value,confidence,source',
    'Atlantis,tip.debt-bondage,2016-03,2,high,Report A',
    'IQ-NI,tip.debt-bondage,2016/03,2,high,Report A',
    'IQ-NI,tip.debt-bondage,2016-03,two,sure,Report A',
    'IQ-NI,tip.debt-bondage,2016-03,2,high,',
  ].join('\n');
  const upload = async (lang: string | null) => {
    const analyst = await createUserAndLogin(app, 'analyst');
    const res = await app.request(`/api/imports?dryRun=false${lang ? `&lang=${lang}` : ''}`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/csv', ...analyst.bearer },
      body: csv,
    });
    expect(res.status).toBe(422);
    return (await res.json()) as Envelope;
  };

  it('keeps each rejected row’s code and field, and writes its reason in the language asked', async () => {
    const en = await upload(null);
    const fr = await upload('fr');
    const ar = await upload('ar');
    const shape = (e: Envelope) => e.report.rowsRejected.map((r) => [r.row, r.column, r.code]);
    expect(shape(fr)).toEqual(shape(en));
    expect(shape(ar)).toEqual(shape(en));
    expect(fr.error.fields.map((f) => f.field)).toEqual(en.error.fields.map((f) => f.field));
    expect(shape(en)).toEqual([
      [2, 'region', 'region-unmatched'],
      [3, 'period', 'period-format'],
      [4, 'value', 'value-number'],
      [4, 'confidence', 'confidence-enum'],
      [5, 'source', 'source-empty'],
    ]);
    const reason = (e: Envelope, code: string) => e.report.rowsRejected.find((r) => r.code === code)!.reason;
    expect(reason(en, 'period-format')).toBe("'2016/03' is not a month YYYY-MM or a date YYYY-MM-DD");
    expect(reason(fr, 'period-format')).toBe('« 2016/03 » n’est ni un mois AAAA-MM ni une date AAAA-MM-JJ');
    expect(reason(fr, 'region-unmatched')).toMatch(/^aucune région ne correspond à « Atlantis »/);
    expect(fr.error.message).toMatch(/^\d+ lignes sur 4 refusées ; rien n’a été enregistré$/);
    for (const r of ar.report.rowsRejected) expect(r.reason, r.reason).toMatch(ARABIC);
    // The English catalogue writes what the import writes (the two cannot drift apart).
    for (const r of en.report.rowsRejected as (Rejection & { values?: Record<string, string> })[])
      expect(msg('en', `import.error.${r.code}` as ApiMessageId, r.values)).toBe(r.reason);
  });
});
