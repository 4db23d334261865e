import { useState, type FormEvent } from 'react';
import { useChangePassword } from '../../queries/account.ts';
import { t } from '../../i18n/messages.ts';

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
      <h2 id="password-title">{t('account.changePassword')}</h2>
      <label>
        {t('account.currentPassword')}
        <input
          type="password"
          autoComplete="current-password"
          value={f.current}
          onChange={(e) => setF({ ...f, current: e.target.value })}
          required
        />
      </label>
      <label>
        {t('account.newPassword')}
        <input
          type="password"
          autoComplete="new-password"
          value={f.password}
          onChange={(e) => setF({ ...f, password: e.target.value })}
          required
        />
      </label>
      <label>
        {t('account.newPasswordAgain')}
        <input
          type="password"
          autoComplete="new-password"
          value={f.again}
          onChange={(e) => setF({ ...f, again: e.target.value })}
          required
          aria-invalid={mismatch}
        />
      </label>
      <p className="hint">{t('account.passwordHint')}</p>
      {mismatch && <p className="error">{t('account.passwordsDiffer')}</p>}
      <button type="submit" disabled={change.isPending || mismatch}>
        {t('account.changePassword')}
      </button>
      {change.isError && (
        <p className="error" role="alert">
          {change.error.message}
        </p>
      )}
      {change.isSuccess && <p role="status">{t('account.passwordChanged')}</p>}
    </form>
  );
}
