import { recomputeAllAsync } from '../../api/services/scores/rescore-async.ts';
import { sqliteAsync } from '../../db/async.ts';
import { databaseUrlOption, openCliDb, openPgData } from '../db.ts';
import type { Command } from '../registry.ts';

function openSqlite(env: Record<string, string | undefined>) {
  const { db, path } = openCliDb(env);
  return { data: sqliteAsync(db), where: path, close: async () => void db.$client.close() };
}

/**
 * `vigil recompute [--database-url postgres://…]`: rebuilds every stored score from the current
 * observations, in the SQLite file `VIGIL_DB` or, with `--database-url` or VIGIL_DATABASE_URL, in
 * PostgreSQL (one transaction under the scores lock, so a server's rescoring after a write waits).
 */
export const recomputeCommand: Command = {
  name: 'recompute',
  summary: 'Recompute every stored score from the current observations',
  usage: '[--database-url postgres://… (default VIGIL_DATABASE_URL)]',
  async run(args, io) {
    const url = databaseUrlOption(args, io.env);
    const { data, where, close } = url ? await openPgData(url) : openSqlite(io.env);
    try {
      io.err(`Recomputing scores in ${where}…`);
      const t0 = performance.now();
      const n = await recomputeAllAsync(data);
      io.out(`Recomputed ${n.toLocaleString('en')} scores in ${((performance.now() - t0) / 1000).toFixed(1)} s.`);
      return 0;
    } finally {
      await close();
    }
  },
};
