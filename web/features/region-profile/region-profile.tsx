import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { Lens } from '../../../indicators/index.ts';
import { LENS_LABELS } from '../../lib/view-state.ts';
import type { ResolvedRange } from '../controls/month-range.ts';
import { regionQueries } from '../../queries/regions.ts';
import { scoreQueries } from '../../queries/scores.ts';
import { QueryStatus, Section } from '../common/status.tsx';
import { DriverList } from './driver-list.tsx';
import { EvidenceList } from './evidence-list.tsx';
import { EvidenceModel } from './evidence-model.tsx';
import { FormProfile } from './form-profile.tsx';
import { ProfileHeader } from './profile-header.tsx';
import { RegionComparison } from './region-comparison.tsx';
import { TrendSection } from './trend-section.tsx';
import { t } from '../../i18n/messages.ts';

export interface RegionProfileProps {
  code: string;
  period: string;
  lens: Lens;
  scenario: string;
  /** `panel` beside the map; `page` for the full-width profile. */
  variant: 'panel' | 'page';
  onSelectRegion?: (code: string) => void;
  /** A new value moves the keyboard focus to the region's name (see {@link ProfileHeader}). */
  focusKey?: number;
  /** The months the trend and its alerts cover (all months with data when absent); one the link asked for is passed on to the brief. */
  range?: ResolvedRange;
}

/**
 * Everything a mission planner needs about one region in one month: score, class, coverage and
 * confidence; the trend with class bands and alerts; the drivers with one-line reasons; how the
 * evidence builds the score (independent sources, prior, strength, absence, ceiling); the likely
 * forms of exploitation; the observations behind the score with sources and history; and a
 * comparison with the country and the neighbours.
 */
export function RegionProfileView({
  code,
  period,
  lens,
  scenario,
  variant,
  onSelectRegion,
  focusKey,
  range,
}: RegionProfileProps) {
  const profile = useQuery(regionQueries.profile(code));
  const series = useQuery(scoreQueries.series(code, lens, scenario));
  const explain = useQuery({ ...scoreQueries.explain(code, period, lens, scenario), retry: false });
  const row = series.data?.find((p) => p.period === period);
  const [from, to] = [range?.from ?? '', range?.to ?? '9999-12'];
  const inRange = useMemo(
    () => (series.data ?? []).filter((p) => p.period >= from && p.period <= to),
    [series.data, from, to],
  );
  const name = profile.data?.name ?? code;
  const parentName = profile.data?.parent?.name;
  const s = (id: string) => `${variant}-${id}`;

  if (profile.isError) {
    return (
      <div className="profile" data-region={code}>
        <p className="error" role="alert">
          {t('profile.loadFailed', { code, message: profile.error.message })}
        </p>
      </div>
    );
  }
  return (
    <article className={`profile profile-${variant}`} data-region={code} aria-label={t('profile.label', { name })}>
      <ProfileHeader
        code={code}
        profile={profile.data}
        row={row}
        explanation={explain.data}
        status={series.status}
        period={period}
        briefHref={`/brief?${new URLSearchParams({
          region: code,
          period,
          lens,
          ...(scenario === 'baseline' ? {} : { scenario }),
          ...(range?.asked ? { from: range.from, to: range.to } : {}),
        })}`}
        onSelectRegion={onSelectRegion}
        focusKey={focusKey}
      />
      <p className="muted small lens-note">{LENS_LABELS[lens]}</p>
      <div className="profile-grid">
        <Section title={t('profile.trend')} id={s('trend')}>
          <QueryStatus query={series} what={t('profile.theTrend')}>
            <TrendSection code={code} name={name} lens={lens} scenario={scenario} period={period} series={inRange} />
          </QueryStatus>
        </Section>
        <Section title={t('profile.drivers')} id={s('drivers')}>
          {explain.isPending && explain.fetchStatus !== 'idle' && !row ? (
            <p className="loading">{t('profile.loadingExplanation')}</p>
          ) : (
            <DriverList explanation={explain.data} row={row} parentName={parentName} />
          )}
        </Section>
        <Section title={t('profile.model')} id={s('model')}>
          <QueryStatus query={explain} what={t('profile.theModel')}>
            {explain.data && <EvidenceModel explanation={explain.data} />}
          </QueryStatus>
        </Section>
        <Section title={t('profile.forms')} id={s('forms')}>
          <QueryStatus query={explain} what={t('profile.theForms')} unavailable={t('profile.formsUnavailable')}>
            {explain.data && <FormProfile explanation={explain.data} />}
          </QueryStatus>
        </Section>
        <Section title={t('profile.compare')} id={s('compare')}>
          {profile.data ? (
            <RegionComparison
              profile={profile.data}
              period={period}
              lens={lens}
              scenario={scenario}
              onSelectRegion={onSelectRegion}
            />
          ) : (
            <p className="loading">{t('profile.loading')}</p>
          )}
        </Section>
        <Section title={t('profile.evidence')} id={s('evidence')}>
          <QueryStatus query={explain} what={t('profile.theEvidence')} unavailable={t('profile.evidenceUnavailable')}>
            {explain.data && (
              <EvidenceList
                code={code}
                parentCode={profile.data?.parent?.code ?? null}
                parentName={parentName}
                contributions={explain.data.contributions}
              />
            )}
          </QueryStatus>
        </Section>
      </div>
    </article>
  );
}
