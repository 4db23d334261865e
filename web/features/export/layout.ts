import type { ExportLegend, LegendEntry } from './legends.ts';
import { t as msg } from '../../i18n/messages.ts';
import { fitText, fmtGenerated, isolateRanges, textWidth, wrapText } from './text.ts';

/** The words around an exported map: what it shows, where the data came from, whom to credit, when it was made. */
export interface ExportText {
  title: string;
  subtitle?: string;
  /** The source line: data sets and catalogue version. */
  sources: string;
  attribution: readonly string[];
  disclaimer: string;
  /** e.g. "Historical illustration: not a current assessment". */
  notice?: string | null;
  /** ISO timestamp. */
  generatedAt: string;
  /** Writing direction of the words: `rtl` (Arabic) mirrors the slide, the map excepted. Default `ltr`. */
  dir?: 'ltr' | 'rtl';
  /** A short list beside the map, under the legend: e.g. the hotspots with one-line reasons. */
  list?: { title: string; items: readonly { label: string; value: string; detail?: string }[] } | null;
}

/** One line of text placed on the export (baseline at `y`). */
export interface PlacedText {
  role:
    | 'title'
    | 'subtitle'
    | 'sources'
    | 'credits'
    | 'notice'
    | 'generated'
    | 'legend-title'
    | 'legend-label'
    | 'legend-detail'
    | 'list-title'
    | 'list-label'
    | 'list-value'
    | 'list-detail';
  text: string;
  x: number;
  y: number;
  size: number;
  color: string;
  bold?: boolean;
  italic?: boolean;
  anchor?: 'start' | 'end';
}

/** One legend line placed: its swatch box and its texts. */
export interface PlacedLegendRow {
  entry: LegendEntry | { category: 'hotspot'; color: 'none'; label: string; hotspot: true };
  swatch: { x: number; y: number; width: number; height: number };
  texts: PlacedText[];
}

/** Where everything goes on an export of `width` × `height` CSS pixels; the PNG and the SVG both draw from it. */
export interface ExportLayout {
  width: number;
  height: number;
  /** The map's box. */
  frame: { x: number; y: number; width: number; height: number };
  /** Header and footer lines. */
  texts: PlacedText[];
  legend: { x: number; y: number; width: number; height: number; title: PlacedText; rows: PlacedLegendRow[] };
  /** Unit of the type scale (1 at 1600 px wide): label and stroke sizes on the map scale with it. */
  unit: number;
  /**
   * Writing direction. In `rtl` every x is mirrored (title and legend on the right, the legend column
   * left of the map) and a text's `anchor` is logical: `start` is its right end, as SVG's
   * `direction="rtl"` and a canvas's `direction = 'rtl'` read it.
   */
  dir: 'ltr' | 'rtl';
}

const INK = '#1f2933';
const MUTED = '#52606d';

/**
 * Lays out an export: a header (title, subtitle), the map frame, a column on its right with the
 * legend (nothing on the map is hidden under it) and an optional list, and a footer with the source line, credits and disclaimer, the notice and the
 * generation date. Sizes follow the width (a 1600 × 900 slide is the reference). Pure.
 */
