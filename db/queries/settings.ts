import { eq } from 'drizzle-orm';
import type { AsyncDb } from '../async.ts';
import type { Db } from '../client.ts';
import { settings } from '../schema/index.ts';

/** Reads a setting, or undefined when never set. */
export function getSetting(db: Db, key: string): string | undefined {
  return db.select().from(settings).where(eq(settings.key, key)).get()?.value;
}

/** Writes (inserts or replaces) a setting. */
export function setSetting(db: Db, key: string, value: string): void {
  db.insert(settings).values({ key, value }).onConflictDoUpdate({ target: settings.key, set: { value } }).run();
}

/** {@link getSetting} awaited, on either engine (db/async.ts). */
export async function getSettingAsync(a: AsyncDb, key: string): Promise<string | undefined> {
  return (await a.db.select().from(a.t.settings).where(eq(a.t.settings.key, key)).limit(1))[0]?.value;
}

/** {@link setSetting} awaited, on either engine (db/async.ts). */
export async function setSettingAsync(a: AsyncDb, key: string, value: string): Promise<void> {
  await a.db
    .insert(a.t.settings)
    .values({ key, value })
    .onConflictDoUpdate({ target: a.t.settings.key, set: { value } });
}
