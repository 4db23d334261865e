import { MODEL_CONFIG } from '../../../indicators/model/config.ts';
import { INSUFFICIENT_DATA, NO_DATA } from '../../../indicators/vocabulary.ts';
import { CLASS_COLORS, CLASS_LABELS } from '../../charts/risk-colors.ts';

/** The map legend: risk classes with their score ranges, then the two kinds of missing data. */
export function MapLegend({ title }: { title: string }) {
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
        <li title="Some indicators observed, but below the coverage needed for a class">
          <span className="swatch" style={{ background: CLASS_COLORS[INSUFFICIENT_DATA] }} />
          {CLASS_LABELS[INSUFFICIENT_DATA]}
        </li>
        <li title="Nothing observed: missing, not low risk">
          <span className="swatch swatch-empty" style={{ background: CLASS_COLORS[NO_DATA] }} />
          {CLASS_LABELS[NO_DATA]}
        </li>
      </ul>
    </figure>
  );
}