export function exportLayout(
  text: ExportText,
  legend: ExportLegend,
  size: { width: number; height: number },
): ExportLayout {
  const { width, height } = size;
  const u = Math.min(3, Math.max(0.5, width / 1600));
  const pad = 28 * u;
  const inner = width - 2 * pad;
  const texts: PlacedText[] = [];

  let y = pad + 27 * u;
  texts.push({
    role: 'title',
    text: fitText(text.title, inner, 30 * u, true),
    x: pad,
    y,
    size: 30 * u,
    color: INK,
    bold: true,
  });
  if (text.subtitle) {
    y += 27 * u;
    texts.push({
      role: 'subtitle',
      text: fitText(text.subtitle, inner, 17 * u),
      x: pad,
      y,
      size: 17 * u,
      color: MUTED,
    });
  }
  const frameTop = y + 16 * u;

  const fs = 12.5 * u;
  const lh = 17 * u;
  const footer: Omit<PlacedText, 'y'>[] = [];
  for (const line of wrapText(text.sources, inner, fs).slice(0, 3))
    footer.push({ role: 'sources', text: line, x: pad, size: fs, color: INK });
  const credits = `${text.attribution.map((a) => a.replace(/\.$/, '')).join('. ')}. ${text.disclaimer}`;
  for (const line of wrapText(credits, inner, fs).slice(0, 2))
    footer.push({ role: 'credits', text: line, x: pad, size: fs, color: MUTED });
  const generated = msg('export.generated', { when: fmtGenerated(text.generatedAt) });
  const genWidth = textWidth(generated, fs);
  footer.push({ role: 'generated', text: generated, x: width - pad, size: fs, color: MUTED, anchor: 'end' });
  const footerTop = height - pad * 0.75 - (footer.length - 1) * lh - fs;
  footer.forEach((t, i) => texts.push({ ...t, y: footerTop + fs + i * lh }));
  if (text.notice)
    texts.push({
      role: 'notice',
      text: fitText(text.notice, inner - genWidth - 24 * u, fs, true),
      x: pad,
      y: footerTop + fs + (footer.length - 1) * lh,
      size: fs,
      color: '#8a4b08',
      bold: true,
    });

  const column = Math.min(inner * 0.3, Math.max(250 * u, legendWidth(legend, u)));
  const gap = 20 * u;
  const frame = {
    x: pad,
    y: frameTop,
    width: inner - column - gap,
    height: Math.max(40, footerTop - 12 * u - frameTop),
  };
  const placed = placeLegend(legend, { x: frame.x + frame.width + gap, y: frameTop, width: column }, u);
  const list = text.list
    ? placeList(
        text.list,
        { x: placed.x, y: placed.y + placed.height + 22 * u, width: column, bottom: frame.y + frame.height },
        u,
      )
    : [];
  const layout: ExportLayout = {
    width,
    height,
    frame,
    texts: [...texts, ...list],
    legend: placed,
    unit: u,
    dir: 'ltr',
  };
  return text.dir === 'rtl' ? mirrored(layout) : layout;
}

/** The layout seen in a mirror, for right-to-left words: the map's box moves, its content does not. */
function mirrored(l: ExportLayout): ExportLayout {
  const W = l.width;
  // Words without Arabic letters (a score range, a credit) are isolated left to right, else the
  // paragraph's direction would reorder them (`8–10` read as `10–8`).
  const text = (t: PlacedText): PlacedText => ({
    ...t,
    x: W - t.x,
    text: /[\u0600-\u06FF]/.test(t.text)
      ? isolateRanges(t.text)
      : t.text.startsWith('\u2066')
        ? t.text
        : `\u2066${t.text}\u2069`,
  });
  const box = <B extends { x: number; width: number }>(b: B): B => ({ ...b, x: W - b.x - b.width });
  return {
    ...l,
    dir: 'rtl',
    frame: box(l.frame),
    texts: l.texts.map(text),
    legend: {
      ...box(l.legend),
      title: text(l.legend.title),
      rows: l.legend.rows.map((r) => ({ ...r, swatch: box(r.swatch), texts: r.texts.map(text) })),
    },
  };
}

const LEGEND = { label: 14, detail: 12, row: 22, swatch: { width: 22, height: 14 } };

function legendEntries(legend: ExportLegend): PlacedLegendRow['entry'][] {
  const entries: PlacedLegendRow['entry'][] = [...legend.entries];
  if (legend.hotspots)
    entries.push({
      category: 'hotspot',
      color: 'none',
      label: legend.outlineLabel ?? msg('export.legend.outlined'),
      hotspot: true,
    });
  return entries;
}

