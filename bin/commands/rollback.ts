import { rollbackBatch } from '../../api/services/imports/rollback.ts';
import { sqliteAsync } from '../../db/async.ts';
import { UsageError } from '../args.ts';
import { cliActor, openCliDb } from '../db.ts';
import type { Command } from '../registry.ts';

/** `vigil rollback <batch>`: undoes one import batch exactly. */
export const rollbackCommand: Command = {
  name: 'rollback',
  summary: 'Roll back an import batch: its rows retracted, what it superseded current again',
  usage: '<batch id>',
  async run(args, io) {
    const id = Number(args.positionals[0]);
    if (!Number.isInteger(id) || id <= 0 || args.positionals.length !== 1)
      throw new UsageError('give one import batch id (see vigil imports)');
    const { db } = openCliDb(io.env);
    try {
      const r = await rollbackBatch(sqliteAsync(db), cliActor(), id);
      io.out(
        `Rolled back batch ${r.batchId}: ${r.retracted.toLocaleString('en')} observations retracted, ${r.restored.toLocaleString('en')} earlier versions current again, ${r.regions.length} regions rescored.`,
      );
      return 0;
    } finally {
      db.$client.close();
    }
  },
};
