import { useState, type FormEvent } from 'react';
import { useChangePassword } from '../../queries/account.ts';

/** Change one's own password: the current one, then the new one twice (typed the same, so no typo locks anyone out). */
export function PasswordForm() {
  const change = useChangePassword();
  const empty = { current: '', password: '', again: '' };
  const [f, setF] = useState(empty);
  const mismatch = f.again !== '' && f.again !== f.password;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (mismatch) return;
    change.mutate({ current: f.current, password: f.password }, { onSuccess: () => setF(empty) });
  };
  return (
    <form onSubmit={submit} className="account-form account-password" aria-labelledby="password-title">
      <h2 id="password-title">Change password</h2>
      <label>
        Current password
        <input
          type="password"
          autoComplete="current-password"
          value={f.current}
          onChange={(e) => setF({ ...f, current: e.target.value })}
          required
        />
      </label>
      <label>
        New password
        <input
          type="password"
          autoComplete="new-password"
          value={f.password}
          onChange={(e) => setF({ ...f, password: e.target.value })}
          required
        />
      </label>
      <label>
        New password again
        <input
          type="password"
          autoComplete="new-password"
          value={f.again}
          onChange={(e) => setF({ ...f, again: e.target.value })}
          required
          aria-invalid={mismatch}
        />
      </label>
      <p className="hint">
        At least 12 characters, not your email, not a common password, not your current one. Changing it signs out your
        other sessions and revokes all your API tokens: scripts need a new token afterwards.
      </p>
      {mismatch && <p className="error">The two new passwords differ.</p>}
      <button type="submit" disabled={change.isPending || mismatch}>
        Change password
      </button>
      {change.isError && (
        <p className="error" role="alert">
          {change.error.message}
        </p>
      )}
      {change.isSuccess && (
        <p role="status">
          Password changed. You stay signed in here; other sessions of this account were ended and its API tokens
          revoked.
        </p>
      )}
    </form>
  );
}
