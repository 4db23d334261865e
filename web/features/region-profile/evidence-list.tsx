import { useQuery } from '@tanstack/react-query';
import { Fragment, useState } from 'react';
import { fmtPeriod } from '../../lib/format.ts';
import type { ContributionRow } from '../../queries/scores.ts';
import { observationQueries, type ObservationVersion } from '../../queries/observations.ts';
import { contributionKey } from './driver-list.tsx';

const STATE_LABEL: Record<string, string> = { current: 'current', superseded: 'corrected', retracted: 'retracted' };

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
  if (observed.length === 0) return <p className="empty">No observation informs this score.</p>;
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
      ? 'Sign in to see every version of this observation: who entered it, when, and why it changed.'
      : historyStatus === 404
        ? 'Version history is not available from this server.'
        : own.isError
          ? `Could not load the history: ${own.error.message}`
          : 'Loading history…';
  return (
    <div className="table-wrap">
      <table className="evidence">
        <caption className="sr-only">Observations behind the score</caption>
        <thead>
          <tr>
            <th scope="col">Indicator</th>
            <th scope="col">Value</th>
            <th scope="col">Month</th>
            <th scope="col">Source</th>
            <th scope="col">
              <span className="sr-only">History</span>
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
                    {c.label}
                    {c.inherited && <span className="tag">{parentName ?? 'country'}</span>}
                  </td>
                  <td>{c.display ?? (c.value === null ? '—' : `${Math.round(c.value * 100)}%`)}</td>
                  <td>
                    {fmtPeriod(c.observedPeriod)}
                    {c.confidence && <span className="muted small"> · {c.confidence} confidence</span>}
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
                      aria-label={`History of ${c.label}`}
                    >
                      {versions ? `${versions.length} version${versions.length === 1 ? '' : 's'}` : 'History'}
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
  if (versions.length === 0) return <p className="muted small">No stored version found.</p>;
  return (
    <ol className="versions">
      {versions.map((v) => (
        <li key={v.id}>
          <strong>{v.value}</strong> for {fmtPeriod(v.period)} · {STATE_LABEL[v.state] ?? v.state} · entered by{' '}
          {v.enteredBy} on {v.enteredAt.slice(0, 10)}
          {v.reason && <> · reason: {v.reason}</>}
          <br />
          <span className="muted small">
            {v.sourceCitation}
            {v.sourceLocator ? ` (${v.sourceLocator})` : ''}
            {v.sourceUrl && (
              <>
                {' '}
                <a href={v.sourceUrl} target="_blank" rel="noreferrer">
                  link
                </a>
              </>
            )}
          </span>
        </li>
      ))}
    </ol>
  );
}
