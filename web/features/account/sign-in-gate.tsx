import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { accountQueries } from '../../queries/account.ts';
import { SignInForm } from './sign-in-form.tsx';
import { t } from '../../i18n/messages.ts';

/**
 * Shows `children` when the visitor may read them: signed in, or public read is on. Otherwise the
 * sign-in form, so that a closed deployment greets visitors with it instead of failed requests. If the
 * server cannot say, the page is shown and answers for itself.
 */
export function SignInGate({ children }: { children: ReactNode }) {
  const me = useQuery(accountQueries.me());
  // Wait for the answer (one small request) so that a closed server is not asked for data first.
  if (me.isPending) return null;
  if (me.data && !me.data.user && !me.data.publicRead) {
    return (
      <main className="page account-page">
        <SignInForm intro={t('account.gate')} />
      </main>
    );
  }
  return <>{children}</>;
}
