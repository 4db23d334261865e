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

/** The indicators that add most to the score, each with a one-line reason and its points. */
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
  const contributions = explanation?.contributions
    .filter((c) => c.observed && c.points > 0)
    .sort((a, b) => b.points - a.points);
  if (contributions && contributions.length > 0) {
    const total = explanation?.score ?? contributions.reduce((s, c) => s + c.points, 0);
    return (
      <ol className="drivers">
        {contributions.slice(0, limit).map((c) => (
          <li key={c.indicatorId}>
            <div className="driver-head">
              <span className="driver-label">{c.label}</span>
              <span className="points" title="Points this indicator adds to the score">
                +{c.points.toFixed(1)}
              </span>
            </div>
            <div className="bar" aria-hidden="true">
              <span style={{ width: `${Math.min(100, (c.points / Math.max(total, 0.01)) * 100)}%` }} />
            </div>
            <p className="reason">{contributionReason(c, parentName)}</p>
          </li>
        ))}
      </ol>
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
