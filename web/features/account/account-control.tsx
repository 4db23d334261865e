import { useQuery } from '@tanstack/react-query';
import { navigate } from '../../lib/router.ts';
import { accountQueries, useSignOut } from '../../queries/account.ts';
import './account.css';

/** The top bar's account corner: "Sign in", or the signed-in email (to the account page) and "Sign out". */
export function AccountControl() {
  const me = useQuery(accountQueries.me());
  const signOut = useSignOut();
  const go = (e: { preventDefault(): void }) => {
    e.preventDefault();
    navigate('/account');
  };
  if (!me.data) return null;
  const user = me.data.user;
  return (
    <div className="account-control" data-testid="account-control">
      {user ? (
        <>
          <a href="/account" onClick={go} title={`Role: ${user.role}`}>
            {user.email}
          </a>
          <button type="button" onClick={() => signOut.mutate()} disabled={signOut.isPending}>
            Sign out
          </button>
        </>
      ) : (
        <a href="/account" onClick={go}>
          Sign in
        </a>
      )}
    </div>
  );
}
