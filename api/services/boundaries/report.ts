import type { BoundaryFormat } from './read-file.ts';
import type { SetFields } from './conventions.ts';
import type { ParentCode } from './parents.ts';

/** A feature named for people: its code (when it has one) and first name. */
export interface NamedFeature {
  code: string;
  name: string;
}

/**
 * What reading a boundary set found, and what was (or would be) done: the dry run's answer, and the
 * stored set's record. `problems` lists what stops the set being stored; empty means it can be.
 */
export interface BoundarySetReport {
  fileName: string;
  format: BoundaryFormat;
  dryRun: boolean;
  status: 'dry-run' | 'stored' | 'refused';
  /** The stored set's id (null for a dry run or a refusal). */
  setId: string | null;
  features: number;
  fields: SetFields;
  /** Geometries repaired (a ring crossing itself) and refused (not a polygon, a ring too short), by feature. */
  repaired: (NamedFeature & { problem: string })[];
  refused: (NamedFeature & { problem: string })[];
  /** Codes two or more features carry, with those features' names. */
  duplicateCodes: { code: string; names: string[] }[];
  /** Features without a code: their position in the file (from 1) and name. */
  missingCodes: { feature: number; name: string }[];
  /** Each feature's parent in the level above and how it was found (`field`: its parent code; `overlap`; `none`). */
  parents: (NamedFeature & { parent: string | null; by: 'field' | 'overlap' | 'none' })[];
  /** Each distinct parent-code value and the region it stands for. */
  parentCodes: ParentCode[];
  /** Codes another boundary set (or a region's code alias) already uses. */
  clashes: { code: string; with: string }[];
  /** For a new version of a series: what it changes against the version in force. */
  version: {
    series: string;
    version: number;
    added: string[];
    /** Codes the series had and this version has not: retired, never deleted. */
    retired: string[];
    /** Retired codes this version has again. */
    restored: string[];
    /** Codes kept whose geometry is not the same. */
    changedGeometry: string[];
    unchanged: number;
  } | null;
  problems: string[];
}
