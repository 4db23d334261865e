import type { AsyncDb } from '../../../db/async.ts';
import type { Db } from '../../../db/client.ts';
import { catalogueAsync, listIndicatorGroups } from '../../../db/queries/catalogue.ts';
import { getRegion, regionsAsync, type RegionRow } from '../../../db/queries/regions.ts';
import { scoredPeriods, scoresAsync } from '../../../db/queries/scores.ts';

import { addMonths, NO_DATA, periodRange } from '../../../indicators/index.ts';
import type { IndicatorGroup, Lens, Period } from '../../../indicators/index.ts';
import { notFound } from '../../errors.ts';
import { explain, explainAsync } from '../scores/explain.ts';
import { isStored, liveRegionSeries, regionSeries, type ScoreRecord } from '../scores/live-scores.ts';
import { modelInputs, modelInputsOfFamilyAsync } from '../scores/model-inputs.ts';
import { toWire } from '../scores/score-wire.ts';
import { briefDocument } from './brief.ts';
import { exportMetadata, exportMetadataAsync, type ExportMetadata, type ExportView } from './metadata.ts';
import { createScoreExporter, exportView } from './score-export.ts';
import { label, regionKind, type Lang } from '../../i18n.ts';

/** Months of history a brief's trend chart shows when no range is asked for. */
export const BRIEF_MONTHS = 36;

/** What `GET /api/export/brief` is asked for. */
export interface BriefQuery {
  region: string;
  period?: Period;
  lens: Lens;
  scenario: string;
  from?: Period;
  to?: Period;
  /** The language of the brief's texts and labels (English by default); ids stay English. */
  lang?: Lang;
}

/** The months of a brief's series: `from`–`to` when asked (from the first scored month at the earliest), else the {@link BRIEF_MONTHS} up to the period. Pure. */
function briefRange(q: BriefQuery, view: ExportView, firstScored: Period | undefined) {
  const to = q.to ?? (q.from && q.from > view.period ? q.from : view.period);
  const from = [firstScored ?? view.period, q.from ?? addMonths(to, -(BRIEF_MONTHS - 1))].sort().at(-1)!;
  return { from, to };
}

/** What a brief reads of the database, on either engine: the rest is built by the same code. */
interface BriefReads {
  region: RegionRow;
  parent: RegionRow | undefined;
  view: ExportView;
  range: { from: Period; to: Period };
  /** The region's rows over the range (stored, or computed for a scenario). */
  scored: readonly ScoreRecord[];
  explanation: ReturnType<typeof explain>;
  groups: readonly IndicatorGroup[];
  metadata: ExportMetadata;
}

/** The brief from what was read. Pure. */
function briefOf(lang: Lang, r: BriefReads) {
  const { region, parent, view } = r;
  const { from, to } = r.range;
  const scored = new Map(r.scored.map((s) => [s.period, s]));
  const series = (from <= to ? periodRange(from, to) : []).map((p) => ({
    period: p,
    score: scored.has(p) ? toWire(scored.get(p)!, view.lens).score : null,
    class: scored.get(p)?.class ?? NO_DATA,
  }));
  return briefDocument({
    region: {
      code: region.code,
      name: region.name,
      level: region.level,
      kind: regionKind(lang, region.kind, region.level),
      parent: parent ? { code: parent.code, name: parent.name } : null,
    },
    explanation: r.explanation,
    series,
    groupLabels: new Map(r.groups.map((g) => [g.id, label(lang, 'groups', g.id, g.label)])),
    metadata: r.metadata,
    lang,
  });
}

/**
 * The printable brief of `q.region` (see `briefDocument`), its series over `from`–`to` when asked
 * (from the first scored month at the earliest), else the {@link BRIEF_MONTHS} months up to the
 * period, its texts and labels in `q.lang`. Throws a 404 for an unknown region or when nothing is scored.
 */
export function regionBrief(db: Db, version: string, q: BriefQuery) {
  const region = getRegion(db, q.region);
  if (!region) throw notFound(`Region ${q.region}`);
  const lang = q.lang ?? 'en';
  const view = createScoreExporter(db, version).resolve({
    period: q.period,
    lens: q.lens,
    scenario: q.scenario,
    level: region.level,
  });
  const inputs = modelInputs(db);
  const range = briefRange(q, view, scoredPeriods(db)[0]);
  return briefOf(lang, {
    region,
    parent: region.parent ? getRegion(db, region.parent) : undefined,
    view,
    range,
    scored: regionSeries(db, inputs, { region: region.code, lens: view.lens, scenario: view.scenario, ...range }),
    explanation: explain(db, inputs, {
      region,
      period: view.period,
      lens: view.lens,
      scenario: view.scenario,
      method: 'v2',
      lang,
    }),
    groups: listIndicatorGroups(db),
    metadata: exportMetadata(db, view, { version, lang }),
  });
}

/**
 * {@link regionBrief} awaited, on either engine: the same brief built by the same code from the
 * region, its stored rows (or, for a scenario, its family's observations), its explanation
 * ({@link explainAsync}), the catalogue's groups and the export metadata, read through `a`.
 */
export async function regionBriefAsync(a: AsyncDb, version: string, q: BriefQuery) {
  const region = await regionsAsync.get(a, q.region);
  if (!region) throw notFound(`Region ${q.region}`);
  const lang = q.lang ?? 'en';
  const periods = await scoresAsync.periods(a);
  const view = exportView({ ...q, level: region.level }, q.period ?? periods.at(-1));
  const range = briefRange(q, view, periods[0]);
  const series = { region: region.code, lens: view.lens, scenario: view.scenario, ...range };
  const scored = async () => {
    const inputs = isStored(view) ? null : await modelInputsOfFamilyAsync(a, region.code);
    return inputs ? liveRegionSeries(inputs, series) : scoresAsync.series(a, series);
  };
  const [parent, rows, explanation, groups, metadata] = await Promise.all([
    region.parent ? regionsAsync.get(a, region.parent) : undefined,
    scored(),
    explainAsync(a, { region, period: view.period, lens: view.lens, scenario: view.scenario, method: 'v2', lang }),
    catalogueAsync.groups(a),
    exportMetadataAsync(a, view, { version, lang }),
  ]);
  return briefOf(lang, { region, parent, view, range, scored: rows, explanation, groups, metadata });
}
