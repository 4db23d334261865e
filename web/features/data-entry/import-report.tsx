import type { ImportProfile, ImportReport } from '../../queries/imports.ts';
import { useAddRegionAlias } from '../../queries/regions.ts';
import { Pager, usePaged } from '../common/pager.tsx';

const n = (x: number) => x.toLocaleString('en');

/**
 * For each name that matched no region, the regions with the most alike names: choosing one saves
 * the name as that region's alias, then `onAliasSaved` (the import box checks the file again).
 */
function Suggestions({ report, onAliasSaved }: { report: ImportReport; onAliasSaved?: () => void }) {
  const add = useAddRegionAlias();
  const offered = (report.suggestions ?? []).filter((s) => s.regions.length > 0);
  if (offered.length === 0) return null;
  return (
    <div className="suggestions" aria-label="Suggested regions">
      <p>Did you mean… Choosing a region teaches Vigil the name for every later import (recorded in the audit log).</p>
      <ul>
        {offered.map((s) => (
          <li key={`${s.name}|${s.country ?? ''}`}>
            ‘{s.name}’{s.country ? ` (${s.country})` : ''}:{' '}
            {s.regions.map((r) => (
              <button
                key={r.code}
                type="button"
                disabled={add.isPending}
                onClick={() => add.mutate({ alias: s.name, region: r.code }, { onSuccess: () => onAliasSaved?.() })}
              >
                {r.name} ({r.code})
              </button>
            ))}
          </li>
        ))}
      </ul>
      {add.error && (
        <p className="error" role="alert">
          {add.error.message}
        </p>
      )}
      {add.data && (
        <p className="ok" role="status">
          ‘{add.data.alias}’ now means {add.data.region}; the file was checked again.
        </p>
      )}
    </div>
  );
}

/** Rejected rows shown per page. */
const REJECTED_PAGE = 25;

/** Each rejected cell by row and column, a page at a time. */
function RejectedRows({ report }: { report: ImportReport }) {
  const paged = usePaged(report.rowsRejected, REJECTED_PAGE);
  return (
    <>
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
          {paged.rows.map((r, i) => (
            <tr key={`${r.row}-${r.column}-${paged.first + i}`}>
              <td>{r.row}</td>
              <td>{r.column}</td>
              <td>{r.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Pager
        label="Rejected rows pages"
        page={paged.page}
        pages={paged.pages}
        first={paged.first}
        shown={paged.rows.length}
        total={report.rowsRejected.length}
        onPage={paged.setPage}
      />
    </>
  );
}

/**
 * A validation report: how the file was read (its profile, chosen or recognised), counts, each rejected
 * cell by row and column, names that matched no region.
 */
export function ImportReportView({
  report,
  profile,
  chosen,
  onAliasSaved,
}: {
  report: ImportReport;
  /** The profile that read the file, when the list of profiles is at hand. */
  profile?: ImportProfile;
  /** Whether the user chose the profile (otherwise it was recognised from the header). */
  chosen?: boolean;
  onAliasSaved?: () => void;
}) {
  const verb = report.status === 'applied' ? '' : 'would ';
  return (
    <section className="import-report" aria-label="Import report">
      <p data-testid="import-read-as">
        <strong>{report.fileName}</strong> read as {profile?.title ?? report.profile} ({report.format}
        {chosen ? '' : ', recognised from the header'}): {n(report.rowsRead)} rows read,{' '}
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
      <Suggestions report={report} onAliasSaved={onAliasSaved} />
      {report.rowsRejected.length > 0 && <RejectedRows key={`${report.fileName}|${report.status}`} report={report} />}
    </section>
  );
}
