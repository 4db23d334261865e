import { useInfiniteQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { adminQueries, type AuditFilter } from '../../queries/admin.ts';
import { t } from '../../i18n/messages.ts';

const ACTIONS = [
  'create',
  'supersede',
  'retract',
  'import',
  'rollback',
  'sign-in',
  'update',
  'update-with-password',
  'revoke',
];
const ENTITIES = ['observation', 'import_batch', 'catalogue_version', 'user', 'session', 'api_token'];

/** A short account of a before/after record: its id and the fields that differ (whole record for a creation). */
function describe(before: unknown, after: unknown): string {
  const rec = (v: unknown) => (v && typeof v === 'object' ? (v as Record<string, unknown>) : null);
  const b = rec(before);
  const a = rec(after);
  // A field one side lacks is "none", never the word "undefined"; lacking it and null are no change.
  const show = (v: unknown) => (v === undefined ? t('admin.none') : typeof v === 'string' ? v : JSON.stringify(v));
  const same = (x: unknown, y: unknown) => JSON.stringify(x ?? null) === JSON.stringify(y ?? null);
  if (b && a) {
    const changed = Object.keys({ ...b, ...a }).filter((k) => !same(b[k], a[k]));
    return changed.map((k) => `${k}: ${show(b[k])} → ${show(a[k])}`).join('; ');
  }
  const one = a ?? b;
  if (!one) return '';
  return Object.entries(one)
    .slice(0, 6)
    .map(([k, v]) => `${k}: ${show(v)}`)
    .join('; ');
}

/** The append-only audit log, newest first: filter by who, what and which kind of record; page backwards. */
export function AuditPanel() {
  const [draft, setDraft] = useState<AuditFilter>({ actor: '', action: '', entity: '' });
  const [filter, setFilter] = useState<AuditFilter>(draft);
  const log = useInfiniteQuery(adminQueries.audit(filter));
  const rows = log.data?.pages.flat() ?? [];
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setFilter(draft);
  };
  return (
    <section aria-labelledby="audit-title" className="admin-section">
      <h2 id="audit-title">{t('admin.audit')}</h2>
      <p className="hint">{t('admin.auditHint')}</p>
      <form onSubmit={submit} className="token-create audit-filter">
        <label>
          {t('admin.who')}
          <input value={draft.actor} onChange={(e) => setDraft({ ...draft, actor: e.target.value })} />
        </label>
        <label>
          {t('admin.action')}
          <select value={draft.action} onChange={(e) => setDraft({ ...draft, action: e.target.value })}>
            <option value="">{t('admin.any')}</option>
            {ACTIONS.map((a) => (
              <option key={a}>{a}</option>
            ))}
          </select>
        </label>
        <label>
          {t('admin.record')}
          <select value={draft.entity} onChange={(e) => setDraft({ ...draft, entity: e.target.value })}>
            <option value="">{t('admin.any')}</option>
            {ENTITIES.map((a) => (
              <option key={a}>{a}</option>
            ))}
          </select>
        </label>
        <button type="submit">{t('admin.show')}</button>
      </form>
      {log.isError && <p className="error">{t('admin.auditFailed', { message: log.error.message })}</p>}
      {log.isSuccess && rows.length === 0 && <p className="hint">{t('admin.noEntries')}</p>}
      {rows.length > 0 && (
        <table className="token-table audit-table" data-testid="audit-table">
          <thead>
            <tr>
              <th>{t('admin.when')}</th>
              <th>{t('admin.whoShort')}</th>
              <th>{t('admin.action')}</th>
              <th>{t('admin.record')}</th>
              <th>{t('admin.batch')}</th>
              <th>{t('admin.change')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <td>{r.at.slice(0, 19).replace('T', ' ')}</td>
                <td>{r.actor}</td>
                <td>{r.action}</td>
                <td>
                  {r.entity}
                  {r.entityId ? ` ${r.entityId}` : ''}
                </td>
                <td>{r.batchId ?? ''}</td>
                <td className="audit-change" dir="ltr">
                  {describe(r.before, r.after)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {log.hasNextPage && (
        <button type="button" onClick={() => void log.fetchNextPage()} disabled={log.isFetchingNextPage}>
          {t('admin.older')}
        </button>
      )}
    </section>
  );
}
