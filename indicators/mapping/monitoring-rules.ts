import { defaultCatalogue } from '../catalogue/index.ts';
import { feedSourceKey } from '../model/sources.ts';
import type { Confidence } from '../vocabulary.ts';
import { severityFor, sortDerived } from './derive.ts';

/**
 * How one category of a restricted-monitoring template (an MRM grave violation, a MARA form of
 * conflict-related sexual violence, a form of exploitation in referral data) becomes an indicator
 * value. The category is matched by any of `categories` (compared lower-case, spaces and
 * punctuation ignored). With `thresholds` the count gives a severity (value ≥ threshold k gives
 * k); without, the indicator is itself a count and takes the number. Rules are data: change them
 * here, and docs/data-import.md explains each.
 */
export interface MonitoringRule {
  id: string;
  /** The category as the template writes it (the first is what the template's instructions list). */
  categories: readonly string[];
  indicator: string;
  thresholds?: readonly number[];
  rationale: string;
}

/** The six grave violations against children of the UN Monitoring and Reporting Mechanism (Security Council resolution 1612). */
export const MRM_RULES: readonly MonitoringRule[] = [
  {
    id: 'mrm.recruitment',
    categories: ['recruitment and use', 'recruitment and use of children', 'recruitment'],
    indicator: 'tip.child-recruitment',
    thresholds: [1, 3, 10, 30],
    rationale:
      'Children recruited or used by armed forces or groups: the catalogue’s tip.child-recruitment names verified MRM cases as its firmest evidence (a sign: recruitment of children is trafficking for their use).',
  },
  {
    id: 'mrm.abduction',
    categories: ['abduction', 'abduction of children'],
    indicator: 'tip.child-abduction',
    thresholds: [1, 3, 10, 30],
    rationale:
      'Children abducted by armed actors, for the catalogue’s tip.child-abduction (a sign: children are taken for use as fighters, servants or for sex).',
  },
  {
    id: 'mrm.sexual-violence',
    categories: ['rape and other sexual violence', 'sexual violence', 'rape and other forms of sexual violence'],
    indicator: 'tip.child-sexual-violence',
    thresholds: [1, 2, 5, 10],
    rationale:
      'Rape and other sexual violence against children, for the catalogue’s tip.child-sexual-violence (a sign: it includes sexual slavery and forced marriage of children). Heavily under-reported, so one case counts and ten give the top severity.',
  },
  {
    id: 'mrm.killing-maiming',
    categories: ['killing and maiming', 'killing and maiming of children'],
    indicator: 'afac.7.8',
    thresholds: [1, 5, 20, 50],
    rationale:
      'Children killed or maimed, for the catalogue’s afac.7.8 (growing abuses against life and liberty), a condition: the violence in which children lose families and protection, not trafficking itself.',
  },
  {
    id: 'mrm.attacks-schools-hospitals',
    categories: ['attacks on schools and hospitals', 'attacks on schools or hospitals', 'attacks on schools'],
    indicator: 'afac.7.11',
    thresholds: [1, 3, 10, 30],
    rationale:
      'Attacks on schools and hospitals, for the catalogue’s afac.7.11 (essential installations destroyed), a condition: children out of school and without care are easier to recruit and exploit.',
  },
  {
    id: 'mrm.denial-access',
    categories: ['denial of humanitarian access', 'denial of humanitarian access for children'],
    indicator: 'afac.13.8',
    thresholds: [1, 3, 10, 30],
    rationale:
      'Humanitarian access denied, for the catalogue’s afac.13.8 (supplies and aid obstructed), a condition: people cut off from aid turn to harmful ways of surviving.',
  },
];

