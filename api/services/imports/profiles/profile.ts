import type { AsyncDb } from '../../../../db/async.ts';
import type { Db } from '../../../../db/client.ts';
import type { Actor } from '../../auth/actor.ts';
import type { OpenedCsv } from '../records.ts';
import type { ImportOptions, ImportReport } from '../report.ts';

/** One column of a profile's file: its name (or HXL hashtag), whether a file must have it, and what it holds. */
export interface ProfileColumn {
  name: string;
  required: boolean;
  description: string;
}

/**
 * A CSV template Vigil hands out for a profile (`vigil template NAME`, `GET /api/import-profiles/NAME/template`):
 * a header row and an HXL hashtag row, to be filled one row per area, month and category.
 */
export interface ProfileTemplate {
  fileName: string;
  /** Header and hashtag of each column, in order. */
  columns: readonly (readonly [header: string, hashtag: string])[];
  /** How to fill it, in a few short paragraphs (shown by the CLI, listed with the profile). */
  instructions: readonly string[];
}

/**
 * An import profile: the shape of one kind of file users bring (a feed's export, a partner's table,
 * a template Vigil publishes), how its rows become observations, and whose source they are. Adding a
 * profile is adding one file in this folder (and its test) and listing it in `index.ts`.
 */
export interface ImportProfile {
  /** The name in `?profile=` and `--profile` (kebab-case, stable). */
  name: string;
  title: string;
  /** What the file is and where users get it, in a sentence or two. */
  description: string;
  /**
   * The model's independent-source key of everything the profile writes (`feed:ucdp`: one feed is one
   * source), or null when each row cites its own source (partners' tables).
   */
  sourceKey: string | null;
  /** The licence and credit the source requires, shown with every import. */
  licence: string;
  /** How the reader opens the file: plain CSV/HXL observations, or UCDP GED-shaped events (CSV or the API's JSON). */
  shape: 'observations' | 'ucdp-ged';
  columns: readonly ProfileColumn[];
  /** The template Vigil publishes for this kind of file, if any. */
  template?: ProfileTemplate;
  /** True when a header shows the file is of this profile (auto-detection); profiles without it are chosen by name. */
  detect?: (header: readonly string[]) => boolean;
  /** Reads the opened file and writes (or, dry run, plans) its observations through the write path, on SQLite. */
  run: (db: Db, actor: Actor, csv: OpenedCsv, opts: ImportOptions) => Promise<ImportReport>;
  /**
   * The same through the awaited interface, on either engine, when the profile has it (run on
   * PostgreSQL; a profile without it answers 503 `not_on_postgresql` there).
   */
  runAwaited?: (data: AsyncDb, actor: Actor, csv: OpenedCsv, opts: ImportOptions) => Promise<ImportReport>;
}
