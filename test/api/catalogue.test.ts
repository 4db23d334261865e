import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultCatalogue } from '../../indicators/catalogue/index.ts';
import type { ExploitationForm, Framework, Indicator, IndicatorGroup } from '../../indicators/types.ts';
import { FRAMEWORK_IDS, RELEVANCES } from '../../indicators/vocabulary.ts';
import { startApp, type TestApp } from '../helpers/app.ts';

let server: TestApp;

async function get<T>(path: string): Promise<{ status: number; body: T }> {
  const res = await server.request(`${path}`);
  return { status: res.status, body: (await res.json()) as T };
}

type Envelope = { error: { code: string; message: string; fields?: { field: string; message: string }[] } };

beforeAll(async () => {
  server = await startApp({ env: { VIGIL_AUTH_ENFORCED: 'true' } });
});
afterAll(() => server?.close());

describe('catalogue reads (anonymous, public read on)', () => {
  it('lists the four frameworks, each with a citation and a note on what is missing', async () => {
    const { status, body } = await get<Framework[]>('/api/frameworks');
    expect(status).toBe(200);
    expect(body.map((f) => f.id).sort()).toEqual([...FRAMEWORK_IDS].sort());
    for (const f of body) {
      expect(f.citation.length, f.id).toBeGreaterThan(20);
      expect(f.note.length, f.id).toBeGreaterThan(50);
    }
  });

  it('gives each indicator its plausible range, the values a write or an import accepts', async () => {
    const { body } =
      await get<(Indicator & { plausible: { min: number; max: number; integer: boolean } })[]>('/api/indicators');
    const of = (id: string) => body.find((i) => i.id === id)!.plausible;
    expect(of('tip.screening-flag-rate')).toEqual({ min: 0, max: 100, integer: false });
    expect(of('tip.victims-identified')).toEqual({ min: 0, max: 100_000, integer: true });
    expect(of('tip.listed-perpetrators')).toEqual({ min: 0, max: 1, integer: true });
    for (const i of body.filter((x) => x.measurement.kind === 'severity'))
      expect(i.plausible, i.id).toEqual({ min: 0, max: (i.measurement as { max: number }).max, integer: true });
  });

  it('returns every indicator of the bundled catalogue, with its flags, counted per framework, relevance and form', async () => {
    const { body: all } = await get<Indicator[]>('/api/indicators');
    expect(all.map((i) => i.id).sort()).toEqual(defaultCatalogue.indicators.map((i) => i.id).sort());
    const counts: Record<string, Record<string, number>> = {};
    for (const f of FRAMEWORK_IDS) {
      const { body } = await get<Indicator[]>(`/api/indicators?framework=${f}`);
      expect(body.length, f).toBe(defaultCatalogue.indicators.filter((i) => i.framework === f).length);
      expect(body.length, f).toBeGreaterThan(0);
      expect(body.every((i) => i.framework === f)).toBe(true);
      counts[f] = { total: body.length };
      for (const r of RELEVANCES) {
        const { body: flagged } = await get<Indicator[]>(`/api/indicators?framework=${f}&relevance=${r}`);
        expect(flagged.every((i) => i.framework === f && i.relevance === r)).toBe(true);
        counts[f]![r] = flagged.length;
      }
      expect(
        RELEVANCES.reduce((s, r) => s + counts[f]![r]!, 0),
        `${f} relevances add up`,
      ).toBe(body.length);
    }
    console.log('indicators per framework and relevance:', JSON.stringify(counts));
    // Catalogue 2026.2, as docs/catalogue.md tabulates it.
    expect(counts).toEqual({
      crsv: { total: 7, direct: 1, indirect: 5, none: 1 },
      osce: { total: 7, direct: 1, indirect: 5, none: 1 },
      afac: { total: 54, direct: 2, indirect: 37, none: 15 },
      tip: { total: 52, direct: 33, indirect: 19, none: 0 },
    });
    // The UNODC paper's own atrocity flags: 7.9 and 7.12.
    expect(
      all
        .filter((i) => i.framework === 'afac' && i.relevance === 'direct')
        .map((i) => i.id)
        .sort(),
    ).toEqual(['afac.7.12', 'afac.7.9']);
    // OSCE: only cross-border organised crime is a direct sign; the rule of law and human rights are drivers.
    expect(all.filter((i) => i.framework === 'osce' && i.relevance === 'direct').map((i) => i.id)).toEqual([
      'osce.transnational-organised-crime',
    ]);
  });

  it('filters by exploitation form, and every form id used by an indicator exists', async () => {
    const { body: forms } = await get<ExploitationForm[]>('/api/exploitation-forms');
    const { body: all } = await get<Indicator[]>('/api/indicators');
    const perForm: Record<string, number> = {};
    for (const form of forms) {
      const { status, body } = await get<Indicator[]>(`/api/indicators?form=${form.id}`);
      expect(status).toBe(200);
      expect(body.every((i) => i.forms.includes(form.id))).toBe(true);
      expect(body.length, form.id).toBe(all.filter((i) => i.forms.includes(form.id)).length);
      perForm[form.id] = body.length;
    }
    console.log('indicators per exploitation form:', JSON.stringify(perForm));
    const known = new Set(forms.map((f) => f.id));
    expect(all.flatMap((i) => i.forms).filter((f) => !known.has(f))).toEqual([]);
    const { body: child } = await get<Indicator[]>(
      '/api/indicators?framework=tip&relevance=direct&form=child_use_armed_groups',
    );
    expect(child.length).toBeGreaterThan(0);
    expect(
      child.every(
        (i) => i.framework === 'tip' && i.relevance === 'direct' && i.forms.includes('child_use_armed_groups'),
      ),
    ).toBe(true);
  });

  it('treats an empty parameter as "any"', async () => {
    const { status, body } = await get<Indicator[]>('/api/indicators?framework=&relevance=');
    expect(status).toBe(200);
    expect(body.length).toBe(defaultCatalogue.indicators.length);
  });

  it.each([
    ['/api/indicators?framework=unodc', 'framework'],
    ['/api/indicators?relevance=high', 'relevance'],
    ['/api/indicators?form=not_a_form', 'form'],
    ['/api/indicators?form=Sexual%20Exploitation', 'form'],
    ['/api/indicators?group=afac.rf99', 'group'],
    ['/api/indicators?framwork=afac', 'framwork'],
    ['/api/indicator-groups?framework=x', 'framework'],
  ])('answers %s with a 400 naming %s', async (path, field) => {
    const { status, body } = await get<Envelope>(path);
    expect(status).toBe(400);
    expect(body.error.code).toBe('invalid_request');
    expect(body.error.fields?.map((f) => f.field)).toEqual([field]);
  });

  it('lists indicator groups, all 14 atrocity risk factors among them, and filters indicators by group', async () => {
    const { body: groups } = await get<IndicatorGroup[]>('/api/indicator-groups');
    expect(groups.length).toBe(defaultCatalogue.groups.length);
    const { body: afac } = await get<IndicatorGroup[]>('/api/indicator-groups?framework=afac');
    expect(afac.map((g) => g.id).sort()).toEqual(Array.from({ length: 14 }, (_, i) => `afac.rf${i + 1}`).sort());
    const { body: rf7 } = await get<Indicator[]>('/api/indicators?group=afac.rf7');
    expect(rf7.map((i) => i.id)).toContain('afac.7.9');
    expect(rf7.every((i) => i.group === 'afac.rf7')).toBe(true);
  });

  it('answers in French or Arabic with ?lang=, keeping ids and the English label, and names a bad language', async () => {
    type T = { id: string; label: string; translation?: { lang: string; review?: string; en: string } };
    const en = await get<T[]>('/api/indicators?framework=tip');
    const res = await server.request('/api/indicators?framework=tip&lang=ar');
    expect(res.headers.get('content-language')).toBe('ar');
    const ar = (await res.json()) as T[];
    expect(ar.map((i) => i.id)).toEqual(en.body.map((i) => i.id));
    for (const [k, i] of ar.entries()) {
      expect(i.label, i.id).toMatch(/[\u0600-\u06FF]/);
      expect(i.translation, i.id).toMatchObject({
        label: i.label,
        lang: 'ar',
        review: 'needs-review',
        en: en.body[k]!.label,
      });
    }
    const fr = await get<{ id: string; shortTitle: string }[]>('/api/frameworks?lang=fr');
    expect(fr.body.find((f) => f.id === 'osce')!.shortTitle).toBe('Indicateurs de l’OSCE');
    const groups = await get<T[]>('/api/indicator-groups?framework=afac&lang=fr');
    expect(groups.body.find((g) => g.id === 'afac.rf8')!.label).toBe('FR8 · Facteurs déclencheurs');
    const forms = await get<T[]>('/api/exploitation-forms?lang=fr');
    expect(forms.body.find((f) => f.id === 'debt_bondage')!.label).toBe('Servitude pour dettes');
    expect((await get<T[]>('/api/indicators?lang=en')).body).toEqual((await get<T[]>('/api/indicators')).body);
    const bad = await get<Envelope>('/api/indicators?lang=de');
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields?.find((f) => f.field === 'lang')?.message).toMatch(/en, fr, ar/);
  });

  it('lists the bundled versions with their diffs and serves their snapshots; unknown versions are 404', async () => {
    const { body: versions } = await get<
      {
        id: string;
        isCurrent: boolean;
        source: string;
        diff: { from: string | null; added: string[]; removed: string[]; changed: { id: string }[] };
      }[]
    >('/api/catalogue/versions');
    expect(versions.map((v) => [v.id, v.isCurrent, v.source])).toEqual([
      ['2026.2', true, 'bundled'],
      ['2026.1', false, 'bundled'],
    ]);
    expect(versions[1]!.diff).toMatchObject({ from: null, removed: [] });
    expect(versions[1]!.diff.added).toHaveLength(116);
    expect(versions[0]!.diff.from).toBe('2026.1');
    expect(versions[0]!.diff.removed).toContain('tip.released-captives');
    expect(versions[0]!.diff.added).toContain('afac.8.5');
    expect(versions[0]!.diff.changed.map((c) => c.id)).toContain('osce.rule-of-law');
    const { status, body } = await get<{ id: string; snapshot: { indicators: unknown[]; version: string } }>(
      '/api/catalogue/versions/2026.2',
    );
    expect(status).toBe(200);
    expect(body.snapshot.version).toBe('2026.2');
    expect(body.snapshot.indicators).toHaveLength(defaultCatalogue.indicators.length);
    const old = await get<{ snapshot: { indicators: unknown[] } }>('/api/catalogue/versions/2026.1');
    expect(old.body.snapshot.indicators).toHaveLength(116);
    expect((await get<Envelope>('/api/catalogue/versions/1999.9')).status).toBe(404);
  });
});
