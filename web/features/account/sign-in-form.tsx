import { useState, type FormEvent } from 'react';
import { navigate } from '../../lib/router.ts';
import { useSignIn } from '../../queries/account.ts';
import { t } from '../../i18n/messages.ts';
import { PasswordField, WriteError } from '../common/form-fields.tsx';
import './account.css';

/**
 * Where to go once signed in: the page the person came from (`?next=`, set by the top bar's "Sign in"),
 * if it is a path of this site; otherwise stay.
 */
export function nextAfterSignIn(search: string): string | null {
  const next = new URLSearchParams(search).get('next');
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : null;
}

/** Email and password form; the password field is cleared after every attempt; then back to where the person was. */
export function SignInForm({ intro }: { intro?: string }) {
  const signIn = useSignIn();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    signIn.mutate(
      { email, password },
      {
        onSettled: () => setPassword(''),
        onSuccess: () => {
          const next = nextAfterSignIn(window.location.search);
          if (next) navigate(next, { replace: true });
        },
      },
    );
  };
  return (
    <form className="account-form" onSubmit={submit} aria-label={t('account.signIn')}>
      <h2>{t('account.signIn')}</h2>
      {intro && <p className="hint">{intro}</p>}
      <label>
        {t('account.email')}
        <input
          type="email"
          name="email"
          autoComplete="username"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
      </label>
      <PasswordField
        label={t('account.password')}
        name="password"
        autoComplete="current-password"
        value={password}
        onChange={setPassword}
      />
      <button type="submit" disabled={signIn.isPending}>
        {signIn.isPending ? t('account.signingIn') : t('account.signIn')}
      </button>
      <WriteError write={signIn} />
    </form>
  );
}
