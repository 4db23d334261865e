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
import { t, translated } from '../../i18n/messages.ts';

/** Import batches listed per page. */
const BATCH_PAGE = 8;

/** Encodings offered besides detection, with what usually writes them (UTF-8 needs no words). */
const ENCODING_LABELS = translated(
  ['windows-1252', 'iso-8859-1', 'utf-16le', 'utf-16be'] as const,
  (e) => `import.encoding.${e}`,
);
const ENCODINGS: readonly ImportEncoding[] = ['utf-8', 'windows-1252', 'iso-8859-1', 'utf-16le', 'utf-16be'];
const encodingLabel = (e: ImportEncoding) => (e === 'utf-8' ? 'UTF-8' : ENCODING_LABELS[e]);

/**
 * What the chosen kind of file holds: where it comes from, its licence, its columns (required ones
 * marked) and, for the templates Vigil hands out, the template and how to fill it.
 */
function ProfileAbout({ profile }: { profile: ImportProfile }) {
  return (
    <div
      className="profile-about"
      data-testid="profile-about"
      aria-label={t('import.about', { title: profile.title })}
      role="note"
    >
      <p>{profile.description}</p>
      <p className="hint">
        {t('import.licence', { licence: profile.licence })}{' '}
        {profile.sourceKey ? t('import.oneSource', { key: profile.sourceKey }) : t('import.ownSource')}
      </p>
      <p className="hint">
        {t('import.columns')}{' '}
        {profile.columns.map((c, i) => (
          <span key={c.name} title={c.description}>
            {i > 0 && t('import.columnSeparator')}
            {c.required ? <strong>{c.name}</strong> : c.name}
          </span>
        ))}{' '}
        {t('import.requiredBold')}
      </p>
      {profile.template && (
        <>
          <p>
            <a href={profile.template.url} download={profile.template.fileName}>
              {t('import.download', { file: profile.template.fileName })}
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
  if (pending && checked) return t('import.importing');
  if (!checked) return t('import.import');
  if (checked.rowsRejectedCount) return t('import.fixRejected');
  const n = checked.wouldCreate + checked.wouldSupersede;
  return n ? t('import.importCount', { count: n }) : t('import.nothingNew');
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
    <section className="data-form" aria-label={t('import.title')}>
      <h2>{t('import.title')}</h2>
      <p className="hint">{t('import.intro')}</p>
      <p className="hint" data-testid="import-templates" hidden={templates.length === 0}>
        {t('import.templates')}{' '}
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
          {t('import.file')}
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
          {t('import.kind')}
          <select value={profileName} onChange={(e) => (setProfileName(e.target.value), reset())}>
            <option value="">{t('import.kindAuto')}</option>
            {profiles.data?.map((p) => (
              <option key={p.name} value={p.name}>
                {p.title}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          {t('import.encoding')}
          <select value={encoding} onChange={(e) => (setEncoding(e.target.value as ImportEncoding | ''), reset())}>
            <option value="">{t('import.detect')}</option>
            {ENCODINGS.map((value) => (
              <option key={value} value={value}>
                {encodingLabel(value)}
              </option>
            ))}
          </select>
        </label>
        {generic && (
          <label className="field">
            {t('import.format')}
            <select value={format} onChange={(e) => (setFormat(e.target.value as ImportFormat), reset())}>
              <option value="auto">{t('import.detect')}</option>
              <option value="hxl">{t('import.format.hxl')}</option>
              <option value="csv">{t('import.format.csv')}</option>
            </select>
          </label>
        )}
      </div>
      {profiles.isError && (
        <p className="error" role="alert">
          {t('import.profilesFailed', { message: profiles.error.message })}
        </p>
      )}
      {profile && <ProfileAbout profile={profile} />}
      {generic && (
        <label className="field">
          {t('import.mapping')}
          <input
            value={mapping}
            onChange={(e) => (setMapping(e.target.value), reset())}
            placeholder={t('import.mappingPlaceholder')}
          />
        </label>
      )}
      <div className="actions">
        <button type="button" disabled={!file || run.isPending} onClick={() => go(true)}>
          {run.isPending && !checked ? t('import.checking') : t('import.check')}
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
            {t('import.applied', { id: run.data.batchId ?? '' })}
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
          <caption>{t('import.recent')}</caption>
          <tbody>
            {batchPage.rows.map((b) => (
              <tr key={b.id}>
                <td>#{b.id}</td>
                <td>{b.fileName}</td>
                <td>{t('import.rows', { count: b.rowCount })}</td>
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
                      {t('import.rollBack')}
                    </button>
                  ) : (
                    <small>{t('import.rolledBack', { date: b.rolledBackAt?.slice(0, 10) ?? '' })}</small>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pager
        label={t('import.pages')}
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
