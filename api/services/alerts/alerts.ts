import type { AsyncDb } from '../../../db/async.ts';
import type { Db } from '../../../db/client.ts';
import { perDataVersionAsync } from '../../../db/data-version.ts';
import { catalogueAsync } from '../../../db/queries/catalogue.ts';
import { observationsAsync } from '../../../db/queries/observations.ts';
import { regionsAsync, type RegionRow } from '../../../db/queries/regions.ts';
import { scoredPeriods, scoresAsync } from '../../../db/queries/scores.ts';
import {
  addMonths,
  getScenario,
  isRiskClass,
  MODEL_CONFIG,
  newDirectSignals,
  prepareLens,
  roundTo,
  scenarioWeights,
  scoreAlerts,
} from '../../../indicators/index.ts';
import type { Alert, Lens, ModelObservation, Period, PreparedLens } from '../../../indicators/index.ts';
import { classWords, decimal, displayIn, label, msg, type Lang } from '../../i18n.ts';
import {
  isStored,
  liveRegionSeries,
  liveScoresBetween,
  regionSeries,
  scoresBetween,
  type ScoreRecord,
} from '../scores/live-scores.ts';
import { modelInputs, modelInputsAsync, modelInputsOfFamilyAsync, type ModelInputs } from '../scores/model-inputs.ts';

/** What the alert rules read of a stored score. */
const toAlertScore = (r: Pick<ScoreRecord, 'regionCode' | 'level' | 'period' | 'score' | 'class'>) => ({
  region: r.regionCode,
  level: r.level,
  period: r.period,
  score: r.score,
  class: r.class,
});

/**
 * Whether a region's scores may raise alerts: a country's always, a first-level region's only on
 * evidence of its own, so that a country-level change alerts once, on the country.
 */
const alertsOn = (level: number, hasOwnEvidence: boolean) => level === 0 || hasOwnEvidence;

/**
 * An alert's one-line reason in `lang`: the model's English sentence, or the same facts written
 * from the catalogue (`alerts.*`), with class names, the indicator's label and its observed value
 * in that language.
 */
export function alertReason(a: Alert, lang: Lang): string {
  return lang === 'en' ? a.reason : writeAlertReason(a, lang);
}

/** An alert's reason written from the catalogue `alerts.*` (English too: a test holds it equal to the model's). */
export function writeAlertReason(a: Alert, lang: Lang): string {
  const num = (n: number | null | undefined) => decimal(lang, n ?? 0);
  const { facts } = a;
  switch (a.kind) {
    case 'class-up':
      return facts.previousClass && isRiskClass(facts.previousClass)
        ? msg(lang, 'alerts.classUpFrom', {
            from: classWords(lang, facts.previousClass),
            to: classWords(lang, facts.class),
            before: num(a.previousScore),
            now: num(a.score),
          })
        : msg(lang, 'alerts.classReached', { to: classWords(lang, facts.class), now: num(a.score) });
    case 'sharp-rise':
      return msg(lang, 'alerts.sharpRise', {
        points: num((a.score ?? 0) - (a.baseline ?? 0)),
        months: facts.months ?? MODEL_CONFIG.alerts.baselineMonths,
        mean: num(a.baseline),
        now: num(a.score),
      });
    case 'new-direct-indicator': {
      const [first, ...rest] = facts.signs ?? [];
      if (!first) return a.reason;
      const name = label(lang, 'indicators', first.id, first.label);
      return msg(lang, 'alerts.newSign', {
        // A label starts with a capital in the catalogue; here it follows a colon.
        indicator:
          lang === 'en'
            ? name.toLowerCase()
            : lang === 'fr'
              ? name.charAt(0).toLocaleLowerCase('fr') + name.slice(1)
              : name,
        value: displayIn(lang, first.measurement, first.value, MODEL_CONFIG.smallCountThreshold),
        more: rest.length,
      });
    }
  }
}

/** The public shape of one alert, its reason in `lang`. */
function toAlertWire(a: Alert, name: string, lang: Lang) {
  return {
    region: a.region,
    name,
    level: a.level,
    lens: a.lens,
    period: a.period,
    kind: a.kind,
    reason: alertReason(a, lang),
    score: roundTo(a.score, 2),
    previousScore: roundTo(a.previousScore, 2),
    ...(a.baseline === undefined ? {} : { baseline: roundTo(a.baseline, 2) }),
  };
}

/** One alert as `GET /api/alerts` and `GET /api/regions/{code}/alerts` return it. */
export type AlertWire = ReturnType<typeof toAlertWire>;

/**
 * The month's alerts (`period`, default the latest scored month): a class threshold crossed upward,
 * a sharp rise against the region's own trailing mean, a new direct trafficking indicator, each with
 * a one-line reason; first-level regions alert only on evidence of their own (a country-level change
 * alerts once, on the country). Reasons are written in `lang` (English by default). The scenario must
 * be known (the caller checks it).
 */