/** Two lines per entry at most: label (and detail when it fits) then detail. */
function legendWidth(legend: ExportLegend, u: number): number {
  const rowWidth = (e: PlacedLegendRow['entry']) =>
    (LEGEND.swatch.width + 8) * u +
    Math.max(
      textWidth(e.label, LEGEND.label * u),
      'detail' in e && e.detail ? textWidth(e.detail, LEGEND.detail * u) : 0,
    );
  return Math.max(textWidth(legend.title, LEGEND.label * u, true), ...legendEntries(legend).map(rowWidth));
}

function placeLegend(
  legend: ExportLegend,
  box: { x: number; y: number; width: number },
  u: number,
): ExportLayout['legend'] {
  const ls = LEGEND.label * u;
  const ds = LEGEND.detail * u;
  const sw = { width: LEGEND.swatch.width * u, height: LEGEND.swatch.height * u };
  const tx = box.x + sw.width + 8 * u;
  const title: PlacedText = {
    role: 'legend-title',
    text: legend.title,
    x: box.x,
    y: box.y + ls * 0.85,
    size: ls,
    color: INK,
    bold: true,
  };
  let top = box.y + ls + 10 * u;
  const rows = legendEntries(legend).map((entry): PlacedLegendRow => {
    const base = top + sw.height * 0.5 + ls * 0.35;
    const texts: PlacedText[] = [{ role: 'legend-label', text: entry.label, x: tx, y: base, size: ls, color: INK }];
    const detail = 'detail' in entry ? entry.detail : undefined;
    const inline = detail !== undefined && textWidth(`${entry.label}  ${detail}`, ls) <= box.x + box.width - tx;
    if (detail && inline)
      texts.push({
        role: 'legend-detail',
        text: detail,
        x: tx + textWidth(entry.label, ls) + 7 * u,
        y: base,
        size: ds,
        color: MUTED,
      });
    else if (detail)
      texts.push({
        role: 'legend-detail',
        text: fitText(detail, box.x + box.width - tx, ds),
        x: tx,
        y: base + ds * 1.25,
        size: ds,
        color: MUTED,
      });
    const placed = { entry, swatch: { x: box.x, y: top, ...sw }, texts };
    top += LEGEND.row * u + (detail && !inline ? ds * 1.25 : 0);
    return placed;
  });
  return { x: box.x, y: box.y, width: box.width, height: top - box.y, title, rows };
}

/** The list under the legend (e.g. hotspots with their reasons), cut where the map frame ends. */
function placeList(
  list: NonNullable<ExportText['list']>,
  box: { x: number; y: number; width: number; bottom: number },
  u: number,
): PlacedText[] {
  const ls = 14 * u;
  const ds = 12 * u;
  const out: PlacedText[] = [
    { role: 'list-title', text: list.title, x: box.x, y: box.y + ls * 0.85, size: ls, color: INK, bold: true },
  ];
  let y = box.y + ls * 0.85 + 24 * u;
  for (const item of list.items) {
    const w = box.width - 18 * u;
    const all = item.detail ? wrapText(item.detail, w, ds) : [];
    const details = all.length > 2 ? [all[0]!, fitText(all.slice(1).join(' '), w, ds)] : all;
    const need = ls * 0.3 + details.length * ds * 1.3;
    if (y + need > box.bottom) break;
    out.push({
      role: 'list-label',
      text: fitText(item.label, box.width - textWidth(item.value, ls, true) - 12 * u, ls, true),
      x: box.x,
      y,
      size: ls,
      color: INK,
      bold: true,
    });
    out.push({
      role: 'list-value',
      text: item.value,
      x: box.x + box.width,
      y,
      size: ls,
      color: INK,
      bold: true,
      anchor: 'end',
    });
    details.forEach((d, i) =>
      out.push({ role: 'list-detail', text: d, x: box.x + 18 * u, y: y + (i + 1) * ds * 1.3, size: ds, color: MUTED }),
    );
    y += ls * 0.4 + (details.length + 1) * ds * 1.3 + 6 * u;
  }
  return out.length > 1 ? out : [];
}