/** Forms of conflict-related sexual violence recorded under the Monitoring, Analysis and Reporting Arrangements (MARA). */
export const MARA_RULES: readonly MonitoringRule[] = [
  {
    id: 'mara.trafficking-forms',
    categories: [
      'sexual slavery',
      'trafficking for sexual exploitation',
      'trafficking in persons for sexual exploitation',
      'forced prostitution',
      'forced marriage',
    ],
    indicator: 'tip.crsv-trafficking-incidents',
    rationale:
      'Incidents of sexual slavery, trafficking for sexual exploitation, forced prostitution and forced marriage are the catalogue’s tip.crsv-trafficking-incidents (a count of incidents with trafficking elements, as MARA logs them): the number itself is the value.',
  },
  {
    id: 'mara.other-forms',
    categories: [
      'rape',
      'forced pregnancy',
      'forced abortion',
      'enforced sterilization',
      'sexual mutilation',
      'other sexual violence',
    ],
    indicator: 'afac.7.9',
    thresholds: [1, 2, 5, 10],
    rationale:
      'Other forms of conflict-related sexual violence, for the catalogue’s afac.7.9 (violence against women and children, or conditions for sexual violence), the atrocity-framework sign closest to trafficking; they are not counted as trafficking incidents because MARA did not record a trafficking element.',
  },
];

/** A category name reduced for comparison. */
export const categoryKey = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');

/** Forms of exploitation of the catalogue, by id or label: what referral data may name. */
const FORMS = [
  ...new Map(
    defaultCatalogue.forms.flatMap((f) => [f.label, f.id.replace(/_/g, ' ')]).map((c) => [categoryKey(c), c]),
  ).values(),
];

/** National referral data: victims identified by form of exploitation and area of exploitation. */
export const REFERRAL_RULES: readonly MonitoringRule[] = [
  {
    id: 'referral.victims-identified',
    categories: [...FORMS, 'other', 'unknown'],
    indicator: 'tip.victims-identified',
    rationale:
      'Victims identified in the area where they were exploited, every form summed, are the catalogue’s tip.victims-identified (a count of people): the number itself is the value. The form is checked against the catalogue’s forms of exploitation and kept in the locator.',
  },
];

/** The rule a category names, if any. */
export function ruleForCategory(rules: readonly MonitoringRule[], category: string): MonitoringRule | undefined {
  const k = categoryKey(category);
  return k ? rules.find((r) => r.categories.some((c) => categoryKey(c) === k)) : undefined;
}

/** Counts of one area, month and indicator, summed over the template's rows. */
export interface MonitoringCell {
  region: string;
  period: string;
  rule: string;
  /** Verified (MRM, MARA) or formally identified (referral). */
  verified: number;
  /** Reported and not (yet) verified, or presumed and not yet formally identified. */
  reported: number;
}

export interface MonitoringDerived {
  rule: string;
  region: string;
  period: string;
  indicator: string;
  value: number;
  confidence: Confidence;
  verified: number;
  reported: number;
}

/**
 * Verified counts carry higher confidence than reported ones: all verified gives `high`, verified
 * and reported together `medium`, reported only `low`.
 */
export function monitoringConfidence(verified: number, reported: number): Confidence {
  return reported === 0 ? 'high' : verified === 0 ? 'low' : 'medium';
}

/**
 * Derives one value per area, month and rule: verified plus reported, as a severity by the rule's
 * thresholds or as the count itself; confidence by {@link monitoringConfidence}. Nothing for a
 * total of 0 (a month with nothing recorded is no evidence either way). Pure; sorted by region,
 * period, indicator.
 */
export function deriveMonitoringObservations(
  cells: readonly MonitoringCell[],
  rules: readonly MonitoringRule[],
): MonitoringDerived[] {
  const byId = new Map(rules.map((r) => [r.id, r]));
  const out: MonitoringDerived[] = [];
  for (const c of cells) {
    const rule = byId.get(c.rule);
    const total = c.verified + c.reported;
    if (!rule || total === 0) continue;
    out.push({
      rule: rule.id,
      region: c.region,
      period: c.period,
      indicator: rule.indicator,
      value: rule.thresholds ? severityFor(total, rule.thresholds) : total,
      confidence: monitoringConfidence(c.verified, c.reported),
      verified: c.verified,
      reported: c.reported,
    });
  }
  return sortDerived(out);
}

/** A count as public text may show it: 1–4 as "<5" (small counts of people stay suppressed). */
export function bandedCount(n: number): string {
  return n > 0 && n < 5 ? '<5' : n.toLocaleString('en');
}

export const MRM_SOURCE_KEY = feedSourceKey('mrm');
export const MARA_SOURCE_KEY = feedSourceKey('mara');
export const REFERRAL_SOURCE_KEY = feedSourceKey('referral');
