import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { InferResponseType } from 'hono/client';
import { t } from '../../i18n/messages.ts';
import type { api } from '../../lib/api-client.ts';
import { ApiError, csrfHeaders, ensureOk } from '../../lib/http.ts';
import { adminQueries } from '../../queries/admin.ts';
import { boundaryQueries } from '../../queries/boundaries.ts';

/** A boundary set upload's report, as `POST /api/boundary-sets` answers it. */
type BoundarySetReport = InferResponseType<(typeof api)['boundary-sets']['$post'], 200>;

/** The upload's options as the form holds them (empty strings are "not given"). */
interface UploadOptions {
  level: string;
  codeField: string;
  nameField: string;
  parentField: string;
  name: string;
  source: string;
  licence: string;
  validFrom: string;
  series: string;
}

const EMPTY: UploadOptions = {
  level: '',
  codeField: '',
  nameField: '',
  parentField: '',
  name: '',
  source: '',
  licence: '',
  validFrom: '',
  series: '',
};

/** Sends the file to `POST /api/boundary-sets` with the options; a refusal's report comes back too. */
async function upload(file: File, o: UploadOptions, dryRun: boolean): Promise<BoundarySetReport> {
  const q = new URLSearchParams();
  if (dryRun) q.set('dryRun', 'true');
  for (const [k, v] of Object.entries(o)) if (v.trim()) q.set(k, v.trim());
  const body = new FormData();
  body.set('file', file);
  try {
    const res = await ensureOk(
      await fetch(`/api/boundary-sets?${q}`, { method: 'POST', headers: csrfHeaders(), body }),
    );
    return (await res.json()) as BoundarySetReport;
  } catch (e) {
    const report = e instanceof ApiError ? (e.body as { report?: BoundarySetReport } | null)?.report : undefined;
    if (report) return report;
    throw e;
  }
}

const STATUS: Record<BoundarySetReport['status'], () => string> = {
  'dry-run': () => t('boundaries.status.dryRun'),
  stored: () => t('boundaries.status.stored'),
  refused: () => t('boundaries.status.refused'),
};

