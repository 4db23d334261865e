import type { RegionSuggestion } from './region-matcher.ts';
import type { ImportEncoding } from './input.ts';
import type { ImportFormat } from './records.ts';
import type { RowRejection } from './rows.ts';

/** Rejections listed in a report (all are counted). */
export const MAX_LISTED_REJECTIONS = 1000;

/** What an import did, or (dry run, or rejected) would have done. */
export interface ImportReport {
  fileName: string;
  format: Exclude<ImportFormat, 'auto'>;
  /** The import profile that read the file (`GET /api/import-profiles`). */
  profile: string;
  /** The model's source key of every row written (a feed's), or null when rows key their own citations. */
  sourceKey: string | null;
  dryRun: boolean;
  /** `dry-run`: nothing written; `applied`: written as `batchId`; `rejected`: some rows failed, nothing written. */
  status: 'dry-run' | 'applied' | 'rejected';
  batchId: number | null;
  /** Data rows read (header rows excluded). */
  rowsRead: number;
  rowsOk: number;
  /** Rows with at least one problem. */
  rowsRejectedCount: number;
  /** Each problem, by row and column (the first {@link MAX_LISTED_REJECTIONS}). */
  rowsRejected: RowRejection[];
  wouldCreate: number;
  wouldSupersede: number;
  /** Rows identical to the current version: nothing to write. */
  unchanged: number;
  /** Region names or codes that matched nothing, each once. */
  unmatchedRegions: string[];
  /**
   * For each unmatched name (with the row's country, when given), the regions with the most alike
   * names, best first, for a person to confirm as an alias (`POST /api/region-aliases`,
   * `vigil aliases`). Generic imports only.
   */
  suggestions?: { name: string; country?: string; regions: RegionSuggestion[] }[];
  /** Regions whose observations change. */
  regions: number;
  /** Which column each field was read from. */
  columns: Record<string, string>;
  warnings: string[];
  /** Rows read but deliberately left out, by reason (never silently): e.g. `imprecise`, `unplaced`. */
  dropped?: Record<string, number>;
  /** For feed profiles (ACLED, IOM DTM): observations derived from the file's rows. */
  derivedObservations?: number;
  /** Only for UCDP GED files: how events were placed and what was derived. */
  ucdp?: unknown;
}

/** Phases of an import, in order: reading the file, checking or writing rows, recomputing scores after a commit. */
export type ImportPhase = 'read' | 'write' | 'rescore';

/** Options of one import. */
export interface ImportOptions {
  fileName: string;
  dryRun: boolean;
  format?: ImportFormat;
  /** The import profile by name; detected from the file when absent. */
  profile?: string;
  /** The file's text encoding (UTF-8 when absent, checked). */
  encoding?: ImportEncoding;
  /** Column mapping for plain headers (`field=Header,…` or JSON). */
  mapping?: string;
  now?: Date;
  /** Called as rows are read (`read`), checked or written (`write`, with the number to do), and once when scores are being recomputed (`rescore`). */
  onProgress?: (phase: ImportPhase, rows: number, total?: number) => void;
  /**
   * When given, importers that time their steps add each step's milliseconds to it (the UCDP importer:
   * `placement`, building the point index and placing every event; `derivation`, deriving and checking
   * the monthly values). For the benchmarks: absent, nothing is timed.
   */
  timings?: Record<string, number>;
}
