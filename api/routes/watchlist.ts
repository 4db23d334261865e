import { Hono } from 'hono';
import { z } from 'zod';
import type { AsyncDb } from '../../db/async.ts';
import { auditAsync } from '../../db/queries/audit.ts';
import { regionsAsync } from '../../db/queries/regions.ts';
import { watchlistAsync } from '../../db/queries/watchlist.ts';
import { inTransaction } from '../../db/write-lock.ts';
import { notFound } from '../errors.ts';
import { authOf, requireRole } from '../middleware/auth.ts';
import type { SecurityConfig } from '../services/auth/config.ts';
import { RegionCodeSchema } from '../schemas.ts';
import { validate } from '../validate.ts';

const CodeParam = z.object({ code: RegionCodeSchema });

/**
 * The signed-in person's watchlist (any role): `GET /watchlist` (region codes, oldest first),
 * `PUT /watchlist/{code}` and `DELETE /watchlist/{code}`, each answering with the list after the
 * change. Changes are audited like every write.
 */
export function watchlistRoutes(data: AsyncDb, config: SecurityConfig) {
  return new Hono()
    .get('/watchlist', requireRole('viewer'), async (c) => c.json(await watchlistAsync.list(data, authOf(c)!.user.id)))
    .put('/watchlist/:code', requireRole('viewer'), validate('param', CodeParam), async (c) => {
      const auth = authOf(c)!;
      const { code } = c.req.valid('param');
      if (!(await regionsAsync.get(data, code))) throw notFound(`Region ${code}`);
      const at = config.now().toISOString();
      const list = await inTransaction(data, async (tx) => {
        if (await watchlistAsync.add(tx, auth.user.id, code, at))
          await auditAsync.append(tx, {
            at,
            actor: auth.actor.name,
            action: 'watch',
            entity: 'watchlist',
            entityId: code,
            before: null,
            after: { region: code },
          });
        return watchlistAsync.list(tx, auth.user.id);
      });
      return c.json(list);
    })
    .delete('/watchlist/:code', requireRole('viewer'), validate('param', CodeParam), async (c) => {
      const auth = authOf(c)!;
      const { code } = c.req.valid('param');
      const at = config.now().toISOString();
      const list = await inTransaction(data, async (tx) => {
        if (await watchlistAsync.remove(tx, auth.user.id, code))
          await auditAsync.append(tx, {
            at,
            actor: auth.actor.name,
            action: 'unwatch',
            entity: 'watchlist',
            entityId: code,
            before: { region: code },
            after: null,
          });
        return watchlistAsync.list(tx, auth.user.id);
      });
      return c.json(list);
    });
}
