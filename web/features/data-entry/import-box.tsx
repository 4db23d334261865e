import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import {
  importQueries,
  rejectedReport,
  useImport,
  type ImportEncoding,
  type ImportFormat,
  type ImportProfile,
  type ImportReport,
} from '../../queries/imports.ts';
import { ImportReportView } from './import-report.tsx';
import { Pager, usePaged } from '../common/pager.tsx';
import { RollbackConfirm } from './rollback-confirm.tsx';

/** Import batches listed per page. */
const BATCH_PAGE = 8;

/** Encodings offered besides detection, with what usually writes them. */
const ENCODINGS: readonly (readonly [ImportEncoding, string])[] = [
  ['utf-8', 'UTF-8'],
  ['windows-1252', 'Windows-1252 (Excel on Windows, Western languages)'],
  ['iso-8859-1', 'ISO-8859-1 (Latin-1)'],
  ['utf-16le', 'UTF-16 little-endian (Excel “Unicode text”)'],
  ['utf-16be', 'UTF-16 big-endian'],
];

/**
 * What the chosen kind of file holds: where it comes from, its licence, its columns (required ones
 * marked) and, for the templates Vigil hands out, the template and how to fill it.
 */
function ProfileAbout({ profile }: { profile: ImportProfile }) {
  return (
    <div className="profile-about" data-testid="profile-about" aria-label={`About ${profile.title}`} role="note">
      <p>{profile.description}</p>
      <p className="hint">
        Licence and credit: {profile.licence}
        {profile.sourceKey
          ? ` Everything this file gives counts as one source (${profile.sourceKey}) in the model.`
          : ' Each row names its own source.'}
      </p>
      <p className="hint">
        Columns:{' '}
        {profile.columns.map((c, i) => (
          <span key={c.name} title={c.description}>
            {i > 0 && ', '}
            {c.required ? <strong>{c.name}</strong> : c.name}
          </span>
        ))}{' '}
        (required in bold).
      </p>
      {profile.template && (
        <>
          <p>
            <a href={profile.template.url} download={profile.template.fileName}>
              Download the template ({profile.template.fileName})
            </a>
          </p>
          {profile.template.instructions.map((line) => (
            <p key={line} className="hint">
              {line}
            </p>
          ))}
        </>
      )}
    </div>
  );
}

function importLabel(checked: ImportReport | null, pending: boolean): string {
  if (pending && checked) return 'Importing…';
  if (!checked) return 'Import';
  if (checked.rowsRejectedCount) return 'Fix the rejected rows to import';
  const n = checked.wouldCreate + checked.wouldSupersede;
  return n ? `Import ${n.toLocaleString('en')} observation${n === 1 ? '' : 's'}` : 'Nothing new to import';
}

/**
 * Bulk import: choose a file and, when its header does not make it obvious, what kind of file it is
 * (an import profile) and its text encoding; check it (a dry run that writes nothing and shows the
 * report, which says how the file was read), then confirm to import it all or nothing. Recent batches can be rolled back, after a
 * confirmation that says what that does.
 */