export function monthAlerts(
  db: Db,
  q: { period?: Period; lens: Lens; scenario: string; level?: number; lang?: Lang },
): AlertWire[] {
  const inputs = modelInputs(db);
  const period = q.period ?? scoredPeriods(db).at(-1);
  if (!period || !inputs) return [];
  const from = addMonths(period, -MODEL_CONFIG.alerts.baselineMonths);
  const scores = scoresBetween(db, inputs, { scenario: q.scenario, lens: q.lens, from, to: period });
  return alertsOfMonth(period, q, scores, evidenceOfInputs(inputs, q));
}

/** What a month's alerts read of the model's inputs besides scores. */
const evidenceOfInputs = (inputs: ModelInputs, q: { lens: Lens; scenario: string }): MonthEvidence => ({
  own: inputs.withOwnEvidence,
  observations: inputs.observations,
  regions: inputs.regions,
  lens: inputs.lens(q.lens, q.scenario),
});

/** What a month's alerts are made of besides its scores. */
interface MonthEvidence {
  /** Regions with observations of their own. */
  own: ReadonlySet<string>;
  /** Every current observation (own, none inherited). */
  observations: readonly ModelObservation[];
  regions: readonly Pick<RegionRow, 'code' | 'name' | 'level'>[];
  lens: PreparedLens;
}

/** The month's alerts from the scores of its trailing window (`scores`, every level) and its evidence. Pure. */
function alertsOfMonth(
  period: Period,
  q: { lens: Lens; level?: number; lang?: Lang },
  window: readonly Pick<ScoreRecord, 'regionCode' | 'level' | 'period' | 'score' | 'class'>[],
  e: MonthEvidence,
): AlertWire[] {
  const scores = window.filter((r) => alertsOn(r.level, e.own.has(r.regionCode))).map(toAlertScore);
  const levelOf = new Map(e.regions.map((r) => [r.code, r.level]));
  const nameOf = new Map(e.regions.map((r) => [r.code, r.name]));
  const signals = newDirectSignals(e.observations, period, e.lens, levelOf);
  const alerts = scoreAlerts({ period, lens: q.lens, scores, signals, config: MODEL_CONFIG });
  return alerts
    .filter((a) => q.level === undefined || a.level === q.level)
    .map((a) => toAlertWire(a, nameOf.get(a.region) ?? a.region, q.lang ?? 'en'));
}

/**
 * The catalogue's lenses under a scenario's weights (method v2, small counts banded), on either
 * engine, kept per data version: what the stored alerts read of the catalogue. Null before a
 * catalogue or any current observation (as the model's inputs are on SQLite).
 */
const lensesOf = perDataVersionAsync(async (a) => {
  const [catalogue, observed] = await Promise.all([catalogueAsync.load(a), observationsAsync.any(a)]);
  if (!catalogue || !observed) return null;
  const lenses = new Map<string, PreparedLens>();
  return (lens: Lens, scenario: string) => {
    let p = lenses.get(`${scenario}|${lens}`);
    if (!p) {
      const s = getScenario(scenario);
      p = prepareLens(catalogue, lens, s ? scenarioWeights(s, catalogue) : {}, MODEL_CONFIG, 'v2');
      lenses.set(`${scenario}|${lens}`, p);
    }
    return p;
  };
});

/**
 * Every current observation and region on either engine, kept per data version (as the model's
 * inputs are on SQLite): what a month's alerts read besides scores. Null without an observation.
 */
const evidenceOf = perDataVersionAsync(async (a) => {
  const [observations, regions] = await Promise.all([observationsAsync.current(a), regionsAsync.list(a)]);
  if (observations.length === 0) return null;
  return { observations, regions, own: new Set(observations.map((o) => o.regionCode)) };
});

/**
 * {@link monthAlerts} through the awaited interface, on SQLite or PostgreSQL: the same scores,
 * observations and catalogue, made into the same alerts. A stored view (the baseline) reads its
 * scores; another scenario computes them in process from every observation (`modelInputsAsync`, by
 * the same code as {@link monthAlerts}: heavy, the route gates it).
 */
export async function monthAlertsAsync(
  a: AsyncDb,
  q: { period?: Period; lens: Lens; scenario: string; level?: number; lang?: Lang },
): Promise<AlertWire[]> {
  if (!isStored(q)) {
    const [inputs, periods] = await Promise.all([modelInputsAsync(a), q.period ? [q.period] : scoresAsync.periods(a)]);
    const period = periods.at(-1);
    if (!period || !inputs) return [];
    const from = addMonths(period, -MODEL_CONFIG.alerts.baselineMonths);
    const scores = liveScoresBetween(inputs, { scenario: q.scenario, lens: q.lens, from, to: period });
    return alertsOfMonth(period, q, scores, evidenceOfInputs(inputs, q));
  }
  const [lenses, evidence, periods] = await Promise.all([
    lensesOf(a),
    evidenceOf(a),
    q.period ? [q.period] : scoresAsync.periods(a),
  ]);
  const period = periods.at(-1);
  if (!period || !lenses || !evidence) return [];
  const from = addMonths(period, -MODEL_CONFIG.alerts.baselineMonths);
  const window = await scoresAsync.window(a, { scenario: q.scenario, lens: q.lens, from, to: period });
  return alertsOfMonth(period, q, window, { ...evidence, lens: lenses(q.lens, q.scenario) });
}

