import { useQuery } from '@tanstack/react-query';
import { Fragment, useState } from 'react';
import { t, translated } from '../../i18n/messages.ts';
import { fmtPct, fmtPeriod } from '../../lib/format.ts';
import type { ContributionRow } from '../../queries/scores.ts';
import { observationQueries, type ObservationVersion } from '../../queries/observations.ts';
import { contributionKey } from './driver-list.tsx';
import { indicatorLabel } from '../../i18n/catalogue-labels.tsx';

const STATE_LABEL: Readonly<Record<string, string>> = translated(
  ['current', 'superseded', 'retracted'] as const,
  (s) => `observation.state.${s}`,
);
const CONFIDENCE_LABEL: Readonly<Record<string, string>> = translated(
  ['high', 'medium', 'low'] as const,
  (c) => `observation.confidence.${c}`,
);

/**
 * The observations behind a score: indicator, value, month, confidence and source citation, with
 * every version of each (who entered it, when, and why it was corrected) one click away.
 */
export function EvidenceList({
  code,
  parentCode,
  parentName,
  contributions,
}: {
  code: string;
  parentCode: string | null;
  parentName?: string;
  contributions: readonly ContributionRow[];
}) {
  const observed = contributions.filter((c) => c.observed).sort((a, b) => b.points - a.points);
  const own = useQuery(observationQueries.history(code));
  const inherited = useQuery({
    ...observationQueries.history(parentCode ?? ''),
    enabled: Boolean(parentCode) && observed.some((c) => c.inherited),
  });
  const [open, setOpen] = useState<string | null>(null);
  if (observed.length === 0) return <p className="empty">{t('observations.none')}</p>;
  const versionsOf = (c: ContributionRow): ObservationVersion[] | null => {
    const q = c.inherited ? inherited : own;
    if (!q.data) return null;
    const cur = q.data.find((v) => v.id === c.observationId);
    return q.data
      .filter((v) => v.indicatorId === c.indicatorId && v.period === (cur?.period ?? c.observedPeriod))
      .sort((a, b) => (a.enteredAt < b.enteredAt ? -1 : a.enteredAt > b.enteredAt ? 1 : a.id - b.id));
  };
  const historyStatus = own.isError ? (own.error as { status?: number }).status : null;
  const historyNote =
    historyStatus === 401 || historyStatus === 403
      ? t('observations.signIn')
      : historyStatus === 404
        ? t('observations.noHistory')
        : own.isError
          ? t('observations.historyFailed', { message: own.error.message })
          : t('observations.loadingHistory');
  return (
    <div className="table-wrap">
      <table className="evidence">
        <caption className="sr-only">{t('profile.evidence')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('observations.indicator')}</th>
            <th scope="col">{t('observations.value')}</th>
            <th scope="col">{t('observations.month')}</th>
            <th scope="col">{t('observations.source')}</th>
            <th scope="col">
              <span className="sr-only">{t('observations.history')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {observed.map((c) => {
            const versions = versionsOf(c);
            const current = versions?.find((v) => v.id === c.observationId);
            const citation = c.sourceCitation ?? current?.sourceCitation;
            const key = contributionKey(c);
            const isOpen = open === key;
            return (
              <Fragment key={key}>
                <tr>
                  <td>
                    {indicatorLabel(c.indicatorId, c.label)}
                    {c.inherited && <span className="tag">{parentName ?? t('search.country')}</span>}
                  </td>
                  <td>{c.display ?? (c.value === null ? '—' : fmtPct(c.value))}</td>
                  <td>
                    {fmtPeriod(c.observedPeriod)}
                    {c.confidence && (
                      <span className="muted small">
                        {' · '}
                        {t('observations.confidence', { level: CONFIDENCE_LABEL[c.confidence] ?? c.confidence })}
                      </span>
                    )}
                  </td>
                  <td className="source">
                    {citation ?? <span className="muted">—</span>}
                    {current?.sourceLocator && <span className="muted small"> ({current.sourceLocator})</span>}
                  </td>
                  <td>
                    <button
                      type="button"
                      className="link"
                      aria-expanded={isOpen}
                      onClick={() => setOpen(isOpen ? null : key)}
                      aria-label={t('observations.historyOf', { label: indicatorLabel(c.indicatorId, c.label) })}
                    >
                      {versions ? t('observations.versions', { count: versions.length }) : t('observations.history')}
                    </button>
                  </td>
                </tr>
                {isOpen && (
                  <tr className="history">
                    <td colSpan={5}>
                      {versions ? <VersionList versions={versions} /> : <p className="muted small">{historyNote}</p>}
                    </td>
                  </tr>
                )}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function VersionList({ versions }: { versions: readonly ObservationVersion[] }) {
  if (versions.length === 0) return <p className="muted small">{t('observations.noVersion')}</p>;
  return (
    <ol className="versions">
      {versions.map((v) => (
        <li key={v.id}>
          <strong>{v.value}</strong>{' '}
          {t('observations.version', {
            period: fmtPeriod(v.period),
            state: STATE_LABEL[v.state] ?? v.state,
            who: v.enteredBy,
            date: v.enteredAt.slice(0, 10),
          })}
          {v.reason && <> · {t('observations.reason', { reason: v.reason })}</>}
          <br />
          <span className="muted small">
            {v.sourceCitation}
            {v.sourceLocator ? ` (${v.sourceLocator})` : ''}
            {v.sourceUrl && (
              <>
                {' '}
                <a href={v.sourceUrl} target="_blank" rel="noreferrer">
                  {t('observations.link')}
                </a>
              </>
            )}
          </span>
        </li>
      ))}
    </ol>
  );
}
