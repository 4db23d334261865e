import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { changeLegend, classLegend } from '../../web/features/export/legends.ts';
import { exportLayout } from '../../web/features/export/layout.ts';
import { exportFonts, fontFaceCss } from '../../web/features/export/fonts.ts';
import { buildMapSvg } from '../../web/features/export/map-svg.ts';
import { fmtMonth, isolateRanges, numberRange } from '../../web/features/export/text.ts';
import { setCurrentLanguage } from '../../web/i18n/messages.ts';
import en from '../../web/locales/en.json';
import { square } from '../fixtures/map.ts';

/** Map exports in French and Arabic (issue 20, item 4): the words the dashboard writes on them, and the fonts an SVG carries. */

const TEXT = {
  title: 'T',
  sources: 'S',
  attribution: ['Natural Earth'],
  disclaimer: 'D',
  generatedAt: '2026-01-15T09:30:00.000Z',
};
const SIZE = { width: 1600, height: 900 };

/** Every English message without arguments, and the English words before an argument: none may show in a translated export. */
const english = Object.entries(en)
  .filter((e): e is [string, string] => !e[0].startsWith('_') && typeof e[1] === 'string')
  .map(([, v]) => v.split('{')[0]!.trim())
  .filter((v) => /\p{L}{3,}/u.test(v) && v.length >= 6);

/** The texts of a laid-out export: header, footer, legend and list. */
function words(lang: 'fr' | 'ar') {
  setCurrentLanguage(lang);
  const dir = lang === 'ar' ? 'rtl' : 'ltr';
  const out: string[] = [];
  for (const legend of [classLegend(), changeLegend()]) {
    const layout = exportLayout(
      { ...TEXT, dir, list: { title: legend.title, items: [{ label: 'x', value: '1' }] } },
      { ...legend, hotspots: true },
      SIZE,
    );
    out.push(layout.legend.title.text, ...layout.legend.rows.flatMap((r) => r.texts.map((t) => t.text)));
    out.push(...layout.texts.filter((t) => t.role === 'generated').map((t) => t.text));
  }
  return out;
}

afterEach(() => setCurrentLanguage('en'));

describe('map exports in French and Arabic', () => {
  it('write legend, classes, outline line and date in French', () => {
    const texts = words('fr');
    expect(texts).toContain('Classe de risque (score 0–10)');
    expect(texts).toContain('Point chaud (contouré, listé)');
    expect(texts.some((t) => /^Produit le 15 janvier 2026 à 09:30 UTC avec Vigil$/.test(t))).toBe(true);
    for (const t of texts)
      for (const e of english) expect(t.startsWith(e), `${t} starts with English “${e}”`).toBe(false);
  });

  it('write them in Arabic: every legend and footer text has Arabic letters, or is a number range isolated left to right', () => {
    const texts = words('ar');
    expect(texts).toContain('فئة الخطر (الدرجة \u20660–10\u2069)');
    for (const t of texts) {
      for (const e of english) expect(t.startsWith(e), `${t} starts with English “${e}”`).toBe(false);
      expect(t, t).toMatch(/[\u0600-\u06FF]|^\u2066[\d.–]+\u2069$/);
    }
    // The generation date names its month in Arabic (and keeps Latin digits: see intlLocale).
    expect(texts.find((t) => t.includes('Vigil'))).toMatch(/يناير 2026/);
  });

  it('format ranges and months in the language: decimal comma in French, isolated ranges right to left', () => {
    setCurrentLanguage('fr');
    expect(numberRange(2.5, 4)).toBe('2,5–4');
    expect(fmtMonth('2017-11')).toBe('novembre 2017');
    setCurrentLanguage('ar');
    expect(numberRange(0, 10)).toBe('\u20660–10\u2069');
    expect(fmtMonth('2017-11')).toMatch(/2017/);
    expect(fmtMonth('2017-11')).toMatch(/[\u0600-\u06FF]/);
    setCurrentLanguage('en');
    expect(numberRange(0, 10)).toBe('0–10');
  });
});

