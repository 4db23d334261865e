import { feedSourceKey } from '../model/sources.ts';
import { severityFor, sortDerived } from './derive.ts';
import type { Confidence } from '../vocabulary.ts';

/** The counts a DTM row gives, summed per area and month. */
export type DtmCount = 'idps' | 'returnees' | 'idpsInSites';

/**
 * How one indicator is derived from IOM DTM figures of an area and month: which counts are summed,
 * and the thresholds that give severity 1, 2, 3 and 4 (value ≥ threshold). Rules are data: change
 * them here, and docs/data-import.md explains each.
 */
export interface DtmRule {
  id: string;
  indicator: string;
  /** The counts added together for the measured value. */
  measure: readonly DtmCount[];
  /** Ascending; severity k needs a value ≥ thresholds[k-1]. */
  thresholds: readonly number[];
  /** Why these figures say something about the indicator, citing the catalogue entry. */
  rationale: string;
}

/**
 * Site types (DTM's `#loc+type` / site type column, compared lower-case, by the words they contain)
 * whose IDPs count as living in camps, camp-like or informal sites. Host communities, host families
 * and rented housing do not.
 */
export const DTM_SITE_TYPE_WORDS: readonly string[] = [
  'camp',
  'collective',
  'informal',
  'spontaneous',
  'transit',
  'reception',
  'poc',
  'protection of civilians',
  'critical shelter',
  'unfinished',
  'abandoned',
];

/** True when a DTM site type is a camp, camp-like, collective, informal or transit site. */
export function isDisplacementSite(siteType: string): boolean {
  const t = siteType.trim().toLowerCase();
  if (!t || /\bhost\b|rent/.test(t)) return false;
  return DTM_SITE_TYPE_WORDS.some((w) => new RegExp(`\\b${w}`).test(t));
}

/**
 * The mapping from DTM figures to Vigil indicators. Both are CONDITIONS (indirect indicators):
 * displacement exposes people to traffickers, it is never itself a sign of trafficking.
 */
export const DTM_RULES: readonly DtmRule[] = [
  {
    id: 'dtm.idps',
    indicator: 'tip.mass-displacement',
    measure: ['idps'],
    thresholds: [1_000, 10_000, 50_000, 200_000],
    rationale:
      'Internally displaced people present in the area (DTM’s baseline or mobility-tracking count of individuals), for the catalogue’s tip.mass-displacement (large-scale displacement; UNODC 2018 §2 and §4.2.1), an indirect condition: people uprooted from home, networks and income are the population traffickers recruit from. DTM counts the people present (a stock), not new arrivals, so the severity says how many live displaced in the area that month. A thousand people gives severity 1; two hundred thousand, the size of the largest displacement crises in one province, gives 4.',
  },
  {
    id: 'dtm.sites',
    indicator: 'tip.high-risk-sites',
    measure: ['idpsInSites'],
    thresholds: [500, 5_000, 25_000, 100_000],
    rationale:
      'Internally displaced people living in camps, camp-like settings, collective centres, informal or transit sites (by the row’s site type; host communities and rented housing excluded), for the catalogue’s tip.high-risk-sites (crowded or insecure camps and transit points; UNODC 2018 §2.2.3), an indirect condition: such sites are where exploiters approach people. DTM does not record whether a site is crowded or guarded, so the value says how many people live in such sites, not how unsafe they are.',
  },
];

/**
 * Returnees are read, checked and reported, but no rule uses them: people who came back are not, by
 * that fact, exposed the way the catalogue's displacement indicators describe. To count them, add
 * 'returnees' to a rule's measure (docs/data-import.md says why it is not done by default).
 */
export const DTM_UNMAPPED_COUNTS: readonly DtmCount[] = ['returnees'];

/** DTM figures of one area (first-level region) and month, summed over the file's rows. */
export interface DtmCell {
  region: string;
  period: string;
  idps: number;
  returnees: number;
  idpsInSites: number;
  /** Rows (locations or sites) summed. */
  rows: number;
}

/** One indicator value derived from the DTM figures of one area and month. */
export interface DtmDerived {
  rule: string;
  region: string;
  period: string;
  indicator: string;
  value: number;
  confidence: Confidence;
  measured: number;
  rows: number;
}

/**
 * Derives monthly indicator values from summed cells: each rule's measure (the sum of its counts)
 * gives a severity by its thresholds; severity 0 is not emitted (fewer people than the first
 * threshold is no evidence either way). Confidence is medium: DTM figures are key-informant
 * estimates per location, checked by IOM but not a registration. Pure; sorted by region, period,
 * indicator.
 * @example deriveDtmObservations([{ region: 'NG-BO', period: '2017-03', idps: 12000, returnees: 0, idpsInSites: 0, rows: 3 }])
 */
export function deriveDtmObservations(cells: readonly DtmCell[], rules: readonly DtmRule[] = DTM_RULES): DtmDerived[] {
  const out: DtmDerived[] = [];
  for (const c of cells) {
    for (const rule of rules) {
      const measured = rule.measure.reduce((s, k) => s + c[k], 0);
      const value = severityFor(measured, rule.thresholds);
      if (value === 0) continue;
      out.push({
        rule: rule.id,
        region: c.region,
        period: c.period,
        indicator: rule.indicator,
        value,
        confidence: 'medium',
        measured,
        rows: c.rows,
      });
    }
  }
  return sortDerived(out);
}

/** IOM's attribution, carried by every derived observation. */
export const DTM_CITATION = 'International Organization for Migration (IOM), Displacement Tracking Matrix (DTM)';
export const DTM_URL = 'https://dtm.iom.int/';

/** All DTM data is one source for the model's independent-source rule. */
export const DTM_SOURCE_KEY = feedSourceKey('dtm');
