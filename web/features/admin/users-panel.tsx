import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { ROLES } from '../../../indicators/index.ts';
import type { Role } from '../../../indicators/index.ts';
import { adminQueries, useChangeUser, useCreateUser } from '../../queries/admin.ts';
import { t, translated } from '../../i18n/messages.ts';
import { roleName } from '../account/roles.ts';
import { PasswordField, WriteError } from '../common/form-fields.tsx';

const ROLE_HELP: Readonly<Record<Role, string>> = translated(ROLES, (r) => `admin.roleHelp.${r}`);

/** Accounts: who can sign in with which role; add one, change a role, disable or re-enable, reset a password. */
export function UsersPanel({ me }: { me: string }) {
  const users = useQuery(adminQueries.users());
  const change = useChangeUser();
  const [resetFor, setResetFor] = useState<number | null>(null);
  return (
    <section aria-labelledby="users-title" className="admin-section">
      <h2 id="users-title">{t('admin.accounts')}</h2>
      <ul className="hint role-help">
        {ROLES.map((r) => (
          <li key={r}>
            <strong>{roleName(r)}</strong>: {ROLE_HELP[r]}
          </li>
        ))}
      </ul>
      {users.isError && <p className="error">{t('admin.accountsFailed', { message: users.error.message })}</p>}
      <WriteError write={change} />
      {users.data && (
        <table className="token-table" data-testid="users-table">
          <thead>
            <tr>
              <th>{t('account.email')}</th>
              <th>{t('admin.name')}</th>
              <th>{t('account.roleLabel')}</th>
              <th>{t('account.state')}</th>
              <th>{t('account.created')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {users.data.map((u) => (
              <tr key={u.id} data-email={u.email}>
                <td>{u.email}</td>
                <td>{u.name}</td>
                <td>
                  <select
                    aria-label={t('admin.roleOf', { email: u.email })}
                    value={u.role}
                    disabled={change.isPending}
                    onChange={(e) => change.mutate({ id: u.id, role: e.target.value as Role })}
                  >
                    {ROLES.map((r) => (
                      <option key={r} value={r}>
                        {roleName(r)}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  {u.disabledAt ? t('admin.disabledOn', { date: u.disabledAt.slice(0, 10) }) : t('account.active')}
                </td>
                <td>{u.createdAt.slice(0, 10)}</td>
                <td className="row-actions">
                  <button
                    type="button"
                    disabled={change.isPending || (u.email === me && !u.disabledAt)}
                    onClick={() => change.mutate({ id: u.id, disabled: !u.disabledAt })}
                  >
                    {u.disabledAt ? t('admin.enable') : t('admin.disable')}
                  </button>
                  <button type="button" onClick={() => setResetFor(resetFor === u.id ? null : u.id)}>
                    {t('admin.newPassword')}
                  </button>
                  {resetFor === u.id && <PasswordReset id={u.id} email={u.email} done={() => setResetFor(null)} />}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <NewUserForm />
    </section>
  );
}

/** Sets a new password for one account (the server checks the policy and says why it refuses one); says first that it ends their sessions and tokens. */
function PasswordReset({ id, email, done }: { id: number; email: string; done: () => void }) {
  const change = useChangeUser();
  const [password, setPassword] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    change.mutate({ id, password }, { onSuccess: done });
  };
  return (
    <form onSubmit={submit} className="inline-form">
      <PasswordField
        label={t('admin.newPasswordFor', { email })}
        autoComplete="new-password"
        value={password}
        onChange={setPassword}
      />
      <span className="hint">{t('admin.resetHint')}</span>
      <button type="submit" disabled={change.isPending}>
        {t('admin.set')}
      </button>
      <WriteError write={change} inline />
    </form>
  );
}

/** Adds an account; the initial password is handed to the person out of band, who changes it on the Account page. */
function NewUserForm() {
  const create = useCreateUser();
  const empty = { email: '', name: '', role: 'viewer' as Role, password: '' };
  const [f, setF] = useState(empty);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate({ ...f, name: f.name.trim() || undefined }, { onSuccess: () => setF(empty) });
  };
  return (
    <form onSubmit={submit} className="account-form new-user" aria-labelledby="new-user-title">
      <h3 id="new-user-title">{t('admin.addTitle')}</h3>
      <label>
        {t('account.email')}
        <input type="email" value={f.email} onChange={(e) => setF({ ...f, email: e.target.value })} required />
      </label>
      <label>
        {t('admin.name')}
        <input value={f.name} onChange={(e) => setF({ ...f, name: e.target.value })} maxLength={120} />
      </label>
      <label>
        {t('account.roleLabel')}
        <select value={f.role} onChange={(e) => setF({ ...f, role: e.target.value as Role })}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {roleName(r)}
            </option>
          ))}
        </select>
      </label>
      <PasswordField
        label={t('admin.initialPassword')}
        autoComplete="new-password"
        value={f.password}
        onChange={(password) => setF({ ...f, password })}
      />
      <button type="submit" disabled={create.isPending}>
        {t('admin.add')}
      </button>
      <WriteError write={create} />
      {create.isSuccess && (
        <p role="status">{t('admin.added', { email: create.data.email, role: roleName(create.data.role) })}</p>
      )}
    </form>
  );
}
