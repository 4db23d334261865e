import { useQuery } from '@tanstack/react-query';
import { accountQueries, useSignOut } from '../../queries/account.ts';
import { SignInForm } from './sign-in-form.tsx';
import { PasswordForm } from './password-form.tsx';
import { TokenList } from './token-list.tsx';
import './account.css';

/** `/account`: sign in, or see your account and role, sign out, manage your API tokens and change your password. */
export function AccountPage() {
  const me = useQuery(accountQueries.me());
  const signOut = useSignOut();
  const user = me.data?.user;
  return (
    <main className="page account-page">
      <h1>Account</h1>
      {me.isPending && <p role="status">Loading…</p>}
      {me.isError && <p className="error">Could not reach the server: {me.error.message}</p>}
      {me.data && !user && (
        <SignInForm intro="Analysts and admins sign in to enter and import data; viewers to read what is not public." />
      )}
      {user && (
        <>
          <dl className="account-summary" data-testid="account-summary">
            <dt>Signed in as</dt>
            <dd>{user.email}</dd>
            <dt>Role</dt>
            <dd>{user.role}</dd>
          </dl>
          <button type="button" onClick={() => signOut.mutate()} disabled={signOut.isPending}>
            Sign out
          </button>
          <TokenList />
          {me.data?.via === 'session' && <PasswordForm />}
        </>
      )}
    </main>
  );
}
