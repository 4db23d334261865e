import type { Readable } from 'node:stream';
import { sqliteHandleOf, type AsyncDb } from '../../../db/async.ts';
import { notOnPostgresql } from '../../middleware/not-on-postgresql.ts';
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
 * data is a 400 on `name`. Every profile has `runAwaited`, which imports on either engine; a
 * profile without it would answer 503 `not_on_postgresql` on PostgreSQL.
 */
export async function runImport(
  data: AsyncDb,
  actor: Actor,
  input: Readable,
  opts: ImportOptions,
): Promise<ImportReport> {
  const nameErrors = checkText('name', 'file names', opts.fileName);
  if (nameErrors.length) throw badRequest(nameErrors, 'Invalid import');
  const named = opts.profile ? profileNamed(opts.profile) : undefined;
  let format = opts.format ?? 'auto';
  if (named?.shape === 'ucdp-ged') format = 'ucdp-ged';
  else if (named && format === 'ucdp-ged')
    throw badRequest([{ field: 'format', message: `ucdp-ged does not fit profile ${named.name}` }]);
  const csv = await openInput(input, format, opts.encoding);
  const profile = named ?? detectProfile(csv);
  if (profile.runAwaited) return profile.runAwaited(data, actor, csv, opts);
  const db = sqliteHandleOf(data);
  if (!db) throw notOnPostgresql(`An import with profile ${profile.name}`);
  return profile.run(db, actor, csv, opts);
}
