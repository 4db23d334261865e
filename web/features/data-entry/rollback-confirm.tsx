import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiError } from '../../lib/http.ts';
import { importQueries, useRollback, type RollbackPlan } from '../../queries/imports.ts';
import { FieldMessage } from './field-error.tsx';

const SHOWN_REGIONS = 12;

/** The confirmation's sentence: which batch, whose, how many rows change how, in which regions. */
export function rollbackSummary(p: RollbackPlan): string {
  const regions =
    p.regions.length > SHOWN_REGIONS
      ? `${p.regions.slice(0, SHOWN_REGIONS).join(', ')} and ${p.regions.length - SHOWN_REGIONS} more`
      : p.regions.join(', ');
  const restored = p.restored
    ? ` and ${p.restored.toLocaleString('en')} earlier version${p.restored === 1 ? '' : 's'} it corrected become${p.restored === 1 ? 's' : ''} current again`
    : '';
  return `Roll back import #${p.batchId}, ${p.fileName} (imported by ${p.createdBy} on ${p.createdAt.slice(0, 10)}): ${p.retracted.toLocaleString('en')} observation${p.retracted === 1 ? '' : 's'} will be retracted${restored}, in ${p.regions.length} region${p.regions.length === 1 ? '' : 's'}${regions ? ` (${regions})` : ''}. Scores are recomputed.`;
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
  if (plan.isPending) return <p className="status">Working out what rolling back import #{id} would do…</p>;
  if (plan.isError)
    return (
      <p className="error" role="alert">
        Import #{id} cannot be rolled back: {plan.error.message}{' '}
        <button type="button" className="link" onClick={onClose}>
          Close
        </button>
      </p>
    );
  const p = plan.data;
  return (
    <form
      className="rollback-confirm"
      aria-label={`Roll back import ${id}`}
      onSubmit={(e) => {
        e.preventDefault();
        rollback.mutate({ id, onBehalfOf: onBehalfOf.trim() || undefined }, { onSuccess: onClose });
      }}
    >
      <p data-testid="rollback-summary">{rollbackSummary(p)}</p>
      {!p.allowed && (
        <label className="field">
          This import is {p.createdBy}’s, not yours: say on whose behalf, or why, you roll it back (kept in the audit
          log)
          <input value={onBehalfOf} onChange={(e) => setOnBehalfOf(e.target.value)} required maxLength={500} />
          <FieldMessage fields={fields} name="onBehalfOf" />
        </label>
      )}
      <div className="actions">
        <button type="submit" disabled={rollback.isPending}>
          Roll back import #{id}
        </button>
        <button type="button" className="link" onClick={onClose}>
          Cancel
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
