import { t } from '../../i18n/messages.ts';
import { fmtChange, fmtPeriod } from '../../lib/format.ts';
import type { ContributionRow, Explanation } from '../../queries/scores.ts';
import type { SeriesPoint } from '../../queries/scores.ts';
import { indicatorLabel } from '../../i18n/catalogue-labels.tsx';

/** One line saying what an indicator contributes and on what evidence. */
export function contributionReason(c: ContributionRow, parentName?: string): string {
  let text =
    c.display ?? (c.value === null ? t('driver.observed') : t('driver.ofScale', { pct: Math.round(c.value * 100) }));
  if (c.observedPeriod) text = t('driver.in', { text, period: fmtPeriod(c.observedPeriod) });
  if (c.ageMonths) text = t('driver.aged', { text, months: c.ageMonths });
  if (c.inherited) text = t('driver.recordedFor', { text, name: parentName ?? t('driver.theCountry') });
  return text;
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
                <span className="driver-label">{indicatorLabel(c.indicatorId, c.label)}</span>
                <span className="points" title={t('driver.adds')}>
                  {fmtChange(c.points)}
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
            <h4 className="drivers-sub">{t('driver.absentTitle')}</h4>
            <ol className="drivers drivers-absent" aria-label={t('driver.absent')}>
              {lowering.slice(0, limit).map((c) => (
                <li key={contributionKey(c)}>
                  <div className="driver-head">
                    <span className="driver-label">{indicatorLabel(c.indicatorId, c.label)}</span>
                    <span className="points negative" title={t('driver.takesOff')}>
                      {fmtChange(c.points)}
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
              <span className="driver-label">{indicatorLabel(d.indicatorId, d.label)}</span>
              <span className="points">{fmtChange(d.points)}</span>
            </div>
          </li>
        ))}
      </ol>
    );
  }
  return <p className="empty">{t('driver.none')}</p>;
}
