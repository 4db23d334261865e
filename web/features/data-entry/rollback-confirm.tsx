import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiError } from '../../lib/http.ts';
import { importQueries, useRollback, type RollbackPlan } from '../../queries/imports.ts';
import { FieldMessage } from './field-error.tsx';
import { t } from '../../i18n/messages.ts';

const SHOWN_REGIONS = 12;

/** The confirmation's sentence: which batch, whose, how many rows change how, in which regions. */
export function rollbackSummary(p: RollbackPlan): string {
  const sep = t('import.columnSeparator');
  const regions =
    p.regions.length > SHOWN_REGIONS
      ? t('import.rollback.more', {
          list: p.regions.slice(0, SHOWN_REGIONS).join(sep),
          count: p.regions.length - SHOWN_REGIONS,
        })
      : p.regions.join(sep);
  const head = t('import.rollback.head', {
    id: p.batchId,
    file: p.fileName,
    who: p.createdBy,
    date: p.createdAt.slice(0, 10),
  });
  const counts = { retracted: p.retracted, restored: p.restored, regions: p.regions.length };
  const what = t(p.restored ? 'import.rollback.retractRestore' : 'import.rollback.retract', counts);
  return `${head} ${what}${regions ? ` (${regions})` : ''}. ${t('import.rollback.recomputed')}`;
}

/**
 * Confirms a rollback with what it will do, read from a dry run of it: the batch, its owner, the rows
 * retracted and restored, the regions. Someone else's batch asks for the reason you act on their
 * behalf (kept in the audit log) unless you are an admin.
 */
export function RollbackConfirm({ id, onClose }: { id: number; onClose: () => void }) {
  const plan = useQuery(importQueries.rollbackPlan(id));
  const rollback = useRollback();
  const [onBehalfOf, setOnBehalfOf] = useState('');
  const fields = rollback.error instanceof ApiError ? rollback.error.fields : [];
  if (plan.isPending) return <p className="status">{t('import.rollback.working', { id })}</p>;
  if (plan.isError)
    return (
      <p className="error" role="alert">
        {t('import.rollback.cannot', { id, message: plan.error.message })}{' '}
        <button type="button" className="link" onClick={onClose}>
          {t('import.rollback.close')}
        </button>
      </p>
    );
  const p = plan.data;
  return (
    <form
      className="rollback-confirm"
      aria-label={t('import.rollback.label', { id })}
      onSubmit={(e) => {
        e.preventDefault();
        rollback.mutate({ id, onBehalfOf: onBehalfOf.trim() || undefined }, { onSuccess: onClose });
      }}
    >
      <p data-testid="rollback-summary">{rollbackSummary(p)}</p>
      {!p.allowed && (
        <label className="field">
          {t('import.rollback.notYours', { who: p.createdBy })}
          <input value={onBehalfOf} onChange={(e) => setOnBehalfOf(e.target.value)} required maxLength={500} />
          <FieldMessage fields={fields} name="onBehalfOf" />
        </label>
      )}
      <div className="actions">
        <button type="submit" disabled={rollback.isPending}>
          {t('import.rollback.button', { id })}
        </button>
        <button type="button" className="link" onClick={onClose}>
          {t('entry.cancel')}
        </button>
        {rollback.error && !fields.length && (
          <span className="error" role="alert">
            {rollback.error.message}
          </span>
        )}
      </div>
    </form>
  );
}
