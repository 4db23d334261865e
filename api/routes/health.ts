import { Hono } from 'hono';
import type { AsyncDb } from '../../db/async.ts';
import { authOf } from '../middleware/auth.ts';
import {
  backupHealth,
  readBackupStatusAsync,
  type BackupHealth,
  type BackupSettings,
} from '../services/backup/status.ts';

/**
 * `GET /api/health`: liveness and version; for an admin (a session, or a monitoring probe's token)
 * also the scheduled backups: the last success, its age, the last error and `stale`, to alert on.
 */
export function healthRoutes(version: string, data: AsyncDb, backups: BackupSettings | undefined, now: () => Date) {
  return new Hono().get('/health', async (c) => {
    const body: { status: 'ok'; version: string; backup?: BackupHealth } = { status: 'ok', version };
    if (authOf(c)?.actor.role === 'admin')
      body.backup = backupHealth(backups, await readBackupStatusAsync(data), now());
    // What is in it depends on who asks: never served from a cache.
    c.header('Cache-Control', 'no-store');
    return c.json(body);
  });
}
