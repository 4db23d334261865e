import { Hono } from 'hono';
import type { AsyncDb } from '../../db/async.ts';
import { dataVersionOf } from '../../db/data-version.ts';
import { authOf } from '../middleware/auth.ts';
import {
  backupHealth,
  readBackupStatusAsync,
  type BackupHealth,
  type BackupSettings,
} from '../services/backup/status.ts';

/**
 * `GET /api/health`: liveness and version, after one read of the database (its data version, the
 * cheapest read on both engines): a database that cannot be reached makes it a 503
 * `database_unavailable` (api/errors.ts), for a probe or a load balancer to see. For an admin (a session, or a monitoring probe's token)
 * also the scheduled backups: the last success, its age, the last error and `stale`, to alert on.
 */
export function healthRoutes(version: string, data: AsyncDb, backups: BackupSettings | undefined, now: () => Date) {
  return new Hono().get('/health', async (c) => {
    await dataVersionOf(data);
    const body: { status: 'ok'; version: string; backup?: BackupHealth } = { status: 'ok', version };
    if (authOf(c)?.actor.role === 'admin')
      body.backup = backupHealth(backups, await readBackupStatusAsync(data), now());
    // What is in it depends on who asks: never served from a cache.
    c.header('Cache-Control', 'no-store');
    return c.json(body);
  });
}
