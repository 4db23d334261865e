import type { Command } from '../registry.ts';
import { aliasesCommand } from './aliases.ts';
import { backupCommand, restoreCommand } from './backup.ts';
import { boundariesCommand } from './boundaries.ts';
import { catalogueCommand } from './catalogue.ts';
import { exportCommand } from './export.ts';
import { importCommand } from './import.ts';
import { importUcdpCommand } from './import-ucdp.ts';
import { importsCommand } from './imports.ts';
import { migrateDbCommand } from './migrate-db.ts';
import { recomputeCommand } from './recompute.ts';
import { rollbackCommand } from './rollback.ts';
import { templateCommand } from './template.ts';
import { usersCommand } from './users.ts';
import { validateCommand } from './validate.ts';

/** Every `vigil` subcommand, in the order `vigil help` lists them. One line per command. */
export const COMMANDS: readonly Command[] = [
  importCommand,
  importUcdpCommand,
  importsCommand,
  templateCommand,
  rollbackCommand,
  recomputeCommand,
  validateCommand,
  exportCommand,
  aliasesCommand,
  boundariesCommand,
  catalogueCommand,
  usersCommand,
  backupCommand,
  restoreCommand,
  migrateDbCommand,
];
