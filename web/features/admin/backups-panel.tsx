import { useQuery } from '@tanstack/react-query';
import { adminQueries } from '../../queries/admin.ts';

const when = (iso: string) => `${iso.slice(0, 16).replace('T', ' ')} UTC`;

/** How long ago, for people: "3 minutes", "5 hours", "2 days". */
function ago(seconds: number): string {
  for (const [unit, size] of [
    ['day', 86_400],
    ['hour', 3_600],
    ['minute', 60],
  ] as const)
    if (seconds >= size) {
      const n = Math.floor(seconds / size);
      return `${n} ${unit}${n === 1 ? '' : 's'}`;
    }
  return `${seconds} seconds`;
}

/**
 * Scheduled backups: where and how often, the last successful one and its age, the last failure
 * (and that serving went on), from `/api/health` as an admin reads it.
 */
export function BackupsPanel() {
  const health = useQuery(adminQueries.health());
  const b = health.data?.backup;
  return (
    <section className="admin-backups" aria-labelledby="backups-title" data-testid="backups-panel">
      <h2 id="backups-title">Backups</h2>
      {health.isPending && <p className="hint">Reading the backup status…</p>}
      {health.isError && <p className="error">Could not read the backup status: {health.error.message}</p>}
      {b && !b.configured && (
        <p className="hint">
          Scheduled backups are off. Set <code>VIGIL_BACKUP_DIR</code> (and <code>VIGIL_BACKUP_EVERY</code>, e.g.{' '}
          <code>24h</code>; <code>VIGIL_BACKUP_KEEP</code>, default 7) when the server starts; until then back up with{' '}
          <code>vigil backup</code>.
        </p>
      )}
      {b?.configured && (
        <>
          <p>
            Every {b.every} into <code>{b.dir}</code>, keeping the newest {b.keep}
            {b.nextAt ? `; next ${when(b.nextAt)}` : ''}.
          </p>
          {b.lastSuccessAt ? (
            <p className={b.stale ? 'error' : 'ok'} data-testid="backup-last-success">
              Last successful backup: {when(b.lastSuccessAt)} ({ago(b.ageSeconds ?? 0)} ago), {b.lastSuccessFile},
              verified. {b.kept.length} kept.
            </p>
          ) : (
            <p className="error" data-testid="backup-last-success">
              No successful backup yet.
            </p>
          )}
          {b.lastError && (
            <p className="error" role="alert" data-testid="backup-last-error">
              The last backup failed at {when(b.lastAttemptAt!)}: {b.lastError}. Serving is not affected; Vigil tries
              again {b.nextAt ? when(b.nextAt) : 'soon'}.
            </p>
          )}
        </>
      )}
    </section>
  );
}
