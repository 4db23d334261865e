import { useQuery } from '@tanstack/react-query';
import { accountQueries, useSignOut } from '../../queries/account.ts';
import { SignInForm } from './sign-in-form.tsx';
import { PasswordForm } from './password-form.tsx';
import { TokenList } from './token-list.tsx';
import { roleName } from './roles.ts';
import { t } from '../../i18n/messages.ts';
import './account.css';

/** `/account`: sign in, or see your account and role, sign out, manage your API tokens and change your password. */
export function AccountPage() {
  const me = useQuery(accountQueries.me());
  const signOut = useSignOut();
  const user = me.data?.user;
  return (
    <main className="page account-page">
      <h1>{t('nav.account')}</h1>
      {me.isPending && <p role="status">{t('profile.loading')}</p>}
      {me.isError && <p className="error">{t('account.unreachable', { message: me.error.message })}</p>}
      {me.data && !user && <SignInForm intro={t('account.intro')} />}
      {user && (
        <>
          <dl className="account-summary" data-testid="account-summary">
            <dt>{t('account.signedInAs')}</dt>
            <dd>{user.email}</dd>
            <dt>{t('account.roleLabel')}</dt>
            <dd>{roleName(user.role)}</dd>
          </dl>
          <button type="button" onClick={() => signOut.mutate()} disabled={signOut.isPending}>
            {t('account.signOut')}
          </button>
          <TokenList />
          {me.data?.via === 'session' && <PasswordForm />}
        </>
      )}
    </main>
  );
}