export function ImportBox() {
  const [file, setFile] = useState<File | null>(null);
  const [format, setFormat] = useState<ImportFormat>('auto');
  const [profileName, setProfileName] = useState('');
  const [encoding, setEncoding] = useState<ImportEncoding | ''>('');
  const [mapping, setMapping] = useState('');
  const profiles = useQuery(importQueries.profiles());
  const profile = profiles.data?.find((p) => p.name === profileName);
  const templates = (profiles.data ?? []).filter((p) => p.template);
  /** The generic table is the only kind whose columns can be renamed, or read as plain CSV or HXL. */
  const generic = profileName === '' || profileName === 'generic';
  const [checked, setChecked] = useState<ImportReport | null>(null);
  const run = useImport();
  const [confirming, setConfirming] = useState<number | null>(null);
  const batches = useQuery(importQueries.batches());
  const batchPage = usePaged(batches.data ?? [], BATCH_PAGE);
  const report = run.data ?? rejectedReport(run.error) ?? checked;
  const reset = () => {
    setChecked(null);
    run.reset();
  };
  const go = (dryRun: boolean) =>
    file &&
    run.mutate(
      {
        file,
        dryRun,
        format: generic ? format : 'auto',
        mapping: generic ? mapping : '',
        profile: profileName,
        encoding,
      },
      { onSuccess: (r) => setChecked(dryRun ? r : null) },
    );
  const canImport =
    checked?.status === 'dry-run' &&
    checked.rowsRejectedCount === 0 &&
    checked.wouldCreate + checked.wouldSupersede > 0 &&
    !run.isPending;

  return (
    <section className="data-form" aria-label="Import a file">
      <h2>Import a file</h2>
      <p className="hint">
        A CSV or HXL file: Vigil’s own observation table, a feed’s export (UCDP, ACLED, IOM DTM) or one of the templates
        below. The kind of file is recognised from its header unless you choose it. The whole file is imported or
        nothing is.
      </p>
      <p className="hint" data-testid="import-templates" hidden={templates.length === 0}>
        Restricted monitoring data go in as counts per area and month only, never cases. Templates (CSV with hashtags;
        fill, then check and import here):{' '}
        {templates.map((p, i) => (
          <span key={p.name}>
            {i > 0 && ' · '}
            <a href={p.template!.url} download={p.template!.fileName}>
              {p.title.replace(/ \(Vigil template\)$/, '')}
            </a>
          </span>
        ))}
        .
      </p>
      <div className="row import-options">
        <label className="field">
          File
          <input
            type="file"
            accept=".csv,.tsv,.txt,.json,text/csv,application/json"
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              reset();
            }}
          />
        </label>
        <label className="field">
          Kind of file
          <select value={profileName} onChange={(e) => (setProfileName(e.target.value), reset())}>
            <option value="">recognise from the header</option>
            {profiles.data?.map((p) => (
              <option key={p.name} value={p.name}>
                {p.title}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          Text encoding
          <select value={encoding} onChange={(e) => (setEncoding(e.target.value as ImportEncoding | ''), reset())}>
            <option value="">detect</option>
            {ENCODINGS.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        {generic && (
          <label className="field">
            Format
            <select value={format} onChange={(e) => (setFormat(e.target.value as ImportFormat), reset())}>
              <option value="auto">detect</option>
              <option value="hxl">HXL</option>
              <option value="csv">plain CSV</option>
            </select>
          </label>
        )}
      </div>
      {profiles.isError && (
        <p className="error" role="alert">
          Could not read the kinds of file Vigil imports: {profiles.error.message}
        </p>
      )}
      {profile && <ProfileAbout profile={profile} />}
      {generic && (
        <label className="field">
          Column mapping (plain headers only, optional)
          <input
            value={mapping}
            onChange={(e) => (setMapping(e.target.value), reset())}
            placeholder="region=Province,indicator=Code,period=Month,value=Score,source=Reference"
          />
        </label>
      )}
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
      {report && (
        <ImportReportView
          report={report}
          profile={profiles.data?.find((p) => p.name === report.profile)}
          chosen={profileName !== ''}
          onAliasSaved={() => go(true)}
        />
      )}
      {batches.data && batches.data.length > 0 && (
        <table className="batches">
          <caption>Recent imports</caption>
          <tbody>
            {batchPage.rows.map((b) => (
              <tr key={b.id}>
                <td>#{b.id}</td>
                <td>{b.fileName}</td>
                <td>{b.rowCount.toLocaleString('en')} rows</td>
                <td>
                  {b.createdBy}, {b.createdAt.slice(0, 16).replace('T', ' ')}
                </td>
                <td>
                  {b.state === 'applied' ? (
                    <button
                      type="button"
                      className="link"
                      onClick={() => {
                        // "Imported as batch N" must not stay on screen over that batch's rollback.
                        if (run.data?.status === 'applied') run.reset();
                        setConfirming(b.id);
                      }}
                    >
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
      <Pager
        label="Import pages"
        page={batchPage.page}
        pages={batchPage.pages}
        first={batchPage.first}
        shown={batchPage.rows.length}
        total={batches.data?.length ?? 0}
        onPage={batchPage.setPage}
      />
      {confirming !== null && <RollbackConfirm key={confirming} id={confirming} onClose={() => setConfirming(null)} />}
    </section>
  );
}
