import {
  apportion,
  BASELINE_SCENARIO,
  formProfile,
  MODEL_CONFIG,
  roundTo,
  scoreFamilies,
  scorePrepared,
} from '../../../indicators/index.ts';
import type { Lens, Method, Period, RegionScore, ScoreClass } from '../../../indicators/index.ts';
import type { AsyncDb } from '../../../db/async.ts';
import type { Db } from '../../../db/client.ts';
import type { RegionRow } from '../../../db/queries/regions.ts';
import {
  observationSources,
  readRegionSeries,
  scoresAsync,
  type ObservationSource,
  type ScoreRow,
} from '../../../db/queries/scores.ts';
import { modelInputsOfFamilyAsync, type ModelInputs } from './model-inputs.ts';
import type { Basis } from './score-wire.ts';
import { liveFamily, trendWindow } from './live-scores.ts';
import { classWords, decimal, label, msg, translateDisplay, type Lang } from '../../i18n.ts';

/** What `explain` is asked for. */
export interface ExplainQuery {
  region: RegionRow;
  period: Period;
  lens: Lens;
  scenario: string;
  method: Method;
  /**
   * Score small counts of people as recorded instead of by their band (signed-in analysts only:
   * public explanations must not let a count below the threshold be read back).
   */
  exactCounts?: boolean;
  /** The language of labels, display values and notes (English by default); ids stay English. */
  lang?: Lang;
}

/** A region's stored baseline row for the month and lens asked (what {@link storedRow} reads). */
type StoredRowOf = (code: string) => ScoreRow | undefined;

/** A score as the explanation shows it, with its trends. */
interface ExplainedRow {
  score: RegionScore;
  trend3: number | null;
  trend12: number | null;
}

/**
 * The baseline row as stored (every write keeps it equal to what the model computes, which the
 * recompute tests check): no observation of the region's siblings has to be read for a country's
 * roll-up.
 */
function storedRow(stored: StoredRowOf, q: ExplainQuery, groupsInLens: number): ExplainedRow | undefined {
  const s = stored(q.region.code);
  if (!s) return undefined;
  const score: RegionScore = {
    region: q.region.code,
    period: q.period,
    lens: q.lens,
    method: 'v2',
    score: s.score,
    class: s.class as ScoreClass,
    coverage: s.coverage,
    confidence: s.confidence as RegionScore['confidence'],
    evidence: {
      indicators: s.indicatorsObserved,
      groups: s.groupsObserved,
      groupsInLens,
      sources: s.sourcesObserved,
      signs: s.signsObserved,
      own: s.ownObserved,
    },
    drivers: s.drivers,
    groups: [],
    contributions: [],
    rolledUpFrom: s.rolledUpFrom,
    breakdown: null,
  };
  return { score, trend3: s.trend3, trend12: s.trend12 };
}

/**
 * A row under another scenario, computed live from what {@link liveFamily} gathers: a district or a
 * region from its own and inherited observations (and its districts'), a country from its whole family.
 */
function liveRow(inputs: ModelInputs, q: ExplainQuery): ExplainedRow | undefined {
  const { region, period } = q;
  const fam = liveFamily(inputs, region);
  if (!fam) return undefined;
  const rows = scoreFamilies({
    lens: inputs.lens(q.lens, q.scenario, q.method, q.exactCounts),
    periods: trendWindow(period),
    regions: fam.regions,
    byRegion: fam.byRegion,
    countries: new Set([fam.country]),
  });
  return rows.find((r) => r.level === region.level && r.score.region === region.code && r.score.period === period);
}

/**
 * Explains one region's score for one month, lens, scenario and method, computed live from the
 * current observations by the same model code as the stored scores: every indicator of the lens with
 * its points (rounded so that they add up exactly to the score as shown), the independent sources
 * and how the evidence built the score (method `v2`), the groups, the drivers and the
 * exploitation-form profile. A country's score is its roll-up, and the explanation is that of the
 * region it came from (named in `rolledUpFrom` and `notes`). A region whose evidence is all
 * country-level has no score of its own: its country's records and score are shown beside it.
 */
export function explain(db: Db, inputs: ModelInputs | null, q: ExplainQuery) {
  const stored: StoredRowOf = (code) =>
    readRegionSeries(db, { region: code, scenario: BASELINE_SCENARIO, lens: q.lens, from: q.period, to: q.period })[0];
  const e = explanation(stored, inputs, q);
  return e.build(observationSources(db, e.cited));
}

/**
 * {@link explain} awaited, on either engine: the same explanation built by the same code, from the
 * region's and its parent's stored rows, the observations of its family
 * ({@link modelInputsOfFamilyAsync}) and the sources cited, read through `a` beforehand.
 */
export async function explainAsync(a: AsyncDb, q: ExplainQuery): Promise<ReturnType<typeof explain>> {
  const inputs = await modelInputsOfFamilyAsync(a, q.region.code);
  const rows = new Map<string, ScoreRow | undefined>();
  for (const code of [q.region.code, ...(q.region.parent ? [q.region.parent] : [])]) {
    const series = { region: code, scenario: BASELINE_SCENARIO, lens: q.lens, from: q.period, to: q.period };
    rows.set(code, (await scoresAsync.series(a, series))[0]);
  }
  const e = explanation((code) => rows.get(code), inputs, q);
  return e.build(await scoresAsync.observationSources(a, e.cited));
}

