import { useState, type FormEvent } from 'react';
import { useChangePassword } from '../../queries/account.ts';
import { t } from '../../i18n/messages.ts';
import { PasswordField, WriteError } from '../common/form-fields.tsx';

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
      <PasswordField
        label={t('account.currentPassword')}
        autoComplete="current-password"
        value={f.current}
        onChange={(current) => setF({ ...f, current })}
      />
      <PasswordField
        label={t('account.newPassword')}
        autoComplete="new-password"
        value={f.password}
        onChange={(password) => setF({ ...f, password })}
      />
      <PasswordField
        label={t('account.newPasswordAgain')}
        autoComplete="new-password"
        value={f.again}
        onChange={(again) => setF({ ...f, again })}
        invalid={mismatch}
      />
      <p className="hint">{t('account.passwordHint')}</p>
      {mismatch && <p className="error">{t('account.passwordsDiffer')}</p>}
      <button type="submit" disabled={change.isPending || mismatch}>
        {t('account.changePassword')}
      </button>
      <WriteError write={change} />
      {change.isSuccess && <p role="status">{t('account.passwordChanged')}</p>}
    </form>
  );
}
