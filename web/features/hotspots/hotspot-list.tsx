import { useEffect, useRef } from 'react';
import { MARK_TEXT } from '../../charts/evidence-marks.ts';
import { patternCss } from '../../charts/patterns.ts';
import { CLASS_COLORS, CLASS_LABELS } from '../../charts/risk-colors.ts';
import { fmtScore } from '../../lib/format.ts';
import type { Hotspot } from './hotspots.ts';
import { t } from '../../i18n/messages.ts';

/**
 * The ranked hotspot list with one-line reasons; each entry is a button that selects the region.
 * A region scored on conditions only carries the map's hatching on its swatch and says so.
 */
export function HotspotList({
  hotspots,
  title,
  onSelect,
  selected,
  focusKey,
  id = 'hotspots-title',
}: {
  hotspots: readonly Hotspot[];
  title: string;
  onSelect: (code: string) => void;
  selected?: string | null;
  /** A new positive value moves the keyboard focus to the list's heading (after the user came back to the list). */
  focusKey?: number;
  /** The heading's id (a second list on the page, e.g. districts, needs its own). */
  id?: string;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focusKey && focusKey > 0) heading.current?.focus();
  }, [focusKey]);
  return (
    <section className="hotspots" aria-labelledby={id}>
      <h2 id={id} ref={heading} tabIndex={-1}>
        {title}
      </h2>
      {hotspots.length === 0 ? (
        <p className="empty">{t('hotspots.empty')}</p>
      ) : (
        <ol>
          {hotspots.map((h) => (
            <li key={h.region}>
              <button
                type="button"
                className="hotspot"
                aria-pressed={selected === h.region}
                onClick={() => onSelect(h.region)}
              >
                <span className="rank">{h.rank}</span>
                <span
                  className="swatch"
                  style={{
                    backgroundColor: CLASS_COLORS[h.class],
                    backgroundImage: h.conditionsOnly ? patternCss('conditions') : undefined,
                  }}
                  title={`${CLASS_LABELS[h.class]}${h.conditionsOnly ? ` · ${MARK_TEXT.conditions.label.toLowerCase()}` : ''}`}
                />
                <span className="what">
                  <strong>{h.name}</strong> <span className="score">{fmtScore(h.score)}</span>
                  {h.conditionsOnly && (
                    <span className="tag tag-conditions" title={MARK_TEXT.conditions.detail}>
                      {MARK_TEXT.conditions.label.toLowerCase()}
                    </span>
                  )}
                  <span className="reason">
                    {h.reason}
                    {h.alike > 0 && ` · ${t('hotspots.alike', { count: h.alike })}`}
                  </span>
                </span>
              </button>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
