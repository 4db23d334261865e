import type { ImportProfile, ImportReport } from '../../queries/imports.ts';
import { useAddRegionAlias } from '../../queries/regions.ts';
import { Pager, usePaged } from '../common/pager.tsx';
import { t, tRich } from '../../i18n/messages.ts';
import { WriteError } from '../common/form-fields.tsx';

/**
 * For each name that matched no region, the regions with the most alike names: choosing one saves
 * the name as that region's alias, then `onAliasSaved` (the import box checks the file again).
 */
function Suggestions({ report, onAliasSaved }: { report: ImportReport; onAliasSaved?: () => void }) {
  const add = useAddRegionAlias();
  const offered = (report.suggestions ?? []).filter((s) => s.regions.length > 0);
  if (offered.length === 0) return null;
  return (
    <div className="suggestions" aria-label={t('import.suggested')}>
      <p>{t('import.didYouMean')}</p>
      <ul>
        {offered.map((s) => (
          <li key={`${s.name}|${s.country ?? ''}`}>
            {s.country
              ? t('import.suggestionIn', { name: s.name, country: s.country })
              : t('import.suggestion', { name: s.name })}{' '}
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
      <WriteError write={add} />
      {add.data && (
        <p className="ok" role="status">
          {t('import.aliasSaved', { alias: add.data.alias, region: add.data.region })}
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
          {report.rowsRejected.length < report.rowsRejectedCount
            ? t('import.rejectedFirst', { count: report.rowsRejected.length })
            : t('import.rejected')}
        </caption>
        <thead>
          <tr>
            <th>{t('import.row')}</th>
            <th>{t('import.column')}</th>
            <th>{t('import.problem')}</th>
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
        label={t('import.rejectedPages')}
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
  const counts = {
    create: report.wouldCreate,
    supersede: report.wouldSupersede,
    unchanged: report.unchanged,
    regions: report.regions,
  };
  return (
    <section className="import-report" aria-label={t('import.report')}>
      <p data-testid="import-read-as">
        {tRich(chosen ? 'import.readAs' : 'import.readAsRecognised', {
          file: report.fileName,
          profile: profile?.title ?? report.profile,
          format: report.format,
          read: report.rowsRead,
          ok: report.rowsOk,
          rejected: report.rowsRejectedCount,
          strong: (c) => <strong>{c}</strong>,
          good: (c) => <span className="ok">{c}</span>,
          bad: (c) => <span className={report.rowsRejectedCount ? 'error' : ''}>{c}</span>,
        })}
      </p>
      <p>{t(report.status === 'applied' ? 'import.counts' : 'import.wouldCounts', counts)}</p>
      {report.warnings.map((w) => (
        <p key={w} className="hint">
          {w}
        </p>
      ))}
      {report.unmatchedRegions.length > 0 && (
        <p className="error">
          {t('import.unmatched', {
            count: report.unmatchedRegions.length,
            list: report.unmatchedRegions.join('; '),
          })}
        </p>
      )}
      <Suggestions report={report} onAliasSaved={onAliasSaved} />
      {report.rowsRejected.length > 0 && <RejectedRows key={`${report.fileName}|${report.status}`} report={report} />}
    </section>
  );
}
