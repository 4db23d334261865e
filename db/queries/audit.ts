import { and, desc, eq, gte, lt, lte, type SQL } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { auditLog } from '../schema/index.ts';

export type AuditRow = typeof auditLog.$inferSelect;
export type NewAuditEntry = Omit<typeof auditLog.$inferInsert, 'id'>;

/**
 * Appends one entry to the audit log. Call it inside the same transaction as the write it records,
 * so that the write and its record stand or fall together. There is no update or delete: the table
 * is append-only (a trigger refuses both).
 */
export function appendAudit(db: Db, entry: NewAuditEntry): number {
  return db.insert(auditLog).values(entry).returning({ id: auditLog.id }).get().id;
}

/** Filters for reading the audit log; every one optional. `before` pages backwards by id. */
export interface AuditFilter {
  actor?: string;
  action?: string;
  entity?: string;
  entityId?: string;
  batchId?: number;
  from?: string;
  to?: string;
  before?: number;
  limit?: number;
}

/** Audit entries, newest first, at most `limit` (default 100). */
export function listAudit(db: Db, f: AuditFilter = {}): AuditRow[] {
  const where: SQL[] = [];
  if (f.actor !== undefined) where.push(eq(auditLog.actor, f.actor));
  if (f.action !== undefined) where.push(eq(auditLog.action, f.action));
  if (f.entity !== undefined) where.push(eq(auditLog.entity, f.entity));
  if (f.entityId !== undefined) where.push(eq(auditLog.entityId, f.entityId));
  if (f.batchId !== undefined) where.push(eq(auditLog.batchId, f.batchId));
  if (f.from !== undefined) where.push(gte(auditLog.at, f.from));
  if (f.to !== undefined) where.push(lte(auditLog.at, f.to));
  if (f.before !== undefined) where.push(lt(auditLog.id, f.before));
  return db
    .select()
    .from(auditLog)
    .where(and(...where))
    .orderBy(desc(auditLog.id))
    .limit(f.limit ?? 100)
    .all();
}
