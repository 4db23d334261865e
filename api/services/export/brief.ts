import type { ExportMetadata } from './metadata.ts';
import { msg, type Lang } from '../../i18n.ts';

/** The parts of `/api/regions/{code}/explain` a brief reads. */
export interface BriefExplanation {
  lens: string;
  basis: 'own' | 'country' | 'none';
  conditionsOnly: boolean;
  score: number | null;
  class: string;
  coverage: number;
  confidence: string | null;
  trend: number | null;
  trend12: number | null;
  evidence: { indicators: number; groups: number; groupsInLens?: number; sources: number; signs: number; own: number };
  rolledUpFrom: { region: string; name: string } | null;
  /** The country's own score beside a first-level region (its records are shown, never used as the region's score). */
  country: { region: string; name: string; score: number | null; class: string; rolledUpFrom: string | null } | null;
  /** The explanation's plain-words notes (roll-up, country-level records, why a class is missing, conditions only). */
  notes: string[];
  contributions: {
    indicatorId: string;
    label: string;
    framework: string;
    group: string;
    relevance: string;
    observed: boolean;
    display?: string | null;
    points: number;
    observedPeriod: string | null;
    ageMonths: number | null;
    inherited: boolean;
    confidence: string | null;
    sourceCitation?: string | null;
    sourceLocator?: string | null;
  }[];
  forms: { form: string; label: string; weight: number }[];
}

/** One month of the region's series. */
export interface BriefPoint {
  period: string;
  score: number | null;
  class: string;
}

/** What the brief composer is given. */
export interface BriefInput {
  region: {
    code: string;
    name: string;
    level: number;
    kind: string | null;
    parent: { code: string; name: string } | null;
  };
  explanation: BriefExplanation;
  series: readonly BriefPoint[];
  groupLabels: ReadonlyMap<string, string>;
  metadata: ExportMetadata;
  /** The language of the title and of a value shown without its display text (English by default). */
  lang?: Lang;
}

/** Drivers a brief lists, at most. */
export const BRIEF_DRIVERS = 6;

/** An observation older than this (months) is flagged as dated in the data gaps. */
export const DATED_MONTHS = 6;

/**
 * The printable brief of one region in one month, as a public document: score, class, coverage,
 * confidence and change; the series for the trend chart; the top drivers with one-line evidence;
 * the likely exploitation forms as shares; the data gaps (risk factors of the lens with nothing
 * observed, dated and inherited evidence); the sources cited; and the export metadata. counts of evidence are published as they are (they count pieces of evidence, never people);
 * observed values are the model's display text, which writes small counts of people as `<5`.
 */
export function briefDocument(x: BriefInput) {
  const e = x.explanation;
  const lang = x.lang ?? 'en';
  const observed = e.contributions.filter((c) => c.observed);
  const drivers = observed
    .filter((c) => c.points > 0)
    .sort((a, b) => b.points - a.points)
    .slice(0, BRIEF_DRIVERS)
    .map((c) => ({
      indicatorId: c.indicatorId,
      label: c.label,
      framework: c.framework,
      relevance: c.relevance,
      points: c.points,
      value: c.display ?? msg(lang, 'brief.observed'),
      observedPeriod: c.observedPeriod,
      ageMonths: c.ageMonths,
      inherited: c.inherited,
      confidence: c.confidence,
      source: c.sourceCitation ?? null,
    }));
  const groups = [...new Set(e.contributions.map((c) => c.group))];
  const seen = new Set(observed.map((c) => c.group));
  const label = (g: string) => x.groupLabels.get(g) ?? g;
  const total = e.forms.reduce((s, f) => s + Math.max(0, f.weight), 0);
  const citations = new Map<string, Set<string>>();
  for (const c of observed) {
    if (!c.sourceCitation) continue;
    const set = citations.get(c.sourceCitation) ?? new Set<string>();
    if (c.sourceLocator) set.add(c.sourceLocator);
    citations.set(c.sourceCitation, set);
  }
  return {
    metadata: {
      ...x.metadata,
      title: x.region.parent
        ? msg(lang, 'brief.titleWithParent', {
            region: x.region.name,
            parent: x.region.parent.name,
            period: x.metadata.periodLabel,
          })
        : msg(lang, 'brief.title', { region: x.region.name, period: x.metadata.periodLabel }),
    },
    region: x.region,
    score: {
      score: e.score,
      class: e.class,
      coverage: e.coverage,
      confidence: e.confidence,
      trend: e.trend,
      trend12: e.trend12,
      rolledUpFrom: e.rolledUpFrom,
    },
    evidence: {
      indicators: e.evidence.indicators,
      sources: e.evidence.sources,
      signs: e.evidence.signs,
      riskFactors: seen.size,
      riskFactorsInLens: groups.length,
    },
    basis: e.basis,
    conditionsOnly: e.conditionsOnly,
    notes: e.notes,
    country: e.country,
    series: x.series.map((p) => ({ period: p.period, score: p.score, class: p.class })),
    drivers,
    forms:
      total > 0
        ? e.forms.filter((f) => f.weight > 0).map((f) => ({ form: f.form, label: f.label, share: f.weight / total }))
        : [],
    gaps: {
      riskFactorsObserved: groups.filter((g) => seen.has(g)).map(label),
      riskFactorsMissing: groups.filter((g) => !seen.has(g)).map(label),
      dated: drivers
        .filter((d) => (d.ageMonths ?? 0) >= DATED_MONTHS)
        .map((d) => ({ label: d.label, observedPeriod: d.observedPeriod, ageMonths: d.ageMonths })),
      inherited: drivers.filter((d) => d.inherited).map((d) => d.label),
    },
    sources: [...citations]
      .map(([citation, locators]) => ({ citation, locators: [...locators].sort() }))
      .sort((a, b) => a.citation.localeCompare(b.citation)),
  };
}

/** The brief as `GET /api/export/brief` returns it. */
export type BriefDocument = ReturnType<typeof briefDocument>;
