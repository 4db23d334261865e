import { useState, type ReactNode } from 'react';
import { INSUFFICIENT_DATA, MODEL_CONFIG, NO_DATA } from '../../../indicators/index.ts';
import { CHANGE_BINS, CHANGE_MISSING } from '../../charts/change-colors.ts';
import { CLASS_COLORS, CLASS_LABELS } from '../../charts/risk-colors.ts';
import { MAP_COLORS, MARK_TEXT, COUNTRY_LEVEL } from '../../charts/evidence-marks.ts';
import { patternCss, type PatternKind } from '../../charts/patterns.ts';
import { t } from '../../i18n/messages.ts';
import { fmtNumber } from '../../lib/format.ts';

/** A legend line for a texture: its swatch (the texture over a light ground, or over the country-level fill) and its words. */
export function MarkLegendItem({ kind }: { kind: PatternKind }) {
  const ground = kind === 'country' ? MAP_COLORS[COUNTRY_LEVEL] : '#f5f7fa';
  return (
    <li data-pattern={kind}>
      <span className="swatch" style={{ backgroundColor: ground, backgroundImage: patternCss(kind) }} />
      <span>
        {MARK_TEXT[kind].label} <small className="explain">— {MARK_TEXT[kind].detail}</small>
      </span>
    </li>
  );
}

/**
 * The map legend: risk classes with their score ranges, the textures that can appear (`marks`:
 * conditions only, in the trafficking lens; country-level records only, on first-level regions),
 * then the two kinds of missing data, each explained.
 */
export function MapLegend({
  title,
  note,
  marks = [],
}: {
  title: string;
  note?: string;
  marks?: readonly PatternKind[];
}) {
  const thresholds = MODEL_CONFIG.classThresholds;
  return (
    <LegendFrame title={title} note={note}>
      {[...thresholds].reverse().map((c) => {
        const i = thresholds.indexOf(c);
        const upper = thresholds[i + 1]?.min;
        return (
          <li key={c.class}>
            <span className="swatch" style={{ background: CLASS_COLORS[c.class] }} />
            {CLASS_LABELS[c.class]} <small>{`${fmtNumber(c.min)}–${fmtNumber(upper ?? 10)}`}</small>
          </li>
        );
      })}
      {marks.map((k) => (
        <MarkLegendItem key={k} kind={k} />
      ))}
      <li>
        <span className="swatch" style={{ background: CLASS_COLORS[INSUFFICIENT_DATA] }} />
        <span>
          {CLASS_LABELS[INSUFFICIENT_DATA]} <small className="explain">{t('legend.insufficient')}</small>
        </span>
      </li>
      <li>
        <span className="swatch swatch-empty" style={{ background: CLASS_COLORS[NO_DATA] }} />
        <span>
          {CLASS_LABELS[NO_DATA]} <small className="explain">{t('legend.noData')}</small>
        </span>
      </li>
      <li>
        <span className="swatch swatch-hot" />
        <span>{t('legend.hotspot')}</span>
      </li>
    </LegendFrame>
  );
}

/** Legend of the change maps: the diverging bins and the "no score" grey. */
export function ChangeLegend({ title, note }: { title: string; note?: string }) {
  return (
    <LegendFrame title={title} note={note}>
      {[...CHANGE_BINS].reverse().map((b) => (
        <li key={b.id}>
          <span className="swatch" style={{ background: b.color }} />
          {b.label} <small>{t('legend.points')}</small>
        </li>
      ))}
      <li>
        <span className="swatch swatch-empty" style={{ background: CHANGE_MISSING.color }} />
        <span>
          {CHANGE_MISSING.label} <small className="explain">{t('legend.notComparable')}</small>
        </span>
      </li>
    </LegendFrame>
  );
}

/**
 * The legend's box over the map. On a narrow screen it folds to a "Legend" button so that it does not
 * cover the map (CSS shows the button and hides the folded content only below the breakpoint; on a wide
 * screen the legend is always open and the button is not shown).
 */
function LegendFrame({ title, note, children }: { title: string; note?: string; children: ReactNode }) {
  const [open, setOpen] = useState(false);
  return (
    <figure className={open ? 'legend open' : 'legend'} aria-label={t('legend.label')}>
      <button type="button" className="legend-toggle" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
        {open ? t('legend.hide') : t('legend.show')}
      </button>
      <figcaption>{title}</figcaption>
      <ul>{children}</ul>
      {note && <p className="legend-note">{note}</p>}
    </figure>
  );
}
