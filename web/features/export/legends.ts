import { INSUFFICIENT_DATA, MODEL_CONFIG, NO_DATA } from '../../../indicators/index.ts';
import { CHANGE_BINS, CHANGE_MISSING } from '../../charts/change-colors.ts';
import { CLASS_COLORS, CLASS_LABELS } from '../../charts/risk-colors.ts';
import { COUNTRY_LEVEL, MAP_COLORS, MARK_TEXT } from '../../charts/evidence-marks.ts';
import type { PatternKind } from '../../charts/patterns.ts';
import { t } from '../../i18n/messages.ts';
import { numberRange } from './text.ts';

/** One legend line: the category it stands for, its colour, its label and an optional short detail. */
export interface LegendEntry {
  category: string;
  color: string;
  label: string;
  detail?: string;
  /** Drawn with a dashed border: a kind of missing data, not a value. */
  missing?: boolean;
  /** A texture drawn over the colour (conditions-only hatching, country-level dots). */
  pattern?: PatternKind;
}

/** A map legend; regions without a category get `fallback`'s colour. */
export interface ExportLegend {
  title: string;
  entries: readonly LegendEntry[];
  fallback: string;
  /** Adds a line for outlined regions (hotspots, largest changes). */
  hotspots?: boolean;
  /** The words of that line. */
  outlineLabel?: string;
}

/** The risk-class legend: classes from highest to lowest with their score ranges, then insufficient data and no data, each explained. */
export function classLegend(): ExportLegend {
  const thresholds = MODEL_CONFIG.classThresholds;
  const classes = [...thresholds].reverse().map((c): LegendEntry => {
    const upper = thresholds[thresholds.indexOf(c) + 1]?.min ?? 10;
    return {
      category: c.class,
      color: CLASS_COLORS[c.class],
      label: CLASS_LABELS[c.class],
      detail: numberRange(c.min, upper),
    };
  });
  return {
    title: t('export.legend.classTitle', { range: numberRange(0, 10) }),
    entries: [
      ...classes,
      {
        category: INSUFFICIENT_DATA,
        color: CLASS_COLORS[INSUFFICIENT_DATA],
        label: CLASS_LABELS[INSUFFICIENT_DATA],
        detail: t('legend.insufficient'),
      },
      {
        category: 'conditions-only',
        color: '#ffffff',
        label: MARK_TEXT.conditions.label,
        detail: t('export.legend.conditions', { detail: MARK_TEXT.conditions.detail }),
        pattern: 'conditions',
      },
      {
        category: COUNTRY_LEVEL,
        color: MAP_COLORS[COUNTRY_LEVEL]!,
        label: MARK_TEXT.country.label,
        detail: t('export.legend.country', { detail: MARK_TEXT.country.detail }),
        pattern: 'country',
      },
      {
        category: NO_DATA,
        color: CLASS_COLORS[NO_DATA],
        label: CLASS_LABELS[NO_DATA],
        detail: t('legend.noData'),
        missing: true,
      },
    ],
    fallback: NO_DATA,
    outlineLabel: t('export.legend.hotspot'),
  };
}

/** The change legend: the diverging bins from the largest rise to the largest fall, then "not comparable". */
export function changeLegend(): ExportLegend {
  return {
    title: t('export.legend.changeTitle', { range: numberRange(0, 10) }),
    entries: [
      ...[...CHANGE_BINS].reverse().map((b): LegendEntry => ({ category: b.id, color: b.color, label: b.label })),
      {
        category: CHANGE_MISSING.id,
        color: CHANGE_MISSING.color,
        label: CHANGE_MISSING.label,
        detail: t('legend.notComparable'),
        missing: true,
      },
    ],
    fallback: CHANGE_MISSING.id,
    outlineLabel: t('export.legend.largest'),
  };
}
