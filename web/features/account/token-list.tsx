import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { accountQueries, useCreateToken, useRevokeToken } from '../../queries/account.ts';

const minute = (iso: string) => iso.slice(0, 16).replace('T', ' ');

function stateOf(t: { revokedAt: string | null; expiresAt: string | null }, now: string): string {
  if (t.revokedAt) return `revoked ${t.revokedAt.slice(0, 10)}`;
  return t.expiresAt && t.expiresAt <= now ? 'expired' : 'active';
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
      <h2 id="tokens-title">API tokens</h2>
      <p className="hint">
        Scripts send a token as <code>Authorization: Bearer …</code>. A token acts with your role until it expires or is
        revoked, and changing your password revokes them all; Vigil stores only a hash of it.
      </p>
      <form onSubmit={submit} className="token-create">
        <label>
          Label
          <input
            value={label}
            onChange={(e) => setLabel(e.target.value)}
            maxLength={80}
            required
            placeholder="e.g. nightly export"
          />
        </label>
        <label>
          Expires
          <select value={days} onChange={(e) => setDays(e.target.value)}>
            <option value="30">in 30 days</option>
            <option value="90">in 90 days</option>
            <option value="365">in a year</option>
            <option value="">never (until revoked)</option>
          </select>
        </label>
        <button type="submit" disabled={create.isPending}>
          Create token
        </button>
      </form>
      {create.isError && (
        <p className="error" role="alert">
          {create.error.message}
        </p>
      )}
      {create.data && (
        <div className="token-new" role="status" data-testid="new-token">
          <p>
            Token <strong>{create.data.label}</strong> — copy it now, it will not be shown again:
          </p>
          <code>{create.data.token}</code>
        </div>
      )}
      {tokens.isError && <p className="error">Could not load tokens: {tokens.error.message}</p>}
      {tokens.data && tokens.data.length === 0 && <p className="hint">No tokens yet.</p>}
      {tokens.data && tokens.data.length > 0 && (
        <table className="token-table">
          <thead>
            <tr>
              <th>Label</th>
              <th>Created</th>
              <th>Expires</th>
              <th>Last used</th>
              <th>State</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {tokens.data.map((t) => (
              <tr key={t.id}>
                <td>{t.label}</td>
                <td>{minute(t.createdAt)}</td>
                <td>{t.expiresAt ? t.expiresAt.slice(0, 10) : 'never'}</td>
                <td>{t.lastUsedAt ? minute(t.lastUsedAt) : 'not yet'}</td>
                <td>{stateOf(t, now)}</td>
                <td>
                  {!t.revokedAt && (
                    <button type="button" onClick={() => revoke.mutate(t.id)} disabled={revoke.isPending}>
                      Revoke
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
