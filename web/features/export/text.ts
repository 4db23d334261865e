import { direction } from '../../i18n/languages.ts';
import { currentLanguage } from '../../i18n/messages.ts';
import { fmtDateTime, fmtLongPeriod, fmtNumber } from '../../lib/format.ts';
import { arabicAdvances, isArabic } from './arabic-metrics.ts';

/** The font of every export: Arial metrics (Liberation Sans on Linux), which PowerPoint and Word also have. */
export const EXPORT_FONT = "Arial, Helvetica, 'Liberation Sans', sans-serif";

// Helvetica/Arial advance widths in thousandths of an em, for printable ASCII from the space (32) on.
const WIDTHS = [
  278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556,
  556, 556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833,
  722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556,
  556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334,
  260, 334, 584,
];

const WIDE: Record<string, number> = {
  // Bidi isolates and marks: invisible.
  '\u2066': 0,
  '\u2067': 0,
  '\u2068': 0,
  '\u2069': 0,
  '\u200E': 0,
  '\u200F': 0,
  '—': 1000,
  '–': 556,
  '·': 278,
  '’': 222,
  '‘': 222,
  '“': 333,
  '”': 333,
  '…': 1000,
  '±': 584,
  '→': 1000,
  '−': 584,
};

/**
 * Estimated width of `text` in pixels at `size`: Latin from Arial's metrics (bold about 8% wider),
 * Arabic from the bundled Noto Sans Arabic's, each letter in its joined form (`arabic-metrics.ts`),
 * a little generous so that text laid out here also fits in a browser or an office program.
 */
export function textWidth(text: string, size: number, bold = false): number {
  const codes = [...text].map((ch) => ch.codePointAt(0)!);
  const arabic = codes.some(isArabic) ? arabicAdvances(codes, bold) : null;
  let em = 0;
  let arabicEm = 0;
  codes.forEach((code, i) => {
    const a = arabic?.[i];
    if (a !== undefined && a !== null) arabicEm += a;
    else em += (code >= 32 && code < 127 ? WIDTHS[code - 32]! : (WIDE[String.fromCodePoint(code)] ?? 560)) / 1000;
  });
  return (em * (bold ? 1.08 : 1) + arabicEm) * size * 1.02;
}

/** Breaks `text` into lines no wider than `width` at `size`, at spaces; a word longer than a line stays whole. */
export function wrapText(text: string, width: number, size: number, bold = false): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word;
    if (line && textWidth(next, size, bold) > width) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

/** Shortens `text` with an ellipsis to fit `width`. */
export function fitText(text: string, width: number, size: number, bold = false): string {
  if (textWidth(text, size, bold) <= width) return text;
  let s = text;
  while (s.length > 1 && textWidth(`${s}…`, size, bold) > width) s = s.slice(0, -1);
  return `${s.trimEnd()}…`;
}

/** Text escaped for XML content and attribute values. */
export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/**
 * An ISO timestamp as a date and time in UTC in the current language (`January 15, 2026 at 09:30
 * UTC`, `15 janvier 2026 à 09:30 UTC`), so the same export reads the same everywhere.
 */
export function fmtGenerated(iso: string): string {
  return fmtDateTime(iso);
}

/** `2017-11` as `November 2017` (`novembre 2017`, `نوفمبر 2017`). */
export function fmtMonth(p: string | null | undefined): string {
  return fmtLongPeriod(p);
}

/**
 * A range of two numbers (`0–10`, `2,5–4` in French). Right to left it is isolated left to right, or
 * the paragraph's direction would draw it backwards (`10–0`).
 */
export function numberRange(a: number, b: number): string {
  const s = `${fmtNumber(a)}–${fmtNumber(b)}`;
  return direction(currentLanguage()) === 'rtl' ? `\u2066${s}\u2069` : s;
}

/**
 * A map label or place name isolated in its own direction (first strong letter): on a right-to-left
 * export `3. Libya` would otherwise be drawn `Libya .3`; an Arabic name still reads right to left.
 */
export const isolated = (text: string): string => `\u2068${text}\u2069`;

/** Number ranges (`0–10`, `2,5–4`) inside right-to-left words, isolated left to right so they do not read backwards. */
export const isolateRanges = (text: string): string =>
  text.replace(/(?<![\u2066\d])\d+(?:[.,]\d+)?[–-]\d+(?:[.,]\d+)?(?![\u2069\d])/g, (r) => `\u2066${r}\u2069`);

/** Font size of map labels at unit 1. */
export const LABEL_SIZE = 13;

/** A map label in at most two lines of about 180 pixels (at unit `u`), the second shortened if need be. */
export function labelLines(text: string, u: number): string[] {
  const width = 180 * u;
  const size = LABEL_SIZE * u;
  const lines = wrapText(text, width, size, true);
  return lines.length <= 2 ? lines : [lines[0]!, fitText(lines.slice(1).join(' '), width, size, true)];
}

/** Half the width and half the height of a map label's box at unit `u`. */
function labelHalfSize(text: string, u: number): { w: number; h: number } {
  const lines = labelLines(text, u);
  return {
    w: Math.max(...lines.map((t) => textWidth(t, LABEL_SIZE * u, true))) / 2 + 3 * u,
    h: (lines.length * LABEL_SIZE * u * 1.15) / 2 + 1 * u,
  };
}

/** The box of a map label centred at its point, as {@link declutter} reserves it. */
export function labelBox(l: { text: string; x: number; y: number }, u: number) {
  const { w, h } = labelHalfSize(l.text, u);
  return { x0: l.x - w, x1: l.x + w, y0: l.y - h, y1: l.y + h };
}

/**
 * Places labels (pass them most important first) centred on their point at unit `u`; a label that
 * would overlap one placed before it moves down or up by up to two of its heights, and is dropped
 * only if it still overlaps, so that every listed hotspot keeps its label where it can. A moved
 * label carries `anchorY`, the point it names, for a leader line back to it.
 */
export function declutter<T extends { text: string; x: number; y: number }>(
  labels: readonly T[],
  u: number,
): (T & { anchorY?: number })[] {
  const kept: { x0: number; x1: number; y0: number; y1: number }[] = [];
  return labels.flatMap((l) => {
    const { w, h } = labelHalfSize(l.text, u);
    const step = 2 * h + 2 * u;
    for (const dy of [0, step, -step, 2 * step, -2 * step]) {
      const b = { x0: l.x - w, x1: l.x + w, y0: l.y + dy - h, y1: l.y + dy + h };
      if (kept.some((k) => b.x0 < k.x1 && b.x1 > k.x0 && b.y0 < k.y1 && b.y1 > k.y0)) continue;
      kept.push(b);
      return [dy === 0 ? l : { ...l, y: l.y + dy, anchorY: l.y }];
    }
    return [];
  });
}
