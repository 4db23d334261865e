import { listImportBatches } from '../../db/queries/imports.ts';
import { openCliDb } from '../db.ts';
import type { Command } from '../registry.ts';

/** `vigil imports`: lists import batches, newest first, to find the one to roll back. */
export const importsCommand: Command = {
  name: 'imports',
  summary: 'List import batches (newest first)',
  usage: '',
  async run(_args, io) {
    const { db } = openCliDb(io.env);
    try {
      const rows = listImportBatches(db);
      if (!rows.length) io.out('No imports yet.');
      for (const b of rows)
        io.out(
          `${String(b.id).padStart(5)}  ${b.state.padEnd(11)} ${b.createdAt.slice(0, 19)}  ${b.createdBy}  ${b.fileName} (${b.format}, ${b.rowCount.toLocaleString('en')} rows)`,
        );
      return 0;
    } finally {
      db.$client.close();
    }
  },
};
