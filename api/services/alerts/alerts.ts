import type { Db } from '../../../db/client.ts';
import type { RegionRow } from '../../../db/queries/regions.ts';
import { scoredPeriods } from '../../../db/queries/scores.ts';
import {
  addMonths,
  isRiskClass,
  MODEL_CONFIG,
  newDirectSignals,
  roundTo,
  scoreAlerts,
} from '../../../indicators/index.ts';
import type { Alert, Lens, Period } from '../../../indicators/index.ts';
import { classWords, decimal, displayIn, label, msg, type Lang } from '../../i18n.ts';
import { regionSeries, scoresBetween, type ScoreRecord } from '../scores/live-scores.ts';
import { modelInputs } from '../scores/model-inputs.ts';

/** What the alert rules read of a stored score. */
const toAlertScore = (r: ScoreRecord) => ({
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
  const own = inputs.withOwnEvidence;
  const scores = scoresBetween(db, inputs, { scenario: q.scenario, lens: q.lens, from, to: period })
    .filter((r) => alertsOn(r.level, own.has(r.regionCode)))
    .map(toAlertScore);
  const levelOf = new Map(inputs.regions.map((r) => [r.code, r.level]));
  const signals = newDirectSignals(inputs.observations, period, inputs.lens(q.lens, q.scenario), levelOf);
  const alerts = scoreAlerts({ period, lens: q.lens, scores, signals, config: MODEL_CONFIG });
  return alerts
    .filter((a) => q.level === undefined || a.level === q.level)
    .map((a) => toAlertWire(a, inputs.regionByCode.get(a.region)?.name ?? a.region, q.lang ?? 'en'));
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
  const code = region.code;
  const inputs = modelInputs(db);
  const months = scoredPeriods(db).filter((p) => (!q.from || p >= q.from) && (!q.to || p <= q.to));
  if (!inputs || months.length === 0) return [];
  const observations = inputs.observationsFor([code]).get(code) ?? [];
  if (
    !alertsOn(
      region.level,
      observations.some((o) => !o.inherited),
    )
  )
    return [];
  const series = regionSeries(db, inputs, {
    region: code,
    lens: q.lens,
    scenario: q.scenario,
    from: addMonths(months[0]!, -MODEL_CONFIG.alerts.baselineMonths),
    to: months.at(-1),
  }).map(toAlertScore);
  const lens = inputs.lens(q.lens, q.scenario);
  const levelOf = new Map([[code, region.level]]);
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
