import { addMonths, getScenario } from '../../../indicators/index.ts';
import type { Lens } from '../../../indicators/index.ts';
import type { AsyncDb } from '../../../db/async.ts';
import type { Db } from '../../../db/client.ts';
import { catalogueAsync, currentCatalogueVersion } from '../../../db/queries/catalogue.ts';
import {
  dataSetsUsed,
  exportsAsync,
  longestPersistence,
  type DataSetKind,
  type DataSetUse,
} from '../../../db/queries/exports.ts';
import { boundariesAsync, boundaryAttributions } from '../../../db/queries/regions.ts';
import { hasMessage, monthName, msg, type ApiMessageId, type Lang } from '../../i18n.ts';

/** What an export describes: one month, lens, admin level and weighting scenario. */
export interface ExportView {
  period: string;
  lens: Lens;
  level: number;
  scenario: string;
}

/** One data set behind an export, with its licence and how many observations it gave. */
export interface ExportDataSet {
  id: DataSetKind;
  name: string;
  licence: string;
  observations: number;
  first: string;
  last: string;
}

/**
 * Everything an export must carry to stand on its own: what it shows (the view and its labels),
 * where the data came from (data sets, catalogue version), who to credit, the boundary disclaimer
 * and when it was made. The same object is the GeoJSON `metadata` member, `GET /api/export/metadata`
 * and the text under exported maps and briefs.
 */
export interface ExportMetadata extends ExportView {
  title: string;
  subtitle: string;
  lensLabel: string;
  periodLabel: string;
  levelLabel: string;
  scenarioLabel: string;
  catalogueVersion: string | null;
  dataSets: ExportDataSet[];
  /** One sentence naming the data sets and the catalogue version. */
  sourceLine: string;
  /** Credits required by the licences of the boundaries and data used. */
  attribution: string[];
  disclaimer: string;
  /** Why the bundled data must not be read as a current assessment, when they are used. */
  notice: string | null;
  generatedAt: string;
  generator: string;
}

/** Lens names as a reader of a briefing knows them (English; `export.lens.*` in api/locales for the others). */
export const LENS_TITLES: Record<Lens, string> = {
  overall: msg('en', 'export.lens.overall'),
  crsv: msg('en', 'export.lens.crsv'),
  osce: msg('en', 'export.lens.osce'),
  afac: msg('en', 'export.lens.afac'),
  tip: msg('en', 'export.lens.tip'),
};

/** The boundary disclaimer every map and brief carries (English; `export.disclaimer`). */
export const BOUNDARY_DISCLAIMER = msg('en', 'export.disclaimer');

/** The credit UCDP's licence asks for. */
export const UCDP_CREDIT =
  'Event data: UCDP Georeferenced Event Dataset (UCDP GED), Uppsala Conflict Data Program, CC BY 4.0';

/** A data set's name and licence in `lang`. */
const dataSetText = (lang: Lang, kind: DataSetKind) => ({
  name: msg(lang, `export.dataSet.${kind}` as ApiMessageId),
  licence: msg(lang, `export.dataSet.${kind}.licence` as ApiMessageId),
});

/** A bundled scenario's name in `lang` (`export.scenarioName.*`), else the scenario's own label, else its id. */
function scenarioName(lang: Lang, id: string): string {
  const key = `export.scenarioName.${id}`;
  if (lang !== 'en' && hasMessage(key)) return msg(lang, key);
  return getScenario(id)?.label ?? id;
}

/**
 * Builds the metadata of an export of `view`: the data sets are those with current observations
 * in the months that can still inform `view.period` (back as far as the longest indicator
 * persistence), with their observation counts (pieces of evidence, not people: never suppressed).
 */
export function exportMetadata(
  db: Db,
  view: ExportView,
  opts: { now?: Date; version?: string; lang?: Lang } = {},
): ExportMetadata {
  const from = addMonths(view.period, -Math.max(0, longestPersistence(db)));
  return metadataOf(view, opts, {
    catalogueVersion: currentCatalogueVersion(db) ?? null,
    dataSets: dataSetsUsed(db, { from, to: view.period }),
    attributions: boundaryAttributions(db, view.level, view.period),
  });
}

/** {@link exportMetadata} read through the awaited interface (either engine): the same queries and answer. */
export async function exportMetadataAsync(
  a: AsyncDb,
  view: ExportView,
  opts: { now?: Date; version?: string; lang?: Lang } = {},
): Promise<ExportMetadata> {
  const from = addMonths(view.period, -Math.max(0, await exportsAsync.longestPersistence(a)));
  const [catalogueVersion, dataSets, attributions] = await Promise.all([
    catalogueAsync.currentVersion(a),
    exportsAsync.dataSetsUsed(a, { from, to: view.period }),
    boundariesAsync.attributions(a, view.level, view.period),
  ]);
  return metadataOf(view, opts, { catalogueVersion: catalogueVersion ?? null, dataSets, attributions });
}

/** The metadata of `view` from what was read of the database. Pure. */
function metadataOf(
  view: ExportView,
  opts: { now?: Date; version?: string; lang?: Lang },
  read: { catalogueVersion: string | null; dataSets: DataSetUse[]; attributions: string[] },
): ExportMetadata {
  const lang = opts.lang ?? 'en';
  const { catalogueVersion } = read;
  const dataSets: ExportDataSet[] = read.dataSets.map((d) => ({
    id: d.kind,
    ...dataSetText(lang, d.kind),
    observations: d.observations,
    first: d.first,
    last: d.last,
  }));
  // Districts are drawn on one set per country, each with its own credit: the sets in force that month.
  const credits = [...new Set(read.attributions.map((a) => a.replace(/^Boundaries:\s*/i, '')))];
  const attribution = credits.length ? credits : ['Made with Natural Earth'];
  if (dataSets.some((d) => d.id === 'ucdp')) attribution.push(UCDP_CREDIT);
  const lensLabel = msg(lang, `export.lens.${view.lens}`);
  const periodLabel = monthName(lang, view.period);
  const levelLabel = msg(
    lang,
    view.level === 0 ? 'export.level.countries' : view.level === 1 ? 'export.level.regions' : 'export.level.districts',
  );
  const scenarioLabel =
    view.scenario === 'baseline'
      ? msg(lang, 'export.scenario.baseline')
      : msg(lang, 'export.scenario.other', { scenario: scenarioName(lang, view.scenario) });
  const sets = dataSets.map((d) => msg(lang, 'export.dataSetCount', { name: d.name, count: d.observations }));
  const sourceLine = msg(lang, 'export.sourceLine', {
    sets: sets.length ? sets.join(msg(lang, 'export.listSeparator')) : msg(lang, 'export.noObservations'),
    version: catalogueVersion ?? msg(lang, 'export.catalogueNotLoaded'),
  });
  return {
    ...view,
    title: msg(lang, 'export.title', { period: periodLabel }),
    subtitle: msg(lang, 'export.subtitle', { lens: lensLabel, level: levelLabel, scenario: scenarioLabel }),
    lensLabel,
    periodLabel,
    levelLabel,
    scenarioLabel,
    catalogueVersion,
    dataSets,
    sourceLine,
    attribution,
    disclaimer: msg(lang, 'export.disclaimer'),
    notice: dataSets.some((d) => d.id === 'historical') ? msg(lang, 'export.notice') : null,
    generatedAt: (opts.now ?? new Date()).toISOString(),
    generator: `Vigil${opts.version ? ` ${opts.version}` : ''}`,
  };
}
