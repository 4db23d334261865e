import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import {
  importQueries,
  rejectedReport,
  useImport,
  type ImportFormat,
  type ImportReport,
} from '../../queries/imports.ts';
import { ImportReportView } from './import-report.tsx';
import { RollbackConfirm } from './rollback-confirm.tsx';

/** The templates Vigil hands out (`vigil template NAME`), by profile name: docs/data-import.md says how to fill them. */
const TEMPLATES = [
  ['mrm', 'MRM grave violations against children'],
  ['mara', 'MARA conflict-related sexual violence'],
  ['referral', 'national referral data'],
] as const;

function importLabel(checked: ImportReport | null, pending: boolean): string {
  if (pending && checked) return 'Importing…';
  if (!checked) return 'Import';
  if (checked.rowsRejectedCount) return 'Fix the rejected rows to import';
  const n = checked.wouldCreate + checked.wouldSupersede;
  return n ? `Import ${n.toLocaleString('en')} observation${n === 1 ? '' : 's'}` : 'Nothing new to import';
}

/**
 * Bulk import: choose a CSV, HXL or UCDP GED file, check it (a dry run that writes nothing and shows
 * the report), then confirm to import it all or nothing. Recent batches can be rolled back, after a
 * confirmation that says what that does.
 */
export function ImportBox() {
  const [file, setFile] = useState<File | null>(null);
  const [format, setFormat] = useState<ImportFormat>('auto');
  const [mapping, setMapping] = useState('');
  const [checked, setChecked] = useState<ImportReport | null>(null);
  const run = useImport();
  const [confirming, setConfirming] = useState<number | null>(null);
  const batches = useQuery(importQueries.batches());
  const report = run.data ?? rejectedReport(run.error) ?? checked;
  const reset = () => {
    setChecked(null);
    run.reset();
  };
  const go = (dryRun: boolean) =>
    file && run.mutate({ file, dryRun, format, mapping }, { onSuccess: (r) => setChecked(dryRun ? r : null) });
  const canImport =
    checked?.status === 'dry-run' &&
    checked.rowsRejectedCount === 0 &&
    checked.wouldCreate + checked.wouldSupersede > 0 &&
    !run.isPending;

  return (
    <section className="data-form" aria-label="Import a file">
      <h2>Import a file</h2>
      <p className="hint">
        CSV with a header row, or HXL with a row of hashtags (#adm1+code, #indicator+code, #date, #value,
        #meta+source…), or a UCDP GED events export. The whole file is imported or nothing is.
      </p>
      <p className="hint" data-testid="import-templates">
        Restricted monitoring data go in as counts per area and month only, never cases. Templates (CSV with hashtags;
        fill, then check and import here):{' '}
        {TEMPLATES.map(([name, label], i) => (
          <span key={name}>
            {i > 0 && ' · '}
            <a href={`/api/import-profiles/${name}/template`} download>
              {label}
            </a>
          </span>
        ))}
        .
      </p>
      <div className="row">
        <label className="field">
          File
          <input
            type="file"
            accept=".csv,text/csv"
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              reset();
            }}
          />
        </label>
        <label className="field">
          Format
          <select value={format} onChange={(e) => (setFormat(e.target.value as ImportFormat), reset())}>
            <option value="auto">detect</option>
            <option value="hxl">HXL</option>
            <option value="csv">plain CSV</option>
            <option value="ucdp-ged">UCDP GED events</option>
          </select>
        </label>
      </div>
      <label className="field">
        Column mapping (plain headers only, optional)
        <input
          value={mapping}
          onChange={(e) => (setMapping(e.target.value), reset())}
          placeholder="region=Province,indicator=Code,period=Month,value=Score,source=Reference"
        />
      </label>
      <div className="actions">
        <button type="button" disabled={!file || run.isPending} onClick={() => go(true)}>
          {run.isPending && !checked ? 'Checking…' : 'Check file'}
        </button>
        <button type="button" disabled={!canImport} onClick={() => go(false)}>
          {importLabel(checked, run.isPending)}
        </button>
        {run.error && (
          <span className="error" role="alert">
            {run.error.message}
          </span>
        )}
        {run.data?.status === 'applied' && (
          <span className="ok" role="status">
            Imported as batch {run.data.batchId}; the map now shows the new scores.
          </span>
        )}
      </div>
      {report && <ImportReportView report={report} onAliasSaved={() => go(true)} />}
      {batches.data && batches.data.length > 0 && (
        <table className="batches">
          <caption>Recent imports</caption>
          <tbody>
            {batches.data.slice(0, 8).map((b) => (
              <tr key={b.id}>
                <td>#{b.id}</td>
                <td>{b.fileName}</td>
                <td>{b.rowCount.toLocaleString('en')} rows</td>
                <td>
                  {b.createdBy}, {b.createdAt.slice(0, 16).replace('T', ' ')}
                </td>
                <td>
                  {b.state === 'applied' ? (
                    <button type="button" className="link" onClick={() => setConfirming(b.id)}>
                      Roll back
                    </button>
                  ) : (
                    <small>rolled back {b.rolledBackAt?.slice(0, 10)}</small>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {confirming !== null && <RollbackConfirm key={confirming} id={confirming} onClose={() => setConfirming(null)} />}
    </section>
  );
}
