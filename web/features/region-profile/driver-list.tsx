import { fmtPeriod } from '../../lib/format.ts';
import type { ContributionRow, Explanation } from '../../queries/scores.ts';
import type { SeriesPoint } from '../../queries/scores.ts';

/** One line saying what an indicator contributes and on what evidence. */
export function contributionReason(c: ContributionRow, parentName?: string): string {
  const value = c.display ?? (c.value === null ? 'observed' : `${Math.round(c.value * 100)}% of its scale`);
  const when = c.observedPeriod ? ` in ${fmtPeriod(c.observedPeriod)}` : '';
  const age = c.ageMonths ? ` (${c.ageMonths} month${c.ageMonths === 1 ? '' : 's'} before, weight faded)` : '';
  const where = c.inherited ? `, recorded for ${parentName ?? 'the country'}` : '';
  return `${value}${when}${age}${where}`;
}

/** A key unique among an explanation's contributions: one indicator can be read by several sources. */
export const contributionKey = (c: Pick<ContributionRow, 'indicatorId' | 'source' | 'observationId'>) =>
  `${c.indicatorId}|${c.source ?? ''}|${c.observationId ?? ''}`;

/** The source of a reading, shortened for a driver line. */
const shortSource = (c: ContributionRow) => {
  const s = c.sourceCitation ?? c.source ?? '';
  return s.length > 70 ? `${s.slice(0, 68)}…` : s;
};

/**
 * The readings that add most to the score, each with a one-line reason and its points (an
 * indicator read by several independent sources appears once per source, named), then the
 * readings that lower it: indicators looked for and not found, with their negative points.
 */
export function DriverList({
  explanation,
  row,
  parentName,
  limit = 5,
}: {
  explanation: Explanation | undefined;
  row: SeriesPoint | undefined;
  parentName?: string;
  limit?: number;
}) {
  const observed = explanation?.contributions.filter((c) => c.observed) ?? [];
  const contributions = observed.filter((c) => c.points > 0).sort((a, b) => b.points - a.points);
  const lowering = observed.filter((c) => c.points < 0).sort((a, b) => a.points - b.points);
  const repeated = new Set(
    observed.map((c) => c.indicatorId).filter((id, _i, all) => all.indexOf(id) !== all.lastIndexOf(id)),
  );
  if (contributions.length > 0 || lowering.length > 0) {
    const total = explanation?.score ?? contributions.reduce((s, c) => s + c.points, 0);
    const line = (c: ContributionRow) =>
      `${contributionReason(c, parentName)}${repeated.has(c.indicatorId) ? ` · ${shortSource(c)}` : ''}`;
    return (
      <>
        <ol className="drivers">
          {contributions.slice(0, limit).map((c) => (
            <li key={contributionKey(c)}>
              <div className="driver-head">
                <span className="driver-label">{c.label}</span>
                <span className="points" title="Points this reading adds to the score">
                  +{c.points.toFixed(1)}
                </span>
              </div>
              <div className="bar" aria-hidden="true">
                <span style={{ width: `${Math.min(100, (c.points / Math.max(total, 0.01)) * 100)}%` }} />
              </div>
              <p className="reason">{line(c)}</p>
            </li>
          ))}
        </ol>
        {lowering.length > 0 && (
          <>
            <h4 className="drivers-sub">Looked for, not found (lowers the score)</h4>
            <ol className="drivers drivers-absent" aria-label="Looked for, not found">
              {lowering.slice(0, limit).map((c) => (
                <li key={contributionKey(c)}>
                  <div className="driver-head">
                    <span className="driver-label">{c.label}</span>
                    <span className="points negative" title="Points this reading takes off the score">
                      −{Math.abs(c.points).toFixed(1)}
                    </span>
                  </div>
                  <p className="reason">{line(c)}</p>
                </li>
              ))}
            </ol>
          </>
        )}
      </>
    );
  }
  if (row && row.drivers.length > 0) {
    return (
      <ol className="drivers">
        {row.drivers.map((d) => (
          <li key={d.indicatorId}>
            <div className="driver-head">
              <span className="driver-label">{d.label}</span>
              <span className="points">+{d.points.toFixed(1)}</span>
            </div>
          </li>
        ))}
      </ol>
    );
  }
  return <p className="empty">Nothing observed for this lens in this month: no drivers to show.</p>;
}
