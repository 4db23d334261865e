import { and, desc, eq, gte, lt, lte, type SQL } from 'drizzle-orm';
import type { AsyncDb, Tables } from '../async.ts';
import type { Db } from '../client.ts';
import * as schema from '../schema/index.ts';
import type { auditLog } from '../schema/index.ts';

export type AuditRow = typeof auditLog.$inferSelect;
export type NewAuditEntry = Omit<typeof auditLog.$inferInsert, 'id'>;

const appendQuery = (db: Db, t: Tables, entry: NewAuditEntry) =>
  db.insert(t.auditLog).values(entry).returning({ id: t.auditLog.id });

/**
 * Appends one entry to the audit log. Call it inside the same transaction as the write it records,
 * so that the write and its record stand or fall together. There is no update or delete: the table
 * is append-only (a trigger refuses both).
 */
export function appendAudit(db: Db, entry: NewAuditEntry): number {
  return appendQuery(db, schema, entry).get()!.id;
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

function listQuery(db: Db, t: Tables, f: AuditFilter) {
  const where: SQL[] = [];
  if (f.actor !== undefined) where.push(eq(t.auditLog.actor, f.actor));
  if (f.action !== undefined) where.push(eq(t.auditLog.action, f.action));
  if (f.entity !== undefined) where.push(eq(t.auditLog.entity, f.entity));
  if (f.entityId !== undefined) where.push(eq(t.auditLog.entityId, f.entityId));
  if (f.batchId !== undefined) where.push(eq(t.auditLog.batchId, f.batchId));
  if (f.from !== undefined) where.push(gte(t.auditLog.at, f.from));
  if (f.to !== undefined) where.push(lte(t.auditLog.at, f.to));
  if (f.before !== undefined) where.push(lt(t.auditLog.id, f.before));
  return db
    .select()
    .from(t.auditLog)
    .where(and(...where))
    .orderBy(desc(t.auditLog.id))
    .limit(f.limit ?? 100);
}

/** Audit entries, newest first, at most `limit` (default 100). */
export function listAudit(db: Db, f: AuditFilter = {}): AuditRow[] {
  return listQuery(db, schema, f).all();
}

/** The audit log on either engine (db/async.ts). */
export const auditAsync = {
  /** {@link appendAudit}, awaited: in the transaction of the write it records. */
  append: async (a: AsyncDb, entry: NewAuditEntry): Promise<number> => (await appendQuery(a.db, a.t, entry))[0]!.id,
  /** {@link listAudit}, awaited. */
  list: (a: AsyncDb, f: AuditFilter = {}): Promise<AuditRow[]> => listQuery(a.db, a.t, f),
};
