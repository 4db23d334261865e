import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { accountQueries } from '../../queries/account.ts';
import { catalogueQueries } from '../../queries/catalogue.ts';
import { ApiError } from '../../lib/http.ts';
import { observationQueries, useRetract, useSupersede, type ObservationVersion } from '../../queries/observations.ts';
import { Pager, usePaged } from '../common/pager.tsx';
import { FieldMessage } from './field-error.tsx';
import { useLanguage } from '../../i18n/language-provider.tsx';
import { t } from '../../i18n/messages.ts';

/** An observation's state and the analyst's confidence in words (the API's own word when it is a new one). */
const STATES = ['current', 'superseded', 'retracted'] as const;
const stateLabel = (s: string) =>
  (STATES as readonly string[]).includes(s) ? t(`entry.state.${s as (typeof STATES)[number]}`) : s;
const LEVELS = ['high', 'medium', 'low'] as const;
const confidenceLabel = (c: string) =>
  (LEVELS as readonly string[]).includes(c) ? t(`observation.confidence.${c as (typeof LEVELS)[number]}`) : c;

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
      aria-label={t('entry.changeLabel', { id: row.id })}
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
        <input type="radio" checked={mode === 'correct'} onChange={() => setMode('correct')} /> {t('entry.correct')}
      </label>
      <label>
        <input type="radio" checked={mode === 'retract'} onChange={() => setMode('retract')} /> {t('entry.retract')}
      </label>
      {mode === 'correct' && (
        <label>
          {t('entry.newValue')}{' '}
          <input type="number" value={value} onChange={(e) => setValue(e.target.value)} step="any" min={0} />
          <FieldMessage fields={fields} name="value" />
        </label>
      )}
      <label>
        {t('entry.reason')}{' '}
        <input
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          placeholder={t('entry.reasonPlaceholder')}
          required
        />
        <FieldMessage fields={fields} name="reason" />
      </label>
      {othersWork && (
        <label>
          {t('entry.onBehalf', { who: row.enteredBy })}{' '}
          <input
            value={onBehalfOf}
            onChange={(e) => setOnBehalfOf(e.target.value)}
            placeholder={t('entry.auditPlaceholder')}
            required
          />
          <FieldMessage fields={fields} name="onBehalfOf" />
        </label>
      )}
      <button type="submit" disabled={m.isPending}>
        {mode === 'correct' ? t('entry.saveCorrection') : t('entry.retract')}
      </button>
      <button type="button" className="link" onClick={onDone}>
        {t('entry.cancel')}
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
  if (!region) return <p className="hint">{t('entry.chooseRegion')}</p>;
  if (history.isPending) return <p className="status">{t('observations.loadingHistory')}</p>;
  if (history.isError) return <p className="error">{t('entry.historyFailed', { message: history.error.message })}</p>;
  if (!history.data.length) return <p className="hint">{t('entry.noObservation', { region })}</p>;
  const pager = (
    <Pager
      label={t('entry.historyPages')}
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
          {t('entry.historyCaption', {
            region,
            current: history.data.filter((r) => r.state === 'current').length,
            total: history.data.length,
          })}
        </caption>
        <thead>
          <tr>
            <th>{t('observations.month')}</th>
            <th>{t('observations.indicator')}</th>
            <th>{t('observations.value')}</th>
            <th>{t('entry.state')}</th>
            <th>{t('observations.source')}</th>
            <th>{t('entry.entered')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {paged.rows.map((r) => (
            <tr key={r.id} className={`state-${r.state}`}>
              <td>{r.period}</td>
              <td title={r.indicatorId}>{label(r.indicatorId)}</td>
              <td>
                {r.value} <small>({confidenceLabel(r.confidence)})</small>
              </td>
              <td>
                {stateLabel(r.state)}
                {r.supersedes ? <small> · {t('entry.corrects', { id: r.supersedes })}</small> : null}
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
                  {r.batchId ? ` · ${t('entry.fromImport', { id: r.batchId })}` : ''}
                </small>
              </td>
              <td>
                {r.state === 'current' &&
                  (editing === r.id ? (
                    <ChangeForm row={r} onDone={() => setEditing(null)} />
                  ) : (
                    <button type="button" className="link" onClick={() => setEditing(r.id)}>
                      {t('entry.correctOrRetract')}
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
