import type { ReactNode } from 'react';
import { t } from '../../i18n/messages.ts';

/** A query's state in a form the status note understands. */
export interface QueryLike {
  isPending: boolean;
  isError: boolean;
  error: Error | null;
  fetchStatus?: string;
}

/**
 * Renders `children` once a query has data, and otherwise says plainly what is going on: loading,
 * failed (with the API's message), or "not available on this server" for a route that answers 404.
 */
export function QueryStatus({
  query,
  what,
  children,
  unavailable,
}: {
  query: QueryLike;
  what: string;
  children: ReactNode;
  unavailable?: string;
}) {
  if (query.isPending && query.fetchStatus !== 'idle')
    return (
      <p className="loading" role="status">
        {t('status.loading', { what })}
      </p>
    );
  if (query.isPending) return null;
  if (query.isError) {
    const status = (query.error as { status?: number } | null)?.status;
    if (status === 404 && unavailable) return <p className="empty">{unavailable}</p>;
    return (
      <p className="error" role="alert">
        {t('status.failed', { what, message: query.error?.message ?? t('status.unknownError') })}
      </p>
    );
  }
  return <>{children}</>;
}

/** A titled part of a page or panel. */
export function Section({
  title,
  id,
  children,
  actions,
}: {
  title: string;
  id: string;
  children: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <section className="section" aria-labelledby={id}>
      <div className="section-head">
        <h3 id={id}>{title}</h3>
        {actions}
      </div>
      {children}
    </section>
  );
}
