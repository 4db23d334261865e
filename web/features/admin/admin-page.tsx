import { useQuery } from '@tanstack/react-query';
import { accountQueries } from '../../queries/account.ts';
import { SignInForm } from '../account/sign-in-form.tsx';
import { AuditPanel } from './audit-panel.tsx';
import { BackupsPanel } from './backups-panel.tsx';
import { UsersPanel } from './users-panel.tsx';
import '../account/account.css';
import './admin.css';

/** `/admin`: backups, accounts and the audit log, for admins. Catalogue versions are managed on the Catalogue page. */
export function AdminPage() {
  const me = useQuery(accountQueries.me());
  const user = me.data?.user;
  return (
    <main className="page admin-page">
      <h1>Administration</h1>
      {me.isPending && <p role="status">Loading…</p>}
      {me.data && !user && <SignInForm intro="Administration needs an admin account." />}
      {user && user.role !== 'admin' && (
        <p className="error">Only admins manage accounts and read the audit log; you are signed in as {user.role}.</p>
      )}
      {user?.role === 'admin' && (
        <>
          <p className="hint">
            New catalogue versions are loaded on the <a href="/catalogue">Catalogue</a> page. Public read of the map and
            scores is set with <code>VIGIL_PUBLIC_READ</code> when the server starts.
          </p>
          <BackupsPanel />
          <UsersPanel me={user.email} />
          <AuditPanel />
        </>
      )}
    </main>
  );
}
