import { feedSourceKey } from '../model/sources.ts';
import { placedConfidence, severityFor, sortDerived } from './derive.ts';
import type { Confidence } from '../vocabulary.ts';

/**
 * How one indicator is derived from ACLED events: which events count (event type, sub-event type,
 * civilian targeting, a tag), what is measured per area and month (events, or reported
 * fatalities), and the thresholds that give severity 1, 2, 3 and 4 (value ≥ threshold). Rules are
 * data: change them here, and docs/data-import.md explains each.
 */
export interface AcledRule {
  id: string;
  indicator: string;
  /** ACLED `event_type` values that count (empty: any). */
  eventTypes: readonly string[];
  /** ACLED `sub_event_type` values that count (empty: any). */
  subEventTypes: readonly string[];
  /** Only events ACLED marks "Civilian targeting". */
  civilianTargeting: boolean;
  /** Only events whose `tags` contain this text (compared lower-case); the column is optional in exports. */
  tag?: string;
  measure: 'events' | 'fatalities';
  /** Ascending; severity k needs a value ≥ thresholds[k-1]. */
  thresholds: readonly number[];
  /** Why these events say something about the indicator, citing the catalogue entry. */
  rationale: string;
}

/**
 * The mapping from ACLED events to Vigil indicators. Signs (direct relevance in the catalogue) come
 * only from sub-event types that describe the harm itself; conflict intensity gives conditions.
 */
export const ACLED_RULES: readonly AcledRule[] = [
  {
    id: 'acled.sexual-violence',
    indicator: 'afac.7.9',
    eventTypes: ['Violence against civilians'],
    subEventTypes: ['Sexual violence'],
    civilianTargeting: false,
    measure: 'events',
    thresholds: [1, 2, 4, 8],
    rationale:
      'Reported sexual violence by armed or political actors. The catalogue’s afac.7.9 (Framework of Analysis for Atrocity Crimes, indicator 7.9: violence against women and children, or conditions for sexual violence) is the sign it reports; the framework flags it as one of the two indicators closest to trafficking. Sexual violence is heavily under-reported, so one reported event in an area and month already counts and eight give the top severity. Not mapped to tip.crsv-trafficking-incidents: ACLED does not record the trafficking elements (slavery, forced prostitution, forced marriage) that indicator counts.',
  },
  {
    id: 'acled.abduction-women',
    indicator: 'tip.abduction-women-girls',
    eventTypes: ['Violence against civilians'],
    subEventTypes: ['Abduction/forced disappearance'],
    civilianTargeting: false,
    tag: 'women targeted',
    measure: 'events',
    thresholds: [1, 2, 4, 8],
    rationale:
      'Abductions that ACLED tags as targeting women (“women targeted: …” in the tags column, where the export has it). The catalogue’s tip.abduction-women-girls (mass abductions of women and girls; UNODC 2018 §2.2.1) is a direct sign of sexual slavery and forced marriage. Without the tag an abduction says nothing about who was taken, so untagged abductions only feed afac.7.8.',
  },
  {
    id: 'acled.abduction',
    indicator: 'afac.7.8',
    eventTypes: ['Violence against civilians'],
    subEventTypes: ['Abduction/forced disappearance'],
    civilianTargeting: false,
    measure: 'events',
    thresholds: [1, 3, 10, 30],
    rationale:
      'All abductions and forced disappearances. The catalogue’s afac.7.8 (Framework of Analysis, indicator 7.8: more killings, disappearances, arbitrary detention aimed at groups) names disappearances; it is a condition (indirect), because ACLED does not record the purpose (ransom, recruitment, slavery) that would make an abduction a trafficking sign. About one a day in an area gives the top severity.',
  },
  {
    id: 'acled.attacks-on-civilians',
    indicator: 'afac.8.5',
    eventTypes: ['Violence against civilians'],
    subEventTypes: ['Attack'],
    civilianTargeting: true,
    measure: 'events',
    thresholds: [1, 3, 10, 30],
    rationale:
      'Attacks ACLED codes as civilian targeting. The catalogue’s afac.8.5 (Framework of Analysis, indicator 8.5: attacks on members of a group, massacres) is the condition UCDP one-sided violence feeds too; it is indirect: attacks on civilians are the violence in which abduction and enslavement happen, not trafficking themselves.',
  },
  {
    id: 'acled.conflict-intensity',
    indicator: 'afac.rf1',
    eventTypes: ['Battles', 'Explosions/Remote violence'],
    subEventTypes: [],
    civilianTargeting: false,
    measure: 'fatalities',
    thresholds: [1, 25, 100, 500],
    rationale:
      'Reported fatalities of battles and explosions/remote violence in the area that month, for the catalogue’s afac.rf1 (Framework of Analysis, risk factor 1: armed conflict or serious instability), an indirect condition. Same thresholds as the UCDP rule: 25 deaths is UCDP’s yearly conflict threshold, here in one month and area.',
  },
  {
    id: 'acled.armed-clashes',
    indicator: 'osce.politico-military',
    eventTypes: ['Battles', 'Explosions/Remote violence'],
    subEventTypes: [],
    civilianTargeting: false,
    measure: 'events',
    thresholds: [1, 3, 10, 30],
    rationale:
      'Number of battles and explosions/remote-violence events in the area that month, for the catalogue’s osce.politico-military (OSCE early-warning dimension: clashes and armed incidents), an indirect condition. About one a day gives the top severity, as in the UCDP rule.',
  },
];

