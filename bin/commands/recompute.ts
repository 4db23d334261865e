import { recomputeAllAsync } from '../../api/services/scores/rescore-async.ts';
import { openCliData } from '../db.ts';
import type { Command } from '../registry.ts';

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
    const { data, where, close } = await openCliData(args, io.env);
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
