import type { ImportReport } from '../../queries/imports.ts';

const n = (x: number) => x.toLocaleString('en');

/** A validation report: counts, each rejected cell by row and column, names that matched no region. */
export function ImportReportView({ report }: { report: ImportReport }) {
  const verb = report.status === 'applied' ? '' : 'would ';
  return (
    <section className="import-report" aria-label="Import report">
      <p>
        <strong>{report.fileName}</strong> ({report.format}): {n(report.rowsRead)} rows read,{' '}
        <span className="ok">{n(report.rowsOk)} ok</span>,{' '}
        <span className={report.rowsRejectedCount ? 'error' : ''}>{n(report.rowsRejectedCount)} rejected</span>.
      </p>
      <p>
        {verb}create {n(report.wouldCreate)}, {verb}supersede {n(report.wouldSupersede)}, unchanged{' '}
        {n(report.unchanged)}, in {n(report.regions)} region{report.regions === 1 ? '' : 's'}.
      </p>
      {report.warnings.map((w) => (
        <p key={w} className="hint">
          {w}
        </p>
      ))}
      {report.unmatchedRegions.length > 0 && (
        <p className="error">
          Unmatched regions ({report.unmatchedRegions.length}): {report.unmatchedRegions.join('; ')}. Use an ISO 3166-2
          or Natural Earth code, a p-code, or the exact name; add a country column when a name is shared.
        </p>
      )}
      {report.rowsRejected.length > 0 && (
        <table className="rejections">
          <caption>
            Rejected rows
            {report.rowsRejected.length < report.rowsRejectedCount
              ? ` (first ${report.rowsRejected.length} problems)`
              : ''}
          </caption>
          <thead>
            <tr>
              <th>Row</th>
              <th>Column</th>
              <th>Problem</th>
            </tr>
          </thead>
          <tbody>
            {report.rowsRejected.map((r, i) => (
              <tr key={`${r.row}-${r.column}-${i}`}>
                <td>{r.row}</td>
                <td>{r.column}</td>
                <td>{r.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
