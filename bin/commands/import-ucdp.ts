import type { Command } from '../registry.ts';
import { importFile } from './import.ts';

/** `vigil import-ucdp <file>`: the alias of `vigil import --profile ucdp-ged <file>` (GED CSV or API JSON, turned into monthly indicators by the documented rules). */
export const importUcdpCommand: Command = {
  name: 'import-ucdp',
  summary: 'Import a UCDP GED events CSV: place events in regions, derive monthly indicators (docs/data-import.md)',
  usage: '<file> [--dry-run] [--encoding NAME] [--json] [--database-url postgres://… (default VIGIL_DATABASE_URL)]',
  flags: ['dry-run', 'json'],
  run: (args, io) => importFile(args, io, 'ucdp-ged'),
};
