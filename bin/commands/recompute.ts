import { recomputeAll } from '../../api/services/scores/recompute.ts';
import { openCliDb } from '../db.ts';
import type { Command } from '../registry.ts';

/** `vigil recompute`: rebuilds every stored score from the current observations. */
export const recomputeCommand: Command = {
  name: 'recompute',
  summary: 'Recompute every stored score from the current observations',
  usage: '',
  async run(_args, io) {
    const { db, path } = openCliDb(io.env);
    try {
      io.err(`Recomputing scores in ${path}…`);
      const t0 = performance.now();
      const n = recomputeAll(db);
      io.out(`Recomputed ${n.toLocaleString('en')} scores in ${((performance.now() - t0) / 1000).toFixed(1)} s.`);
      return 0;
    } finally {
      db.$client.close();
    }
  },
};
