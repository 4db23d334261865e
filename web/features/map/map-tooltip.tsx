import { useQuery } from '@tanstack/react-query';
import type { Lens } from '../../../indicators/index.ts';
import { MARK_TEXT, MAP_COLORS, mapMark } from '../../charts/evidence-marks.ts';
import { patternCss } from '../../charts/patterns.ts';
import { asClass, CLASS_COLORS, CLASS_LABELS } from '../../charts/risk-colors.ts';
import { fmtScore } from '../../lib/format.ts';
import { scoreQueries, type MapRow } from '../../queries/scores.ts';
import { countryLevelLine, countryRecords } from '../common/evidence-text.ts';
import type { MapHover } from './risk-map.tsx';
import { t } from '../../i18n/messages.ts';

/**
 * The map's hover card: name, class and score; "conditions only" with its hatching where the score
 * rests on drivers alone; and, for a region with country-level records only, its country's score
 * and class from the explanation (fetched for those regions only).
 */
export function MapTooltip({
  name,
  x,
  y,
  score,
  period,
  lens,
  scenario,
}: MapHover & { score: MapRow | undefined; period: string | null; lens: Lens; scenario: string }) {
  const mark = score ? mapMark(score) : { category: 'no-data', pattern: null };
  const country = mark.pattern === 'country';
  const explain = useQuery({
    ...scoreQueries.explain(score?.region ?? '', period ?? '', lens, scenario),
    enabled: country && Boolean(score && period),
  });
  const cls = asClass(score?.class);
  return (
    <div className="tooltip" role="tooltip" style={{ left: x + 14, top: y + 14 }}>
      <strong>{score?.name ?? name}</strong>
      <br />
      {country ? (
        <>
          <span
            className="swatch"
            style={{ backgroundColor: MAP_COLORS[mark.category], backgroundImage: patternCss('country') }}
          />{' '}
          {t('tooltip.noOwnScore')}
          <br />
          <span className="tooltip-note" data-testid="tooltip-country">
            {countryLevelLine(
              explain.data?.country,
              explain.data ? countryRecords(explain.data.contributions) : score!.evidence.indicators,
            )}
          </span>
        </>
      ) : (
        <>
          <span className="swatch" style={{ background: CLASS_COLORS[cls] }} /> {CLASS_LABELS[cls]}
          {score?.score !== null &&
            score?.score !== undefined &&
            ` · ${t('tooltip.outOfTen', { score: fmtScore(score.score) })}`}
        </>
      )}
      {mark.pattern === 'conditions' && (
        <>
          <br />
          <span className="tooltip-note" data-testid="tooltip-conditions">
            <span className="swatch" style={{ backgroundImage: patternCss('conditions') }} />{' '}
            {MARK_TEXT.conditions.label} — {MARK_TEXT.conditions.detail}
          </span>
        </>
      )}
    </div>
  );
}