/**
 * The explanation of {@link explain} in two steps, so that either engine reads what it cites in
 * between: `cited` names the observations whose sources it shows, `build` makes it from them.
 */
function explanation(stored: StoredRowOf, inputs: ModelInputs | null, q: ExplainQuery) {
  const { region, period, lens, scenario, method } = q;
  const names = (code: string) => inputs?.regionByCode.get(code)?.name ?? code;
  const empty = {
    region: region.code,
    name: region.name,
    level: region.level,
    period,
    lens,
    scenario,
    method,
    counts: q.exactCounts ? ('exact' as const) : ('banded' as const),
  };
  if (!inputs) {
    const none = {
      ...empty,
      score: null,
      class: 'no-data',
      coverage: 0,
      confidence: null,
      trend: null,
      trend12: null,
      evidence: { indicators: 0, groups: 0, groupsInLens: 0, sources: 0, signs: 0, own: 0 },
      basis: 'none' as Basis,
      conditionsOnly: false,
      rolledUpFrom: null,
      country: null,
      notes: [],
      model: null,
      drivers: [],
      groups: [],
      contributions: [],
      forms: [],
    };
    return { cited: [] as number[], build: (_: Map<number, ObservationSource>) => none };
  }
  const prepared = inputs.lens(lens, scenario, method, q.exactCounts);
  const isStoredView = scenario === BASELINE_SCENARIO && method === 'v2' && !q.exactCounts;
  const row = isStoredView ? storedRow(stored, q, prepared.groupsInLens) : liveRow(inputs, q);
  const source = row?.score.rolledUpFrom ?? region.code;
  const full: RegionScore = scorePrepared(
    prepared,
    source,
    period,
    inputs.observationsFor([source]).get(source) ?? [],
    'all',
  );
  const s = row?.score ?? full;
  const parent = region.level === 0 ? null : region.parent;
  const countryRow = parent ? countryScore(stored, inputs, { ...q, region: inputs.regionByCode.get(parent)! }) : null;
  const cited = full.contributions.flatMap((c) => (c.observationId === null ? [] : [c.observationId]));
  const build = (citations: Map<number, ObservationSource>) => {
    const sourceLabel = new Map<string, string>();
    for (const c of full.contributions) {
      const cite = c.observationId === null ? undefined : citations.get(c.observationId);
      if (c.source && cite && !sourceLabel.has(c.source)) sourceLabel.set(c.source, cite.citation);
    }
    const lang = q.lang ?? 'en';
    const notes = explainNotes(s, full, { region, names, parent, countryRow, method, lang });
    const measurementOf = new Map(inputs.catalogue.indicators.map((i) => [i.id, i.measurement]));
    const display = (id: string, text: string | null) => {
      const m = measurementOf.get(id);
      return text === null || lang === 'en' || !m ? text : translateDisplay(lang, m, text);
    };
    const order = [...full.contributions].sort(
      (a, b) =>
        Number(b.observed) - Number(a.observed) ||
        b.points - a.points ||
        b.weight - a.weight ||
        a.indicatorId.localeCompare(b.indicatorId),
    );
    const shown = apportion(
      order.map((c) => c.points),
      2,
    );
    const groupPoints = apportion(
      full.groups.map((g) => g.points),
      2,
    );
    const groupLabel = new Map(inputs.catalogue.groups.map((g) => [g.id, g.label]));
    const b = full.breakdown;
    return {
      ...empty,
      score: roundTo(s.score, 2),
      class: s.class,
      coverage: roundTo(s.coverage, 3)!,
      confidence: s.confidence,
      trend: roundTo(row?.trend3 ?? null, 2),
      trend12: roundTo(row?.trend12 ?? null, 2),
      evidence: s.evidence,
      basis: (s.score !== null ? 'own' : s.evidence.indicators > 0 ? 'country' : 'none') as Basis,
      conditionsOnly: lens === 'tip' && s.score !== null && s.evidence.signs === 0,
      rolledUpFrom: s.rolledUpFrom ? { region: s.rolledUpFrom, name: names(s.rolledUpFrom) } : null,
      country: countryRow && parent ? { region: parent, name: names(parent), ...countryRow } : null,
      notes,
      model: b && {
        prior: b.prior,
        strength: roundTo(b.strength, 3)!,
        absence: roundTo(b.absence, 3)!,
        raw: roundTo(b.raw, 2)!,
        ceiling: b.ceiling ? MODEL_CONFIG.evidence.conditionsCeiling : null,
        sources: b.sources.map((p) => ({
          source: p.source,
          label: sourceLabel.get(p.source) ?? p.source,
          indicators: p.indicators,
          evidence: roundTo(p.hazard, 3)!,
          counted: roundTo(p.capped, 3)!,
          absence: roundTo(p.absence, 3)!,
        })),
      },
      drivers: s.drivers.map((d) => ({ ...d, points: roundTo(d.points, 2)! })),
      groups: full.groups.map((g, i) => ({
        group: g.group,
        label: groupLabel.get(g.group) ?? g.group,
        framework: g.framework,
        weight: roundTo(g.weight, 3)!,
        score: roundTo(g.score, 2)!,
        points: groupPoints[i]!,
        observed: g.observed,
      })),
      contributions: order.map((c, i) => {
        const src = c.observationId === null ? undefined : citations.get(c.observationId);
        // A small count's normalised value would give the count back; its display already says "<5".
        const small = c.display !== null && c.display.startsWith('<');
        return {
          indicatorId: c.indicatorId,
          label: label(lang, 'indicators', c.indicatorId, c.label),
          framework: c.framework,
          group: c.group,
          relevance: c.relevance,
          weight: roundTo(c.weight, 3)!,
          observed: c.observed,
          value: small ? null : roundTo(c.value, 3),
          display: display(c.indicatorId, c.display),
          ...(small ? { suppressed: true } : {}),
          points: shown[i]!,
          evidence: roundTo(c.hazard, 3),
          observationId: c.observationId,
          observedPeriod: c.observedPeriod,
          ageMonths: c.ageMonths,
          ageFactor: roundTo(c.ageFactor, 3),
          inherited: c.inherited,
          confidence: c.confidence,
          source: c.source,
          ...(src ? { sourceCitation: src.citation, sourceLocator: src.locator, sourceUrl: src.url } : {}),
        };
      }),
      forms: formProfile(full.contributions, inputs.catalogue, MODEL_CONFIG).map((f) => ({
        ...f,
        label: label(lang, 'forms', f.form, f.label),
        weight: roundTo(f.weight, 3)!,
      })),
    };
  };
  return { cited, build };
}

