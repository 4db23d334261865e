import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { adminQueries } from '../../queries/admin.ts';
import { intl, t, tRich } from '../../i18n/messages.ts';

const when = (iso: string) => `${iso.slice(0, 16).replace('T', ' ')} UTC`;

/** How long ago, for people, in the page's language: "3 minutes ago", "il y a 5 heures", "قبل يومين". */
function ago(seconds: number): string {
  for (const [unit, size] of [
    ['day', 86_400],
    ['hour', 3_600],
    ['minute', 60],
  ] as const)
    if (seconds >= size) return intl().formatRelativeTime(-Math.floor(seconds / size), unit, { numeric: 'always' });
  return intl().formatRelativeTime(-seconds, 'second', { numeric: 'always' });
}

const code = (chunks: ReactNode[]) => <code>{chunks}</code>;

/**
 * Scheduled backups: where and how often, the last successful one and its age, the last failure
 * (and that serving went on), from `/api/health` as an admin reads it.
 */
export function BackupsPanel() {
  const health = useQuery(adminQueries.health());
  const b = health.data?.backup;
  return (
    <section className="admin-backups" aria-labelledby="backups-title" data-testid="backups-panel">
      <h2 id="backups-title">{t('admin.backups')}</h2>
      {health.isPending && <p className="hint">{t('admin.readingBackups')}</p>}
      {health.isError && <p className="error">{t('admin.backupsFailed', { message: health.error.message })}</p>}
      {b && !b.configured && <p className="hint">{tRich('admin.backupsOff', { code })}</p>}
      {b?.configured && (
        <>
          <p>
            {tRich('admin.backupsEvery', {
              every: b.every,
              dir: b.dir,
              keep: b.keep,
              next: b.nextAt ? t('admin.backupsNext', { when: when(b.nextAt) }) : '',
              code,
            })}
          </p>
          {b.lastSuccessAt ? (
            <p className={b.stale ? 'error' : 'ok'} data-testid="backup-last-success">
              {t('admin.lastSuccess', {
                when: when(b.lastSuccessAt),
                ago: ago(b.ageSeconds ?? 0),
                file: b.lastSuccessFile ?? '',
                kept: b.kept.length,
              })}
            </p>
          ) : (
            <p className="error" data-testid="backup-last-success">
              {t('admin.noSuccess')}
            </p>
          )}
          {b.lastError && (
            <p className="error" role="alert" data-testid="backup-last-error">
              {t('admin.lastFailed', {
                when: when(b.lastAttemptAt!),
                error: b.lastError,
                next: b.nextAt ? when(b.nextAt) : t('admin.soon'),
              })}
            </p>
          )}
        </>
      )}
    </section>
  );
}