/**
 * One region's alerts in every scored month from `from` to `to` (oldest first): the same as that
 * region's entries in {@link monthAlerts} month by month. The scenario must be known (the caller
 * checks it).
 */
export function regionAlerts(
  db: Db,
  region: Pick<RegionRow, 'code' | 'name' | 'level'>,
  q: { lens: Lens; scenario: string; from?: Period; to?: Period; lang?: Lang },
): AlertWire[] {
  const inputs = modelInputs(db);
  return regionAlertsOf(inputs, scoredPeriods(db), region, q, (s) => regionSeries(db, inputs, s));
}

/**
 * {@link regionAlerts} from the model's inputs (`inputs`, of the region's family at least), the scored
 * months and a reader of the region's series: the one body of the synchronous and awaited reads.
 */
function regionAlertsOf(
  inputs: ModelInputs | null,
  periods: readonly Period[],
  region: Pick<RegionRow, 'code' | 'name' | 'level'>,
  q: { lens: Lens; scenario: string; from?: Period; to?: Period; lang?: Lang },
  seriesOf: (s: { region: string; lens: Lens; scenario: string; from: Period; to?: Period }) => ScoreRecord[],
): AlertWire[] {
  const code = region.code;
  const months = periods.filter((p) => (!q.from || p >= q.from) && (!q.to || p <= q.to));
  if (!inputs || months.length === 0) return [];
  const observations = inputs.observationsFor([code]).get(code) ?? [];
  if (
    !alertsOn(
      region.level,
      observations.some((o) => !o.inherited),
    )
  )
    return [];
  const series = seriesOf({
    region: code,
    lens: q.lens,
    scenario: q.scenario,
    from: addMonths(months[0]!, -MODEL_CONFIG.alerts.baselineMonths),
    to: months.at(-1),
  });
  return alertsOfRegion(region, months, q, series, observations, inputs.lens(q.lens, q.scenario));
}

/** A region's alerts month by month from its series and its observations (own and inherited). Pure. */
function alertsOfRegion(
  region: Pick<RegionRow, 'code' | 'name' | 'level'>,
  months: readonly Period[],
  q: { lens: Lens; lang?: Lang },
  regionSeries: readonly Pick<ScoreRecord, 'regionCode' | 'level' | 'period' | 'score' | 'class'>[],
  observations: readonly ModelObservation[],
  lens: PreparedLens,
): AlertWire[] {
  const series = regionSeries.map(toAlertScore);
  const levelOf = new Map([[region.code, region.level]]);
  const alerts = months.flatMap((period) => {
    const from = addMonths(period, -MODEL_CONFIG.alerts.baselineMonths);
    const scores = series.filter((s) => s.period >= from && s.period <= period);
    return scoreAlerts({
      period,
      lens: q.lens,
      scores,
      signals: newDirectSignals(observations, period, lens, levelOf),
      config: MODEL_CONFIG,
    });
  });
  return alerts.map((a) => toAlertWire(a, region.name, q.lang ?? 'en'));
}

/**
 * {@link regionAlerts} through the awaited interface, on SQLite or PostgreSQL. A stored view (the
 * baseline) reads the region's own observations only (inherited ones never raise a sign) and its
 * stored series; another scenario computes the series in process from the region's family
 * (`modelInputsOfFamilyAsync`), by the same code as {@link regionAlerts}.
 */
export async function regionAlertsAsync(
  a: AsyncDb,
  region: Pick<RegionRow, 'code' | 'name' | 'level'>,
  q: { lens: Lens; scenario: string; from?: Period; to?: Period; lang?: Lang },
): Promise<AlertWire[]> {
  if (!isStored(q)) {
    const [inputs, periods] = await Promise.all([modelInputsOfFamilyAsync(a, region.code), scoresAsync.periods(a)]);
    return regionAlertsOf(inputs, periods, region, q, (s) => (inputs ? liveRegionSeries(inputs, s) : []));
  }
  const [lenses, periods, observations] = await Promise.all([
    lensesOf(a),
    scoresAsync.periods(a),
    observationsAsync.currentOf(a, [region.code]),
  ]);
  const months = periods.filter((p) => (!q.from || p >= q.from) && (!q.to || p <= q.to));
  if (!lenses || months.length === 0 || !alertsOn(region.level, observations.length > 0)) return [];
  const series = await scoresAsync.alertSeries(a, {
    region: region.code,
    lens: q.lens,
    scenario: q.scenario,
    from: addMonths(months[0]!, -MODEL_CONFIG.alerts.baselineMonths),
    to: months.at(-1),
  });
  return alertsOfRegion(region, months, q, series, observations, lenses(q.lens, q.scenario));
}