/** The country's own row beside a first-level region (same lens, scenario and method), or null. */
function countryScore(stored: StoredRowOf, inputs: ModelInputs, q: ExplainQuery) {
  if (!q.region) return null;
  const row =
    q.scenario === BASELINE_SCENARIO && q.method === 'v2' && !q.exactCounts
      ? storedRow(stored, q, 0)
      : liveRow(inputs, q);
  if (!row || row.score.score === null) return null;
  return {
    score: roundTo(row.score.score, 2),
    class: row.score.class,
    rolledUpFrom: row.score.rolledUpFrom,
  };
}

/**
 * The explanation's plain-words notes, in `ctx.lang` (catalogue `explain.*`): roll-up, country-level
 * records, and why a score has no class or a ceiling.
 */
function explainNotes(
  s: RegionScore,
  full: RegionScore,
  ctx: {
    region: RegionRow;
    names: (code: string) => string;
    parent: string | null;
    countryRow: ReturnType<typeof countryScore>;
    method: Method;
    lang: Lang;
  },
): string[] {
  const { region, names, parent, countryRow, lang } = ctx;
  const notes: string[] = [];
  const ev = MODEL_CONFIG.evidence;
  if (s.rolledUpFrom)
    notes.push(
      msg(lang, 'explain.rolledUp', { region: region.name, source: names(s.rolledUpFrom), code: s.rolledUpFrom }),
    );
  const inherited = full.contributions.filter((c) => c.observed && c.inherited).length;
  const beside = countryRow
    ? msg(lang, 'explain.countryBeside', {
        country: names(parent!),
        score: countryRow.score === null ? '' : decimal(lang, countryRow.score),
        class: classWords(lang, countryRow.class),
      })
    : '';
  if (ctx.method === 'v2' && s.score === null && inherited > 0 && parent)
    notes.push(
      msg(lang, 'explain.countryOnly', { region: region.name, count: inherited, country: names(parent), beside }),
    );
  else if (inherited > 0 && parent)
    notes.push(
      ctx.method === 'v2'
        ? msg(lang, 'explain.countryLevel', {
            inherited,
            total: full.evidence.indicators,
            country: names(parent),
            percent: ev.inheritedDiscount * 100,
            region: region.name,
            beside,
          })
        : msg(lang, 'explain.countryLevelV1', { inherited, total: full.evidence.indicators, country: names(parent) }),
    );
  if (s.class === 'insufficient-data' && s.score !== null) {
    if (ctx.method === 'v2')
      notes.push(msg(lang, 'explain.tooLittleSources', { sources: s.evidence.sources, min: ev.minSources }));
    else {
      const { minGroups, minIndicators } = MODEL_CONFIG.sufficiency;
      notes.push(
        msg(lang, 'explain.tooLittleIndicators', {
          indicators: s.evidence.indicators,
          groups: s.evidence.groups,
          minGroups,
          minIndicators,
        }),
      );
    }
  }
  if (ctx.method === 'v2' && full.lens === 'tip' && s.score !== null && s.evidence.signs === 0)
    notes.push(
      full.breakdown?.ceiling
        ? msg(lang, 'explain.conditionsCeiling', {
            region: names(full.region),
            ceiling: ev.conditionsCeiling,
            raw: decimal(lang, full.breakdown.raw),
          })
        : msg(lang, 'explain.conditionsOnly', { region: names(full.region) }),
    );
  return notes;
}
