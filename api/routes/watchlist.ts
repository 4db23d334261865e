import { Hono } from 'hono';
import { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { appendAudit } from '../../db/queries/audit.ts';
import { getRegion } from '../../db/queries/regions.ts';
import { addToWatchlist, listWatchlist, removeFromWatchlist } from '../../db/queries/watchlist.ts';
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
export function watchlistRoutes(db: Db, config: SecurityConfig) {
  return new Hono()
    .get('/watchlist', requireRole('viewer'), (c) => c.json(listWatchlist(db, authOf(c)!.user.id)))
    .put('/watchlist/:code', requireRole('viewer'), validate('param', CodeParam), (c) => {
      const auth = authOf(c)!;
      const { code } = c.req.valid('param');
      if (!getRegion(db, code)) throw notFound(`Region ${code}`);
      const at = config.now().toISOString();
      const list = db.transaction((tx) => {
        if (addToWatchlist(tx, auth.user.id, code, at))
          appendAudit(tx, {
            at,
            actor: auth.actor.name,
            action: 'watch',
            entity: 'watchlist',
            entityId: code,
            before: null,
            after: { region: code },
          });
        return listWatchlist(tx, auth.user.id);
      });
      return c.json(list);
    })
    .delete('/watchlist/:code', requireRole('viewer'), validate('param', CodeParam), (c) => {
      const auth = authOf(c)!;
      const { code } = c.req.valid('param');
      const at = config.now().toISOString();
      const list = db.transaction((tx) => {
        if (removeFromWatchlist(tx, auth.user.id, code))
          appendAudit(tx, {
            at,
            actor: auth.actor.name,
            action: 'unwatch',
            entity: 'watchlist',
            entityId: code,
            before: { region: code },
            after: null,
          });
        return listWatchlist(tx, auth.user.id);
      });
      return c.json(list);
    });
}
