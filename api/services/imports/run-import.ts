import type { Readable } from 'node:stream';
import type { Db } from '../../../db/client.ts';
import type { Actor } from '../auth/actor.ts';
import { badRequest } from '../../errors.ts';
import { checkText } from '../observations/checks.ts';
import { openInput } from './input.ts';
import { detectProfile, profileNamed } from './profiles/index.ts';
import type { ImportOptions, ImportReport } from './report.ts';

/**
 * Imports a file through its profile, all or nothing: the one entry point of `POST /api/imports`,
 * `vigil import` (and `import-ucdp`) and the Data page. The profile is the one named, or the one the
 * file's header shows (UCDP GED by its columns, else Vigil's own CSV/HXL observations). The file is
 * decoded (UTF-8 checked, or `encoding`), read as CSV/HXL or GED API JSON, and handed to the
 * profile, which writes one batch (or, dry run, reports what it would). A file name holding personal
 * data is a 400 on `name`.
 */
export async function runImport(db: Db, actor: Actor, input: Readable, opts: ImportOptions): Promise<ImportReport> {
  const nameErrors = checkText('name', 'file names', opts.fileName);
  if (nameErrors.length) throw badRequest(nameErrors, 'Invalid import');
  const named = opts.profile ? profileNamed(opts.profile) : undefined;
  let format = opts.format ?? 'auto';
  if (named?.shape === 'ucdp-ged') format = 'ucdp-ged';
  else if (named && format === 'ucdp-ged')
    throw badRequest([{ field: 'format', message: `ucdp-ged does not fit profile ${named.name}` }]);
  const csv = await openInput(input, format, opts.encoding);
  return (named ?? detectProfile(csv)).run(db, actor, csv, opts);
}
