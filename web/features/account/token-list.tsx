import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { accountQueries, useCreateToken, useRevokeToken } from '../../queries/account.ts';
import { t, tRich } from '../../i18n/messages.ts';
import { WriteError } from '../common/form-fields.tsx';

const minute = (iso: string) => iso.slice(0, 16).replace('T', ' ');

function stateOf(tok: { revokedAt: string | null; expiresAt: string | null }, now: string): string {
  if (tok.revokedAt) return t('account.revokedOn', { date: tok.revokedAt.slice(0, 10) });
  return tok.expiresAt && tok.expiresAt <= now ? t('account.expired') : t('account.active');
}

/**
 * The account's API tokens: create one with an expiry (its value is shown once, here), list them with
 * when each expires and was last used, revoke any.
 */
export function TokenList() {
  const now = new Date().toISOString();
  const tokens = useQuery(accountQueries.tokens());
  const create = useCreateToken();
  const revoke = useRevokeToken();
  const [label, setLabel] = useState('');
  const [days, setDays] = useState('90');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate(
      { label: label.trim(), expiresInDays: days ? Number(days) : null },
      { onSuccess: () => setLabel('') },
    );
  };
  return (
    <section className="account-tokens" aria-labelledby="tokens-title">
      <h2 id="tokens-title">{t('account.tokens')}</h2>
      <p className="hint">{tRich('account.tokensHint', { code: (chunks) => <code>{chunks}</code> })}</p>
      <form onSubmit={submit} className="token-create">
        <label>
          {t('account.tokenLabel')}
          <input
            value={label}
            onChange={(e) => setLabel(e.target.value)}
            maxLength={80}
            required
            placeholder={t('account.tokenLabelExample')}
          />
        </label>
        <label>
          {t('account.expires')}
          <select value={days} onChange={(e) => setDays(e.target.value)}>
            <option value="30">{t('account.in30')}</option>
            <option value="90">{t('account.in90')}</option>
            <option value="365">{t('account.inYear')}</option>
            <option value="">{t('account.neverExpires')}</option>
          </select>
        </label>
        <button type="submit" disabled={create.isPending}>
          {t('account.createToken')}
        </button>
      </form>
      <WriteError write={create} />
      {create.data && (
        <div className="token-new" role="status" data-testid="new-token">
          <p>
            {tRich('account.newToken', { label: create.data.label, strong: (chunks) => <strong>{chunks}</strong> })}
          </p>
          <code>{create.data.token}</code>
        </div>
      )}
      {tokens.isError && <p className="error">{t('account.tokensFailed', { message: tokens.error.message })}</p>}
      {tokens.data && tokens.data.length === 0 && <p className="hint">{t('account.noTokens')}</p>}
      {tokens.data && tokens.data.length > 0 && (
        <table className="token-table">
          <thead>
            <tr>
              <th>{t('account.tokenLabel')}</th>
              <th>{t('account.created')}</th>
              <th>{t('account.expires')}</th>
              <th>{t('account.lastUsed')}</th>
              <th>{t('account.state')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {tokens.data.map((tok) => (
              <tr key={tok.id}>
                <td>{tok.label}</td>
                <td>{minute(tok.createdAt)}</td>
                <td>{tok.expiresAt ? tok.expiresAt.slice(0, 10) : t('account.never')}</td>
                <td>{tok.lastUsedAt ? minute(tok.lastUsedAt) : t('account.notYet')}</td>
                <td>{stateOf(tok, now)}</td>
                <td>
                  {!tok.revokedAt && (
                    <button type="button" onClick={() => revoke.mutate(tok.id)} disabled={revoke.isPending}>
                      {t('account.revoke')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
