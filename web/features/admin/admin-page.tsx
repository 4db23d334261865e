import { useQuery } from '@tanstack/react-query';
import { accountQueries } from '../../queries/account.ts';
import { SignInForm } from '../account/sign-in-form.tsx';
import { AuditPanel } from './audit-panel.tsx';
import { BackupsPanel } from './backups-panel.tsx';
import { BoundaryUploadPanel } from './boundary-upload-panel.tsx';
import { UsersPanel } from './users-panel.tsx';
import { roleName } from '../account/roles.ts';
import { t, tRich } from '../../i18n/messages.ts';
import '../account/account.css';
import './admin.css';

/** `/admin`: backups, accounts and the audit log, for admins. Catalogue versions are managed on the Catalogue page. */
export function AdminPage() {
  const me = useQuery(accountQueries.me());
  const user = me.data?.user;
  return (
    <main className="page admin-page">
      <h1>{t('admin.title')}</h1>
      {me.isPending && <p role="status">{t('profile.loading')}</p>}
      {me.data && !user && <SignInForm intro={t('admin.needsAdmin')} />}
      {user && user.role !== 'admin' && <p className="error">{t('admin.onlyAdmins', { role: roleName(user.role) })}</p>}
      {user?.role === 'admin' && (
        <>
          <p className="hint">
            {tRich('admin.hint', {
              a: (chunks) => <a href="/catalogue">{chunks}</a>,
              code: (chunks) => <code>{chunks}</code>,
            })}
          </p>
          <BackupsPanel />
          <UsersPanel me={user.email} />
          <BoundaryUploadPanel />
          <AuditPanel />
        </>
      )}
    </main>
  );
}
