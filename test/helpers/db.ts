import { openDb, type Connection } from '../../db/client.ts';

/** Opens the database at `path` (another connection, as a second process would), runs `f` on it and closes it. */
export function withDb<T>(path: string, f: (db: Connection) => T): T {
  const db = openDb(path);
  try {
    return f(db);
  } finally {
    db.$client.close();
  }
}
