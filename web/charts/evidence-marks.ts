import { CLASS_COLORS } from './risk-colors.ts';
import { translated } from '../i18n/messages.ts';
import type { PatternKind } from './patterns.ts';

/** Map category of a region with country-level records only (no score of its own). */
export const COUNTRY_LEVEL = 'country-level';

/**
 * Fill colour per map category: the risk classes, and a light blue-grey for "country-level records
 * only" (no class colour: the region has no score), which its dotted texture sets apart from "no data".
 */
export const MAP_COLORS: Readonly<Record<string, string>> = { ...CLASS_COLORS, [COUNTRY_LEVEL]: '#dbe2ec' };

/** Legend words of each texture (the legend, tooltips, profile, brief and exports all use these). */
export const MARK_TEXT: Readonly<Record<PatternKind, { label: string; detail: string }>> = {
  conditions: translated(['label', 'detail'], (k) => `mark.conditions.${k}`),
  country: translated(['label', 'detail'], (k) => `mark.country.${k}`),
};

/** What a score row says about its evidence (fields of `/api/scores` rows). */
export interface EvidenceStanding {
  class: string;
  /** `own`: the region's own evidence; `country`: its country's records only; `none`: nothing. */
  basis?: string;
  /** Trafficking lens: scored on conditions only, no direct sign of the region's own. */
  conditionsOnly?: boolean;
}

/**
 * How a region is drawn: its category (class, or {@link COUNTRY_LEVEL}) and the texture over it
 * (`conditions` hatching, `country` dots, or none).
 * @example mapMark({ class: 'medium', basis: 'own', conditionsOnly: true }) // { category: 'medium', pattern: 'conditions' }
 */
export function mapMark(row: EvidenceStanding): { category: string; pattern: PatternKind | null } {
  if (row.basis === 'country') return { category: COUNTRY_LEVEL, pattern: 'country' };
  return { category: row.class, pattern: row.conditionsOnly ? 'conditions' : null };
}
