import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import type { Indicator } from '../../../indicators/index.ts';
import {
  catalogueQueries,
  uploadCatalogue,
  type CatalogueImportReport,
  type UploadChoice,
} from '../../queries/catalogue.ts';
import { VersionDiff } from './version-diff.tsx';
import { useLanguage } from '../../i18n/language-provider.tsx';
import { t } from '../../i18n/messages.ts';

type FileChoice = Pick<UploadChoice, 'text' | 'format' | 'fileName'>;

function ReportView({
  report,
  current,
}: {
  report: CatalogueImportReport;
  current: { indicators: readonly Indicator[] } | undefined;
}) {
  if (!report.ok) {
    return (
      <div className="cat-report" role="alert">
        <p className="error">
          <strong>{report.dryRun ? t('catalogue.import.wouldReject') : t('catalogue.import.rejected')}</strong>{' '}
          {t('catalogue.import.problems', { count: report.errors.length })}
        </p>
        <table className="cat-errors">
          <caption className="sr-only">{t('catalogue.import.problemsCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('catalogue.import.row')}</th>
              <th scope="col">{t('catalogue.import.field')}</th>
              <th scope="col">{t('catalogue.import.problem')}</th>
            </tr>
          </thead>
          <tbody>
            {report.errors.map((e, k) => (
              <tr key={k}>
                <td className="num">{e.row ?? '—'}</td>
                <td>
                  <code>{e.field}</code>
                </td>
                <td>{e.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    );
  }
  return (
    <div className="cat-report" role="status">
      <p>
        <strong>
          {report.dryRun
            ? t('catalogue.import.valid', { version: report.version ?? '' })
            : t('catalogue.import.imported', { version: report.version ?? '' })}
        </strong>
        {report.counts && t('catalogue.import.withCount', { count: report.counts.indicators })}
        {report.recomputed !== undefined && t('catalogue.import.recomputed', { count: report.recomputed })}.
      </p>
      {report.warnings.length > 0 && (
        <ul className="cat-warnings">
          {report.warnings.map((w, k) => (
            <li key={k}>
              <code>{w.field}</code> {w.message}
            </li>
          ))}
        </ul>
      )}
      {report.diff && <VersionDiff diff={report.diff} before={current} />}
    </div>
  );
}

/**
 * The admin's way to load a new catalogue version from the dashboard: pick a framework's list (CSV) or
 * a whole catalogue (JSON), check it (a dry run shows every problem with its row and column, or the
 * diff it would make), then import it. The server decides who may (admins); others see its refusal.
 */
export function ImportPanel() {
  const id = useId();
  const client = useQueryClient();
  const { lang } = useLanguage();
  const frameworks = useQuery(catalogueQueries.frameworks(lang));
  const indicators = useQuery(catalogueQueries.indicators(lang));
  const [file, setFile] = useState<FileChoice | null>(null);
  const [framework, setFramework] = useState('');
  const [mode, setMode] = useState<'replace' | 'merge'>('replace');
  const [version, setVersion] = useState('');
  const [report, setReport] = useState<CatalogueImportReport | null>(null);
  const [checked, setChecked] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  const choice: UploadChoice | null = file && { ...file, framework, mode, version };
  const key = choice && JSON.stringify(choice);
  const current = indicators.data && { indicators: indicators.data };

  async function send(dryRun: boolean) {
    if (!choice) return;
    setBusy(true);
    setFailure(null);
    try {
      const r = await uploadCatalogue(choice, dryRun);
      setReport(r);
      setChecked(dryRun && r.ok ? key : null);
      if (!dryRun && r.ok) await client.invalidateQueries();
    } catch (e) {
      setReport(null);
      setFailure((e as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <details className="cat-import">
      <summary>{t('catalogue.import.title')}</summary>
      <p className="muted small">{t('catalogue.import.intro')}</p>
      <form
        className="cat-import-form"
        onSubmit={(e) => {
          e.preventDefault();
          void send(true);
        }}
      >
        <label htmlFor={`${id}-file`}>{t('catalogue.import.file')}</label>
        <input
          id={`${id}-file`}
          type="file"
          accept=".csv,.json,text/csv,application/json"
          onChange={async (e) => {
            const f = e.target.files?.[0];
            setReport(null);
            setChecked(null);
            setFile(
              f ? { text: await f.text(), fileName: f.name, format: /\.json$/i.test(f.name) ? 'json' : 'csv' } : null,
            );
          }}
        />
        {file?.format === 'csv' && (
          <>
            <label htmlFor={`${id}-fw`}>{t('catalogue.import.framework')}</label>
            <select id={`${id}-fw`} value={framework} onChange={(e) => setFramework(e.target.value)}>
              <option value="">{t('catalogue.import.fromIds')}</option>
              {frameworks.data?.map((f) => (
                <option key={f.id} value={f.id}>
                  {f.shortTitle}
                </option>
              ))}
            </select>
            <fieldset className="cat-toggle">
              <legend>{t('catalogue.import.missing')}</legend>
              <label>
                <input
                  type="radio"
                  name={`${id}-mode`}
                  checked={mode === 'replace'}
                  onChange={() => setMode('replace')}
                />{' '}
                {t('catalogue.import.retire')}
              </label>
              <label>
                <input type="radio" name={`${id}-mode`} checked={mode === 'merge'} onChange={() => setMode('merge')} />{' '}
                {t('catalogue.import.keep')}
              </label>
            </fieldset>
          </>
        )}
        <label htmlFor={`${id}-version`}>{t('catalogue.import.versionLabel')}</label>
        <input
          id={`${id}-version`}
          type="text"
          value={version}
          placeholder={t('catalogue.import.versionHint')}
          onChange={(e) => setVersion(e.target.value)}
        />
        <div className="cat-import-actions">
          <button type="submit" disabled={!file || busy}>
            {t('catalogue.import.check')}
          </button>
          <button type="button" disabled={!file || busy || checked !== key} onClick={() => void send(false)}>
            {report?.ok && report.dryRun && checked === key
              ? t('catalogue.import.importAs', { version: report.version ?? '' })
              : t('catalogue.import.import')}
          </button>
          {busy && (
            <span className="loading" role="status">
              {t('catalogue.import.working')}
            </span>
          )}
        </div>
      </form>
      {failure && (
        <p className="error" role="alert">
          {failure}
        </p>
      )}
      {report && <ReportView report={report} current={current} />}
    </details>
  );
}
