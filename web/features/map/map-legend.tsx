import { MODEL_CONFIG } from '../../../indicators/model/config.ts';
import { INSUFFICIENT_DATA, NO_DATA } from '../../../indicators/vocabulary.ts';
import { CHANGE_BINS, CHANGE_MISSING } from '../../charts/change-colors.ts';
import { CLASS_COLORS, CLASS_LABELS } from '../../charts/risk-colors.ts';

/** The map legend: risk classes with their score ranges, then the two kinds of missing data, each explained. */
export function MapLegend({ title, note }: { title: string; note?: string }) {
  const t = MODEL_CONFIG.classThresholds;
  return (
    <figure className="legend" aria-label="Map legend">
      <figcaption>{title}</figcaption>
      <ul>
        {[...t].reverse().map((c) => {
          const i = t.indexOf(c);
          const upper = t[i + 1]?.min;
          return (
            <li key={c.class}>
              <span className="swatch" style={{ background: CLASS_COLORS[c.class] }} />
              {CLASS_LABELS[c.class]} <small>{upper === undefined ? `${c.min}–10` : `${c.min}–${upper}`}</small>
            </li>
          );
        })}
        <li>
          <span className="swatch" style={{ background: CLASS_COLORS[INSUFFICIENT_DATA] }} />
          <span>
            {CLASS_LABELS[INSUFFICIENT_DATA]} <small className="explain">some evidence, too little for a class</small>
          </span>
        </li>
        <li>
          <span className="swatch swatch-empty" style={{ background: CLASS_COLORS[NO_DATA] }} />
          <span>
            {CLASS_LABELS[NO_DATA]} <small className="explain">nothing observed: missing, not low risk</small>
          </span>
        </li>
        <li>
          <span className="swatch swatch-hot" />
          <span>Hotspot (highest scores)</span>
        </li>
      </ul>
      {note && <p className="legend-note">{note}</p>}
    </figure>
  );
}

/** Legend of the change maps: the diverging bins and the "no score" grey. */
export function ChangeLegend({ title, note }: { title: string; note?: string }) {
  return (
    <figure className="legend" aria-label="Map legend">
      <figcaption>{title}</figcaption>
      <ul>
        {[...CHANGE_BINS].reverse().map((b) => (
          <li key={b.id}>
            <span className="swatch" style={{ background: b.color }} />
            {b.label} <small>points</small>
          </li>
        ))}
        <li>
          <span className="swatch swatch-empty" style={{ background: CHANGE_MISSING.color }} />
          <span>
            {CHANGE_MISSING.label} <small className="explain">not comparable, not “no change”</small>
          </span>
        </li>
      </ul>
      {note && <p className="legend-note">{note}</p>}
    </figure>
  );
}
