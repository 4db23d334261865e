import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { accountQueries } from '../../queries/account.ts';
import { catalogueQueries } from '../../queries/catalogue.ts';
import { ApiError } from '../../lib/http.ts';
import { observationQueries, useRetract, useSupersede, type ObservationVersion } from '../../queries/observations.ts';
import { Pager, usePaged } from '../common/pager.tsx';
import { FieldMessage } from './field-error.tsx';
import { useLanguage } from '../../i18n/language-provider.tsx';

/** Versions shown per page of a region's history. */
const HISTORY_PAGE = 10;

function ChangeForm({ row, onDone }: { row: ObservationVersion; onDone: () => void }) {
  const supersede = useSupersede();
  const retract = useRetract();
  const me = useQuery(accountQueries.me()).data?.user;
  const [mode, setMode] = useState<'correct' | 'retract'>('correct');
  const [value, setValue] = useState(String(row.value));
  const [reason, setReason] = useState('');
  const [onBehalfOf, setOnBehalfOf] = useState('');
  // Retracting someone else's observation needs an admin, or the reason one acts on their behalf.
  const othersWork = mode === 'retract' && !!me && me.email !== row.enteredBy && me.role !== 'admin';
  const m = mode === 'correct' ? supersede : retract;
  const fields = m.error instanceof ApiError ? m.error.fields : [];
  return (
    <form
      className="change-form"
      aria-label={`Change observation ${row.id}`}
      onSubmit={(e) => {
        e.preventDefault();
        if (mode === 'correct') supersede.mutate({ id: row.id, value: Number(value), reason }, { onSuccess: onDone });
        else
          retract.mutate(
            { id: row.id, reason, ...(othersWork ? { onBehalfOf: onBehalfOf.trim() } : {}) },
            { onSuccess: onDone },
          );
      }}
    >
      <label>
        <input type="radio" checked={mode === 'correct'} onChange={() => setMode('correct')} /> Correct
      </label>
      <label>
        <input type="radio" checked={mode === 'retract'} onChange={() => setMode('retract')} /> Retract
      </label>
      {mode === 'correct' && (
        <label>
          New value <input type="number" value={value} onChange={(e) => setValue(e.target.value)} step="any" min={0} />
          <FieldMessage fields={fields} name="value" />
        </label>
      )}
      <label>
        Reason{' '}
        <input
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          placeholder="Why (kept in the history)"
          required
        />
        <FieldMessage fields={fields} name="reason" />
      </label>
      {othersWork && (
        <label>
          Entered by {row.enteredBy}: on whose behalf do you retract it?{' '}
          <input
            value={onBehalfOf}
            onChange={(e) => setOnBehalfOf(e.target.value)}
            placeholder="Kept in the audit log"
            required
          />
          <FieldMessage fields={fields} name="onBehalfOf" />
        </label>
      )}
      <button type="submit" disabled={m.isPending}>
        {mode === 'correct' ? 'Save correction' : 'Retract'}
      </button>
      <button type="button" className="link" onClick={onDone}>
        Cancel
      </button>
      {m.error && !fields.length && <span className="error">{m.error.message}</span>}
    </form>
  );
}

/**
 * Every version of every observation of one region, newest month first: value, confidence, source,
 * state, who entered it and when, and why it was corrected or retracted. Current versions can be
 * corrected (superseded, with a reason) or retracted.
 */
export function RegionHistory({ region }: { region: string | null }) {
  const history = useQuery({ ...observationQueries.history(region ?? ''), enabled: region !== null });
  const { lang } = useLanguage();
  const indicators = useQuery(catalogueQueries.indicators(lang));
  const [editing, setEditing] = useState<number | null>(null);
  const label = (id: string) => indicators.data?.find((i) => i.id === id)?.label ?? id;
  const paged = usePaged(history.data ?? [], HISTORY_PAGE);
  if (!region) return <p className="hint">Choose a region to see its observations and their history.</p>;
  if (history.isPending) return <p className="status">Loading history…</p>;
  if (history.isError) return <p className="error">History unavailable: {history.error.message}</p>;
  if (!history.data.length) return <p className="hint">No observation of {region} yet.</p>;
  const pager = (
    <Pager
      label="History pages"
      page={paged.page}
      pages={paged.pages}
      first={paged.first}
      shown={paged.rows.length}
      total={history.data.length}
      onPage={(p) => (setEditing(null), paged.setPage(p))}
    />
  );
  return (
    <>
      <table className="history">
        <caption>
          Observations of {region}: {history.data.filter((r) => r.state === 'current').length} current,{' '}
          {history.data.length} versions in all
        </caption>
        <thead>
          <tr>
            <th>Month</th>
            <th>Indicator</th>
            <th>Value</th>
            <th>State</th>
            <th>Source</th>
            <th>Entered</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {paged.rows.map((r) => (
            <tr key={r.id} className={`state-${r.state}`}>
              <td>{r.period}</td>
              <td title={r.indicatorId}>{label(r.indicatorId)}</td>
              <td>
                {r.value} <small>({r.confidence})</small>
              </td>
              <td>
                {r.state}
                {r.supersedes ? <small> · corrects #{r.supersedes}</small> : null}
                {r.reason ? <small className="reason"> · {r.reason}</small> : null}
              </td>
              <td>
                {r.sourceUrl ? <a href={r.sourceUrl}>{r.sourceCitation}</a> : r.sourceCitation}
                {r.sourceLocator ? <small> · {r.sourceLocator}</small> : null}
                {r.note ? <div className="note">{r.note}</div> : null}
              </td>
              <td>
                {r.enteredBy}
                <br />
                <small>
                  {r.enteredAt.slice(0, 16).replace('T', ' ')}
                  {r.batchId ? ` · import ${r.batchId}` : ''}
                </small>
              </td>
              <td>
                {r.state === 'current' &&
                  (editing === r.id ? (
                    <ChangeForm row={r} onDone={() => setEditing(null)} />
                  ) : (
                    <button type="button" className="link" onClick={() => setEditing(r.id)}>
                      Correct or retract
                    </button>
                  ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {pager}
    </>
  );
}
