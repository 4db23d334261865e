import { Hono } from 'hono';
import { z } from 'zod';
import type { AsyncDb } from '../../db/async.ts';
import { auditAsync } from '../../db/queries/audit.ts';
import { requireRole } from '../middleware/auth.ts';
import { validate } from '../validate.ts';

const Timestamp = z
  .string()
  .regex(/^\d{4}-\d{2}(-\d{2}(T[\d:.]+Z?)?)?$/, 'must be an ISO date or time such as 2025-01-31');
const AuditQuery = z.object({
  actor: z.string().max(320).optional(),
  action: z.string().max(60).optional(),
  entity: z.string().max(60).optional(),
  entityId: z.string().max(60).optional(),
  batch: z.coerce.number().int().positive({ message: 'must be an import batch id' }).optional(),
  from: Timestamp.optional(),
  to: Timestamp.optional(),
  before: z.coerce.number().int().positive({ message: 'must be an audit entry id' }).optional(),
  limit: z.coerce.number().int().min(1).max(1000, 'must be at most 1000').default(100),
});

/**
 * `GET /audit` (admins only): the append-only audit log, newest first, filtered by actor, action,
 * entity (and id), import batch and time; page backwards with `before` (the last id seen).
 */
export function auditRoutes(data: AsyncDb) {
  return new Hono().get('/audit', requireRole('admin'), validate('query', AuditQuery), async (c) => {
    const { batch, to, ...q } = c.req.valid('query');
    const rows = await auditAsync.list(data, { ...q, batchId: batch, to: to && to.length <= 10 ? `${to}\uffff` : to });
    return c.json(rows);
  });
}
