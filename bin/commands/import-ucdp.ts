import type { Command } from '../registry.ts';
import { importFile } from './import.ts';

/** `vigil import-ucdp <file>`: a UCDP GED CSV, turned into monthly indicator observations by the documented rules. */
export const importUcdpCommand: Command = {
  name: 'import-ucdp',
  summary: 'Import a UCDP GED events CSV: place events in regions, derive monthly indicators (docs/data-import.md)',
  usage: '<file> [--dry-run] [--json]',
  flags: ['dry-run', 'json'],
  run: (args, io) => importFile(args, io, 'ucdp-ged'),
};