describe('right-to-left words on an export', () => {
  it('isolates number ranges inside Arabic words (the API\u2019s subtitle too), once', () => {
    const layout = exportLayout(
      { ...TEXT, dir: 'rtl', subtitle: 'منظور الاتجار · الدرجة 0–10 · 2,5-4' },
      { ...classLegend(), title: 'فئة الخطر (الدرجة \u20660–10\u2069)' },
      SIZE,
    );
    expect(layout.texts.find((t) => t.role === 'subtitle')!.text).toBe(
      'منظور الاتجار · الدرجة \u20660–10\u2069 · \u20662,5-4\u2069',
    );
    expect(layout.legend.title.text).toBe('فئة الخطر (الدرجة \u20660–10\u2069)');
    expect(isolateRanges('IQ-NI, 2014 و2017')).toBe('IQ-NI, 2014 و2017');
  });

  it('isolates map labels and place names in their own direction right to left, not left to right', () => {
    const input = {
      ...TEXT,
      features: [square('XA-01', 'Libya', 10, 1)],
      scores: [{ code: 'XA-01', category: 'high', score: 6.2 }],
      legend: classLegend(),
      ...SIZE,
      labels: [{ code: 'XA-01', text: '3. Libya', at: [10.5, 1.5] as [number, number] }],
    };
    expect(buildMapSvg({ ...input, dir: 'rtl' })).toContain('>\u20683. Libya\u2069</tspan>');
    expect(buildMapSvg({ ...input, dir: 'ltr' })).toContain('>3. Libya</tspan>');
  });
});

describe('fonts inside an SVG export', () => {
  const file = (p: string) => readFileSync(`node_modules/@fontsource/${p}`);
  const ARABIC = file('noto-sans-arabic/files/noto-sans-arabic-arabic-400-normal.woff2');
  const ARABIC_BOLD = file('noto-sans-arabic/files/noto-sans-arabic-arabic-700-normal.woff2');
  const LATIN = file('arimo/files/arimo-latin-400-normal.woff2');

  /** The `@font-face` rules of an SVG: family, weight, style and the bytes of the file. */
  function faces(svg: string) {
    const style = /<style>(.*?)<\/style>/s.exec(svg)?.[1] ?? '';
    return [...style.matchAll(/@font-face\{([^}]*)\}/g)].map((m) => {
      const rule = m[1]!;
      const url = /src:url\(data:font\/woff2;base64,([A-Za-z0-9+/=]+)\) format\('woff2'\)/.exec(rule);
      return {
        family: /font-family:'([^']+)'/.exec(rule)?.[1],
        weight: /font-weight:(\d+)/.exec(rule)?.[1],
        style: /font-style:(\w+)/.exec(rule)?.[1],
        bytes: url ? Buffer.from(url[1]!, 'base64') : null,
      };
    });
  }

  function svg(dir: 'ltr' | 'rtl', fonts: Awaited<ReturnType<typeof exportFonts>>) {
    return buildMapSvg({
      ...TEXT,
      dir,
      features: [square('XA-01', 'الشمال', 10, 1)],
      scores: [{ code: 'XA-01', category: 'high', score: 6.2 }],
      legend: classLegend(),
      ...SIZE,
      fonts,
    });
  }

  it('embeds the Arabic font (regular and bold) and the Latin one, whole, in a right-to-left SVG, and names them first', async () => {
    const out = svg('rtl', await exportFonts('rtl'));
    const f = faces(out);
    const arabic = f.filter((x) => x.family === 'Noto Sans Arabic');
    expect(arabic.map((x) => x.weight).sort()).toEqual(['400', '700']);
    // The very files the dashboard draws Arabic with, byte for byte (woff2).
    expect(arabic.find((x) => x.weight === '400')!.bytes!.equals(ARABIC)).toBe(true);
    expect(arabic.find((x) => x.weight === '700')!.bytes!.equals(ARABIC_BOLD)).toBe(true);
    expect(arabic[0]!.bytes!.subarray(0, 4).toString('latin1')).toBe('wOF2');
    expect(
      f.find((x) => x.family === 'Arimo' && x.weight === '400' && x.style === 'normal')!.bytes!.equals(LATIN),
    ).toBe(true);
    expect(out).toMatch(/^<svg [^>]*font-family="&#39;Noto Sans Arabic&#39;, Arimo, Arial/);
  });

  it('embeds only the Latin font (regular, bold, italic) left to right, and none when not asked', async () => {
    const f = faces(svg('ltr', await exportFonts('ltr')));
    expect(f.map((x) => `${x.family} ${x.weight} ${x.style}`).sort()).toEqual([
      'Arimo 400 italic',
      'Arimo 400 normal',
      'Arimo 700 normal',
    ]);
    expect(f.every((x) => x.bytes !== null && x.bytes.length > 5000)).toBe(true);
    const bare = svg('ltr', []);
    expect(bare).not.toContain('@font-face');
    expect(bare).toMatch(/^<svg [^>]*font-family="Arimo, Arial/);
  });

  it('writes one rule per font, quoting the family', () => {
    expect(fontFaceCss([{ family: 'A B', weight: 700, style: 'normal', url: 'data:font/woff2;base64,AAAA' }])).toBe(
      "@font-face{font-family:'A B';font-style:normal;font-weight:700;src:url(data:font/woff2;base64,AAAA) format('woff2')}",
    );
  });
});
