import { Hono, type Context } from 'hono';
import type { AsyncDb } from '../../db/async.ts';
import { observationsAsync } from '../../db/queries/observations.ts';
import { badRequest } from '../errors.ts';
import { requireRole, type AuthEnv } from '../middleware/auth.ts';
import { ObservationIdParam, ObservationListQuery } from '../services/observations/input.ts';
import { previewObservation } from '../services/observations/preview.ts';
import { createObservation, retractObservation, supersedeObservation } from '../services/observations/write-path.ts';
import { validate } from '../validate.ts';

/** The request's JSON body, or a 400 naming the body when it is not JSON. */
export async function jsonBody(c: Context): Promise<unknown> {
  try {
    return await c.req.json();
  } catch {
    throw badRequest([{ field: 'body', message: 'must be a JSON object' }]);
  }
}

/**
 * Observations: `GET /observations?region=&indicator=&period=&batch=&history=true` (current ones, or
 * every version with who entered it, when and why it changed), `POST /observations` (analyst entry),
 * `POST /observations/:id/supersede` (correct, with a reason) and `POST /observations/:id/retract`.
 * Writes go through the one write path: validated, transactional, audited, then scores recomputed.
 * Every one reads and writes through `data` (either engine); after a write, scores are brought up to
 * date on the same engine (`rescoreAfterWriteAsync`).
 * `POST /observations/preview` takes the body of an entry and answers the region's scores that month
 * now and once it is saved, writing nothing (analyst, like the entry it previews).
 */
export function observationRoutes(data: AsyncDb) {
  return new Hono<AuthEnv>()
    .get('/observations', requireRole('viewer'), validate('query', ObservationListQuery), async (c) => {
      const q = c.req.valid('query');
      return c.json(
        await observationsAsync.list(data, {
          region: q.region,
          indicator: q.indicator,
          period: q.period,
          batchId: q.batch,
          history: q.history,
          limit: q.limit,
          offset: q.offset,
        }),
      );
    })
    .post('/observations', requireRole('analyst'), async (c) =>
      c.json(await createObservation(data, c.var.actor, await jsonBody(c)), 201),
    )
    .post('/observations/preview', requireRole('analyst'), async (c) =>
      c.json(await previewObservation(data, await jsonBody(c))),
    )
    .post('/observations/:id/supersede', requireRole('analyst'), validate('param', ObservationIdParam), async (c) =>
      c.json(await supersedeObservation(data, c.var.actor, c.req.valid('param').id, await jsonBody(c)), 201),
    )
    .post('/observations/:id/retract', requireRole('analyst'), validate('param', ObservationIdParam), async (c) =>
      c.json(await retractObservation(data, c.var.actor, c.req.valid('param').id, await jsonBody(c))),
    );
}