/** One ACLED event, reduced to what the rules read. */
export interface AcledEventFacts {
  eventType: string;
  subEventType: string;
  civilianTargeting: boolean;
  tags: string;
}

/** True when the rule counts the event (types compared without case). */
export function ruleCounts(rule: AcledRule, e: AcledEventFacts): boolean {
  const eq = (list: readonly string[], v: string) =>
    list.length === 0 || list.some((x) => x.toLowerCase() === v.trim().toLowerCase());
  return (
    eq(rule.eventTypes, e.eventType) &&
    eq(rule.subEventTypes, e.subEventType) &&
    (!rule.civilianTargeting || e.civilianTargeting) &&
    (rule.tag === undefined || e.tags.toLowerCase().includes(rule.tag))
  );
}

/** Events of one area (first-level region, or a whole country for events placed no finer), month and rule, counted. */
export interface AcledCell {
  region: string;
  period: string;
  rule: string;
  events: number;
  fatalities: number;
  /** Events located at ACLED geo_precision 1 or 2 (the place itself, or near it). */
  preciseEvents: number;
}

/** One indicator value derived from the events of one area and month. */
export interface AcledDerived {
  rule: string;
  region: string;
  period: string;
  indicator: string;
  value: number;
  confidence: Confidence;
  events: number;
  fatalities: number;
}

/**
 * Derives monthly indicator values from counted cells: the rule's measure gives a severity by its
 * thresholds; severity 0 is not emitted (a month without recorded events stays missing, not
 * "calm"). Confidence is medium, or low when fewer than half of the events were located at
 * geo_precision 1–2. Pure; sorted by region, period, indicator.
 * @example deriveAcledObservations([{ region: 'NG-BO', period: '2017-03', rule: 'acled.sexual-violence', events: 2, fatalities: 0, preciseEvents: 2 }])
 */
export function deriveAcledObservations(
  cells: readonly AcledCell[],
  rules: readonly AcledRule[] = ACLED_RULES,
): AcledDerived[] {
  const byId = new Map(rules.map((r) => [r.id, r]));
  const out: AcledDerived[] = [];
  for (const c of cells) {
    const rule = byId.get(c.rule);
    if (!rule) continue;
    const value = severityFor(rule.measure === 'events' ? c.events : c.fatalities, rule.thresholds);
    if (value === 0) continue;
    out.push({
      rule: rule.id,
      region: c.region,
      period: c.period,
      indicator: rule.indicator,
      value,
      confidence: placedConfidence(c.preciseEvents, c.events),
      events: c.events,
      fatalities: c.fatalities,
    });
  }
  return sortDerived(out);
}

/** ACLED's attribution, carried by every derived observation (ACLED's terms of use require it). */
export const ACLED_CITATION =
  'Armed Conflict Location & Event Data (ACLED), acleddata.com; Raleigh, Kishi & Linke (2023), Humanities and Social Sciences Communications 10';
export const ACLED_URL = 'https://acleddata.com/';

/** All ACLED data is one source for the model's independent-source rule. */
export const ACLED_SOURCE_KEY = feedSourceKey('acled');
