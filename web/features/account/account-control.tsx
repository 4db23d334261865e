import { useQuery } from '@tanstack/react-query';
import { navigate, useLocation } from '../../lib/router.ts';
import { accountQueries, useSignOut } from '../../queries/account.ts';
import { t } from '../../i18n/messages.ts';
import './account.css';

/** The top bar's account corner: "Sign in", or the signed-in email (to the account page) and "Sign out". */
export function AccountControl() {
  const me = useQuery(accountQueries.me());
  const signOut = useSignOut();
  // Signing in from a page comes back to it: the account page is given the page as `next`.
  const { path, params } = useLocation();
  const query = params.toString();
  const signInHref =
    path === '/account' ? '/account' : `/account?next=${encodeURIComponent(query ? `${path}?${query}` : path)}`;
  const go = (e: { preventDefault(): void }) => {
    e.preventDefault();
    navigate('/account');
  };
  const goSignIn = (e: { preventDefault(): void }) => {
    e.preventDefault();
    navigate(signInHref);
  };
  if (!me.data) return null;
  const user = me.data.user;
  return (
    <div className="account-control" data-testid="account-control">
      {user ? (
        <>
          <a href="/account" onClick={go} title={t('account.role', { role: user.role })}>
            {user.email}
          </a>
          <button type="button" onClick={() => signOut.mutate()} disabled={signOut.isPending}>
            {t('account.signOut')}
          </button>
        </>
      ) : (
        <a href={signInHref} onClick={goSignIn}>
          {t('account.signIn')}
        </a>
      )}
    </div>
  );
}
