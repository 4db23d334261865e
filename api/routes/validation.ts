import { Hono } from 'hono';
import { z } from 'zod';
import { sqliteHandleOf, type AsyncDb } from '../../db/async.ts';
import type { Db } from '../../db/client.ts';
import { ApiError } from '../errors.ts';
import {
  validationSettled,
  validationSettledAsync,
  validationState,
  validationStateAsync,
  type ValidationState,
} from '../services/validation/runner.ts';
import { validate } from '../validate.ts';

const ValidationQuery = z.object({
  wait: z.enum(['true', 'false'], { message: 'must be true or false' }).default('true'),
});

/** The body of a stored validation as served, with where it stands. */
function body(state: Extract<ValidationState, { stored: unknown }>) {
  const { basis: _basis, ...stored } = state.stored;
  return { status: state.status, computing: state.status === 'stale' ? state.computing : null, ...stored };
}

/**
 * `GET /api/validation?wait=`: the model's validation — the backtest of the documented onsets (v2
 * and v1 side by side), the structural sensitivity of the trafficking lens's ranking, and the
 * region-months changing class between v1 and v2 — as last computed on the current data and model.
 * When data or model changed since, the previous figures are served as `stale` while a recomputation
 * runs in the background. When none was ever computed, the request waits for it, or with
 * `wait=false` answers 202 with the progress so that a page can poll.
 */
export function validationRoutes(db: Db, data: AsyncDb) {
  // On SQLite over its file; on PostgreSQL through `data` (the child opens its own pool).
  const file = sqliteHandleOf(data);
  const stateOf = async () => (file ? validationState(db) : await validationStateAsync(data));
  const settled = () => (file ? validationSettled(db) : validationSettledAsync(data));
  return new Hono().get('/validation', validate('query', ValidationQuery), async (c) => {
    const { wait } = c.req.valid('query');
    let state = await stateOf();
    if (state.status === 'computing' && wait === 'true') {
      await settled();
      state = await stateOf();
    }
    c.header('Cache-Control', 'no-store');
    switch (state.status) {
      case 'current':
      case 'stale':
        return c.json(body(state), 200);
      case 'computing':
        return c.json({ status: 'computing' as const, computing: state.computing }, 202);
      case 'failed':
        throw new ApiError(500, 'validation_failed', `The validation could not be computed: ${state.error}`);
      case 'empty':
        throw new ApiError(409, 'no_data', 'There is nothing to validate yet: no current observation');
    }
  });
}
