import { mkdirSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { API_CATALOGUES, apiMessagesOf, msg } from '../../api/i18n.ts';
import { classLegend } from '../../web/features/export/legends.ts';
import { exportLayout } from '../../web/features/export/layout.ts';
import { buildMapSvg } from '../../web/features/export/map-svg.ts';
import { textWidth } from '../../web/features/export/text.ts';
import { square } from '../fixtures/map.ts';

/** Right-to-left map exports (issue 20, item 4): Arabic measured with its own font, the slide mirrored. */
const ar = apiMessagesOf(API_CATALOGUES.ar);

const TEXT = {
  title: 'خطر الاتجار بالأشخاص في حالات النزاع · أغسطس 2014',
  subtitle: 'منظور الاتجار بالأشخاص · البلدان · أوزان الأساس · الدرجة 0–10',
  sources: `المصادر: ${ar['export.dataSet.historical']}، 7 ملاحظات. فهرس المؤشرات 2026.2؛ الدرجات من نموذج المخاطر في Vigil.`,
  attribution: ['Made with Natural Earth'],
  disclaimer: ar['export.disclaimer']!,
  notice: ar['export.notice']!,
  generatedAt: '2026-01-15T09:30:00.000Z',
};

describe('Arabic in map exports', () => {
  it('measures Arabic with Noto Sans Arabic, each letter in its joined form', () => {
    // باب: initial beh (269), final alef (291), isolated beh (993) thousandths of an em, bold wider.
    expect(textWidth('باب', 1000)).toBeCloseTo((269 + 291 + 993) * 1.02, 6);
    // Joined letters are narrower than the same letters standing alone.
    expect(textWidth('بببب', 100)).toBeLessThan(4 * textWidth('ب', 100));
    expect(textWidth('الاتجار', 100, true)).toBeGreaterThan(textWidth('الاتجار', 100));
    // Latin keeps Arial's metrics.
    expect(textWidth('Vigil', 1000)).toBeCloseTo((667 + 222 + 556 + 222 + 222) * 1.02, 6);
  });

  it('mirrors the slide for right-to-left words: title and legend on the right of the words, legend left of the map', () => {
    const size = { width: 1600, height: 900 };
    const ltr = exportLayout({ ...TEXT }, classLegend(), size);
    const rtl = exportLayout({ ...TEXT, dir: 'rtl' }, classLegend(), size);
    expect(rtl.dir).toBe('rtl');
    const title = rtl.texts.find((t) => t.role === 'title')!;
    expect(title.x).toBeCloseTo(size.width - ltr.texts.find((t) => t.role === 'title')!.x, 6);
    expect(title.anchor ?? 'start').toBe('start');
    expect(rtl.frame.width).toBeCloseTo(ltr.frame.width, 6);
    expect(rtl.legend.x + rtl.legend.width).toBeLessThanOrEqual(rtl.frame.x);
    // A range without Arabic letters is isolated left to right (else it would read 10–8).
    const range = rtl.legend.rows[0]!.texts.find((t) => t.role === 'legend-detail')!.text;
    expect(range).toMatch(/^\u2066\d+(\.\d+)?–\d+\u2069$/);
    for (const r of rtl.legend.rows) {
      // Swatch at the right end of its row, its words to the left of it.
      for (const t of r.texts) expect(t.x).toBeLessThanOrEqual(r.swatch.x);
    }
  });

  it('writes an SVG with direction="rtl" and the Arabic font first, whose words stay inside the slide', () => {
    const svg = buildMapSvg({
      ...TEXT,
      dir: 'rtl',
      features: [square('XA-01', 'الشمال', 10, 1), square('XA-02', 'الشرق', 11, 0)],
      scores: [
        { code: 'XA-01', category: 'high', score: 6.2 },
        { code: 'XA-02', category: 'low', score: 2.1 },
      ],
      legend: { ...classLegend(), title: 'فئة الخطر (الدرجة 0–10)' },
      width: 1600,
      height: 900,
      hotspots: ['XA-01'],
      labels: [{ code: 'XA-01', text: '1. الشمال', at: [10.5, 1.5] }],
      list: {
        title: 'أعلى الدرجات',
        items: [
          { label: '1. الشمال', value: '6.2', detail: msg('ar', 'alerts.classReached', { to: 'مرتفع', now: '6.2' }) },
        ],
      },
    });
    expect(svg).toMatch(/^<svg [^>]*direction="rtl"/);
    expect(svg).toMatch(/^<svg [^>]*font-family="&#39;Noto Sans Arabic&#39;, Arimo, Arial/);
    const layout = exportLayout({ ...TEXT, dir: 'rtl' }, classLegend(), { width: 1600, height: 900 });
    for (const t of layout.texts) {
      const w = textWidth(t.text, t.size, t.bold);
      // start is the right end in rtl: the text runs leftwards from x (end: rightwards).
      const [left, right] = (t.anchor ?? 'start') === 'start' ? [t.x - w, t.x] : [t.x, t.x + w];
      expect(left, `${t.role}: ${t.text}`).toBeGreaterThanOrEqual(0);
      expect(right, `${t.role}: ${t.text}`).toBeLessThanOrEqual(1600);
    }
    mkdirSync('test/artifacts', { recursive: true });
    writeFileSync('test/artifacts/export-rtl.svg', svg);
  });
});
