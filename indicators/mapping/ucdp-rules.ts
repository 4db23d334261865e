import { feedSourceKey } from '../model/sources.ts';
import { placedConfidence, severityFor, sortDerived } from './derive.ts';
import type { Confidence } from '../vocabulary.ts';

/** UCDP's three types of organised violence. */
export const UCDP_VIOLENCE_TYPES = {
  1: 'state-based conflict',
  2: 'non-state conflict',
  3: 'one-sided violence (against civilians)',
} as const;
export type UcdpViolenceType = keyof typeof UCDP_VIOLENCE_TYPES;

/**
 * How one indicator is derived from UCDP GED events: which events count (type of violence, and for
 * one-sided violence who committed it), what is measured per region and month (events, or best
 * estimate of deaths), and the thresholds that give severity 1, 2, 3 and 4 (value ≥ threshold).
 * Rules are data: change them here, and docs/data-import.md explains each.
 */
export interface UcdpRule {
  id: string;
  indicator: string;
  types: readonly UcdpViolenceType[];
  /** `non-state`: only events whose side A (the perpetrator in one-sided violence) is not a government. */
  perpetrator: 'any' | 'non-state';
  measure: 'events' | 'deaths';
  /** Ascending; severity k needs a value ≥ thresholds[k-1]. Its length is the indicator's maximum severity. */
  thresholds: readonly number[];
  /** Why these events say something about the indicator (shown in docs and cited in each observation). */
  rationale: string;
}

/** The mapping from UCDP GED events to Vigil indicators. All three indicators are indirect trafficking risk factors. */
export const UCDP_RULES: readonly UcdpRule[] = [
  {
    id: 'ucdp.conflict-intensity',
    indicator: 'afac.rf1',
    types: [1, 2, 3],
    perpetrator: 'any',
    measure: 'deaths',
    thresholds: [1, 25, 100, 500],
    rationale:
      'Deaths from all organised violence in the region that month. 25 is the death toll UCDP requires of a conflict in a whole year, reached here in one month and one region; 500 is half its yearly threshold for war.',
  },
  {
    id: 'ucdp.armed-clashes',
    indicator: 'osce.politico-military',
    types: [1, 2],
    perpetrator: 'any',
    measure: 'events',
    thresholds: [1, 3, 10, 30],
    rationale:
      'Number of lethal clashes between armed parties (state-based and non-state conflict) in the region that month: about one a day gives the top severity.',
  },
  {
    id: 'ucdp.civilians-non-state',
    indicator: 'afac.8.5',
    types: [3],
    perpetrator: 'non-state',
    measure: 'deaths',
    thresholds: [1, 5, 25, 100],
    rationale:
      'Civilians killed in one-sided violence by non-state armed groups in the region that month: the massacres and attacks on civilians by groups that also abduct, enslave and recruit.',
  },
];

/** Locations at admin-1 precision or better (UCDP `where_prec` 1–4) can be placed in a first-level region; vaguer ones are left out. */
export const UCDP_MAX_WHERE_PREC = 4;

/** Locations at admin-2 precision or better count as precise for the confidence of a derived value. */
export const UCDP_PRECISE_WHERE_PREC = 3;

/** Events of one region, month, type of violence and kind of perpetrator, counted. */
export interface UcdpCell {
  region: string;
  period: string;
  type: UcdpViolenceType;
  /** Side A is a government ("Government of …"). */
  stateActor: boolean;
  events: number;
  deaths: number;
  /** Events located at admin-2 precision or better. */
  preciseEvents: number;
}

/** One indicator value derived from the events of one region and month. */
export interface UcdpDerived {
  rule: string;
  region: string;
  period: string;
  indicator: string;
  value: number;
  confidence: Confidence;
  events: number;
  deaths: number;
}

/**
 * Derives monthly indicator values from counted events. For each rule, region and month with events
 * that count, the measured value gives a severity; severity 0 is not emitted, because months without
 * recorded lethal events stay missing rather than "calm" (GED records only deadly events of recognised
 * conflicts). Confidence is medium, or low when fewer than half of the events were located at
 * admin-2 precision or better. Pure and order-independent: the output is sorted.
 * @example deriveUcdpObservations([{ region: 'IQ-NI', period: '2014-08', type: 3, stateActor: false, events: 4, deaths: 120, preciseEvents: 4 }])
 */
export function deriveUcdpObservations(
  cells: readonly UcdpCell[],
  rules: readonly UcdpRule[] = UCDP_RULES,
): UcdpDerived[] {
  const out: UcdpDerived[] = [];
  for (const rule of rules) {
    const sums = new Map<string, { region: string; period: string; events: number; deaths: number; precise: number }>();
    for (const c of cells) {
      if (!rule.types.includes(c.type) || (rule.perpetrator === 'non-state' && c.stateActor)) continue;
      const key = `${c.region}|${c.period}`;
      const s = sums.get(key) ?? { region: c.region, period: c.period, events: 0, deaths: 0, precise: 0 };
      s.events += c.events;
      s.deaths += c.deaths;
      s.precise += c.preciseEvents;
      sums.set(key, s);
    }
    for (const s of sums.values()) {
      const value = severityFor(rule.measure === 'events' ? s.events : s.deaths, rule.thresholds);
      if (value === 0) continue;
      out.push({
        rule: rule.id,
        region: s.region,
        period: s.period,
        indicator: rule.indicator,
        value,
        confidence: placedConfidence(s.precise, s.events),
        events: s.events,
        deaths: s.deaths,
      });
    }
  }
  return sortDerived(out);
}

/** A UCDP event dataset Vigil reads: GED (yearly, final) or Candidate (monthly, preliminary), with the credit its licence requires. */
export interface UcdpDataset {
  /** The import profile that reads it. */
  profile: 'ucdp-ged' | 'ucdp-candidate';
  label: string;
  /** The attribution UCDP's licence (CC BY 4.0) requires, carried by every derived observation. */
  citation: string;
  url: string;
  /** Preliminary data: replaced by the final release of the same months, never replacing it. */
  preliminary: boolean;
}

/** UCDP Georeferenced Event Dataset: the yearly, final release. */
export const UCDP_GED: UcdpDataset = {
  profile: 'ucdp-ged',
  label: 'UCDP GED',
  citation:
    'UCDP Georeferenced Event Dataset (GED), Uppsala Conflict Data Program, CC BY 4.0; Sundberg & Melander (2013), Journal of Peace Research 50(4)',
  url: 'https://ucdp.uu.se/downloads/',
  preliminary: false,
};

/** UCDP Candidate Events Dataset: monthly, near real time, preliminary until the GED release of those months. */
export const UCDP_CANDIDATE: UcdpDataset = {
  profile: 'ucdp-candidate',
  label: 'UCDP Candidate',
  citation:
    'UCDP Candidate Events Dataset, Uppsala Conflict Data Program, CC BY 4.0; Hegre, Croicu, Eck & Högbladh (2020), Research & Politics 7(3)',
  url: 'https://ucdp.uu.se/downloads/#candidate',
  preliminary: true,
};

/** Both UCDP datasets are one source for the model's independent-source rule. */
export const UCDP_SOURCE_KEY = feedSourceKey('ucdp');