/** A dry run's or an upload's report: what was read and what stops the set, if anything. */
function ReportView({ r }: { r: BoundarySetReport }) {
  const byOverlap = r.parents.filter((p) => p.by === 'overlap').length;
  return (
    <div className="boundary-report" data-testid="boundary-report" data-status={r.status}>
      <p>
        <strong>{STATUS[r.status]()}</strong>{' '}
        {t('boundaries.read', { features: r.features, level: r.fields.level, code: r.fields.code })}
      </p>
      <ul>
        <li>{t('boundaries.names', { list: r.fields.names.join(', ') || '—' })}</li>
        <li>{t('boundaries.parentField', { field: r.fields.parent ?? '—', overlap: byOverlap })}</li>
        {r.repaired.length > 0 && (
          <li>{t('boundaries.repaired', { list: r.repaired.map((x) => `${x.name} (${x.problem})`).join('; ') })}</li>
        )}
        {r.refused.length > 0 && (
          <li>{t('boundaries.refused', { list: r.refused.map((x) => `${x.name} (${x.problem})`).join('; ') })}</li>
        )}
        {r.duplicateCodes.length > 0 && (
          <li>{t('boundaries.duplicates', { list: r.duplicateCodes.map((d) => d.code).join(', ') })}</li>
        )}
        {r.clashes.length > 0 && (
          <li>{t('boundaries.clashes', { list: r.clashes.map((c) => `${c.code} (${c.with})`).join(', ') })}</li>
        )}
        {r.version && (
          <li>
            {t('boundaries.version', {
              version: r.version.version,
              added: r.version.added.length,
              retired: r.version.retired.length,
              changed: r.version.changedGeometry.length,
            })}
          </li>
        )}
      </ul>
      {r.problems.length > 0 && (
        <>
          <p className="error">{t('boundaries.problems')}</p>
          <ul className="error">
            {r.problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

/**
 * The admin's boundary set upload (issue 17): a file (GeoJSON, TopoJSON or zipped Shapefile), its
 * level and fields (COD-AB names detected when left empty) and its record; "Check" runs a dry run
 * and shows its report, and only a clean dry run of the same file and options can then be stored.
 */
export function BoundaryUploadPanel() {
  const qc = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [o, setO] = useState<UploadOptions>(EMPTY);
  const [checked, setChecked] = useState<{ file: File; options: UploadOptions } | null>(null);
  const sets = useQuery(boundaryQueries.sets());
  const check = useMutation({
    mutationFn: (x: { file: File; options: UploadOptions }) => upload(x.file, x.options, true),
    onSuccess: (r, x) => setChecked(r.problems.length === 0 ? x : null),
  });
  const store = useMutation({
    mutationFn: (x: { file: File; options: UploadOptions }) => upload(x.file, x.options, false),
    onSuccess: () => {
      setChecked(null);
      // The upload is in the audit log now, and its districts are regions and boundaries (sets included)
      // the map and search know.
      for (const queryKey of [[...adminQueries.all, 'audit'], ['boundaries'], ['regions']])
        void qc.invalidateQueries({ queryKey });
    },
  });
  const field = (k: keyof UploadOptions, label: string, type = 'text') => (
    <label>
      {label}
      <input
        type={type}
        value={o[k]}
        onChange={(e) => {
          setO({ ...o, [k]: e.target.value });
          setChecked(null);
        }}
      />
    </label>
  );
  const canStore =
    checked !== null && checked.file === file && checked.options === o && o.licence.trim() && o.validFrom;
  return (
    <section className="admin-panel boundary-upload" aria-labelledby="boundary-upload-title">
      <h2 id="boundary-upload-title">{t('boundaries.title')}</h2>
      <p className="hint">{t('boundaries.hint')}</p>
      <form
        aria-label={t('boundaries.title')}
        onSubmit={(e) => {
          e.preventDefault();
          if (file) check.mutate({ file, options: o });
        }}
      >
        <label>
          {t('boundaries.file')}
          <input
            type="file"
            accept=".geojson,.json,.topojson,.zip"
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setChecked(null);
            }}
          />
        </label>
        <label>
          {t('boundaries.level')}
          <select
            value={o.level}
            onChange={(e) => {
              setO({ ...o, level: e.target.value });
              setChecked(null);
            }}
          >
            <option value="">{t('boundaries.detect')}</option>
            <option value="1">1</option>
            <option value="2">2</option>
          </select>
        </label>
        {field('codeField', t('boundaries.codeField'))}
        {field('nameField', t('boundaries.nameField'))}
        {field('parentField', t('boundaries.parentFieldLabel'))}
        {field('name', t('boundaries.setName'))}
        {field('source', t('boundaries.source'))}
        {field('licence', t('boundaries.licence'))}
        {field('validFrom', t('boundaries.validFrom'), 'date')}
        <label>
          {t('boundaries.series')}
          <select
            value={o.series}
            onChange={(e) => {
              setO({ ...o, series: e.target.value });
              setChecked(null);
            }}
          >
            <option value="">{t('boundaries.newSeries')}</option>
            {(sets.data ?? [])
              .filter((s) => s.series && s.isActive)
              .map((s) => (
                <option key={s.id} value={s.series!}>
                  {s.name} (v{s.version})
                </option>
              ))}
          </select>
        </label>
        <div className="boundary-actions">
          <button type="submit" disabled={!file || check.isPending}>
            {t('boundaries.check')}
          </button>
          <button
            type="button"
            disabled={!canStore || store.isPending}
            onClick={() => checked && store.mutate(checked)}
          >
            {t('boundaries.store')}
          </button>
        </div>
      </form>
      {check.isError && <p role="alert">{check.error.message}</p>}
      {store.isError && <p role="alert">{store.error.message}</p>}
      {store.data ? <ReportView r={store.data} /> : check.data && <ReportView r={check.data} />}
    </section>
  );
}
