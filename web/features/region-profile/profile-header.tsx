import { useEffect, useRef } from 'react';
import { MAP_COLORS, MARK_TEXT, mapMark } from '../../charts/evidence-marks.ts';
import { patternCss } from '../../charts/patterns.ts';
import { asClass, CLASS_COLORS, CLASS_LABELS } from '../../charts/risk-colors.ts';
import { fmtChange, fmtPct, fmtPeriod, fmtScore } from '../../lib/format.ts';
import { useWatchlist } from '../monitoring/use-watchlist.ts';
import type { Explanation, SeriesPoint } from '../../queries/scores.ts';
import type { RegionProfile } from '../../queries/regions.ts';
import { countryLevelLine, countryRecords, evidenceCounts } from '../common/evidence-text.ts';
import { t, translated } from '../../i18n/messages.ts';

const CONFIDENCE_TEXT: Readonly<Record<string, string>> = translated(
  ['high', 'medium', 'low'] as const,
  (c) => `confidence.${c}`,
);

/**
 * Name, place, score, class, coverage, confidence, evidence and change of a region in one month;
 * a conditions-only score is marked with the map's hatching, and a region with country-level
 * records only shows its country's score beside it (from the explanation), never as its own.
 */
export function ProfileHeader({
  code,
  profile,
  row,
  explanation,
  status,
  period,
  briefHref,
  onSelectRegion,
  focusKey,
}: {
  code: string;
  profile: RegionProfile | undefined;
  row: SeriesPoint | undefined;
  explanation?: Explanation;
  status: 'pending' | 'error' | 'success';
  period: string;
  briefHref: string;
  onSelectRegion?: (code: string) => void;
  /** A new positive value moves the keyboard focus to the region's name (after the user chose a region from a list). */
  focusKey?: number;
}) {
  const watch = useWatchlist();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focusKey && focusKey > 0) heading.current?.focus();
  }, [focusKey]);
  const cls = asClass(row?.class);
  const mark = row ? mapMark(row).pattern : null;
  const watched = watch.has(code);
  return (
    <header className="profile-header" data-testid="region-summary">
      <div className="title-row">
        <h2 ref={heading} tabIndex={-1}>
          {profile?.name ?? code}
        </h2>
        <span className="title-actions">
          <button
            type="button"
            className={`watch${watched ? ' on' : ''}`}
            aria-pressed={watched}
            onClick={() => watch.toggle(code)}
          >
            {watched ? t('profile.watching') : t('profile.watch')}
          </button>
          <a
            className="watch brief-link"
            href={briefHref}
            target="_blank"
            rel="noopener"
            title={t('profile.printBriefTitle')}
          >
            {t('profile.printBrief')}
          </a>
        </span>
      </div>
      <p className="code">
        {code}
        {profile?.kind ? ` · ${profile.kind}` : ''}
        {profile?.parent && (
          <>
            {' · '}
            {onSelectRegion ? (
              <button type="button" className="link" onClick={() => onSelectRegion(profile.parent!.code)}>
                {profile.parent.name}
              </button>
            ) : (
              profile.parent.name
            )}
          </>
        )}
      </p>
      {status === 'pending' ? (
        <p className="big loading" role="status">
          {t('profile.loadingScore')}
        </p>
      ) : status === 'error' ? (
        <p className="error" role="alert">
          {t('profile.scoreFailed')}
        </p>
      ) : mark === 'country' ? (
        <>
          <p className="big">
            <span
              className="swatch"
              style={{ backgroundColor: MAP_COLORS['country-level'], backgroundImage: patternCss('country') }}
            />{' '}
            <span data-testid="profile-score">—</span> <small>{MARK_TEXT.country.label}</small>
          </p>
          <p className="basis-note" data-testid="profile-basis">
            {countryLevelLine(
              explanation?.country,
              explanation ? countryRecords(explanation.contributions) : row!.evidence.indicators,
            )}
            {profile?.parent && onSelectRegion && (
              <>
                {' · '}
                <button type="button" className="link" onClick={() => onSelectRegion(profile.parent!.code)}>
                  {t('profile.seeParent', { name: profile.parent.name })}
                </button>
              </>
            )}
          </p>
        </>
      ) : (
        <>
          <p className="big">
            <span
              className="swatch"
              style={{
                backgroundColor: CLASS_COLORS[cls],
                backgroundImage: mark === 'conditions' ? patternCss('conditions') : undefined,
              }}
            />{' '}
            <span data-testid="profile-score">{fmtScore(row?.score)}</span>{' '}
            <small>{t('profile.outOfTen', { cls: CLASS_LABELS[cls] })}</small>
          </p>
          {mark === 'conditions' && (
            <p className="basis-note" data-testid="profile-basis">
              {t('profile.conditionsNote', {
                label: MARK_TEXT.conditions.label,
                detail: MARK_TEXT.conditions.detail,
              })}
            </p>
          )}
        </>
      )}
      {row?.retiredSince && (
        <p className="basis-note" data-testid="profile-retired">
          {t('profile.retiredSince', { month: fmtPeriod(row.retiredSince) })}
        </p>
      )}
      <dl>
        <dt>{t('profile.month')}</dt>
        <dd>{fmtPeriod(period)}</dd>
        <dt>{t('profile.coverage')}</dt>
        <dd>
          {row
            ? t('profile.coverageValue', { pct: fmtPct(row.coverage) })
            : status === 'success'
              ? t('profile.noDataMonth')
              : '…'}
        </dd>
        <dt>{t('profile.evidenceLabel')}</dt>
        <dd>{row ? evidenceCounts(row.evidence) : '…'}</dd>
        <dt>{t('profile.confidence')}</dt>
        <dd>{row?.confidence ? (CONFIDENCE_TEXT[row.confidence] ?? row.confidence) : '—'}</dd>
        <dt>{t('profile.change')}</dt>
        <dd>{t('profile.changeValue', { c3: fmtChange(row?.trend), c12: fmtChange(row?.trend12) })}</dd>
      </dl>
    </header>
  );
}
