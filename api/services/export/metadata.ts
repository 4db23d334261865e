import { addMonths, getScenario, longPeriod } from '../../../indicators/index.ts';
import type { Lens } from '../../../indicators/index.ts';
import type { Db } from '../../../db/client.ts';
import { currentCatalogueVersion } from '../../../db/queries/catalogue.ts';
import { dataSetsUsed, longestPersistence, type DataSetKind } from '../../../db/queries/exports.ts';
import { getActiveBoundaries } from '../../../db/queries/regions.ts';

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

/** Lens names as a reader of a briefing knows them. */
export const LENS_TITLES: Record<Lens, string> = {
  overall: 'Overall (all frameworks)',
  crsv: 'CRSV early-warning matrix',
  osce: 'OSCE early-warning indicators',
  afac: 'Atrocity Framework',
  tip: 'Trafficking lens',
};

/** The boundary disclaimer every map and brief carries. */
export const BOUNDARY_DISCLAIMER = 'Boundaries and names shown do not imply official endorsement or acceptance.';

/** The credit UCDP's licence asks for. */
export const UCDP_CREDIT =
  'Event data: UCDP Georeferenced Event Dataset (UCDP GED), Uppsala Conflict Data Program, CC BY 4.0';

const DATA_SET_TEXT: Record<DataSetKind, { name: string; licence: string }> = {
  historical: {
    name: 'Documented 2014–2017 cases from UN and UN University reports (historical illustration)',
    licence: 'each observation cites its source document',
  },
  ucdp: { name: 'UCDP GED conflict events', licence: 'CC BY 4.0' },
  import: { name: 'Partner data imports', licence: 'as agreed with each partner' },
  analyst: { name: 'Analyst assessments entered in Vigil', licence: 'each observation cites its source' },
};

const count = (n: number) => `${n} observation${n === 1 ? '' : 's'}`;

/**
 * Builds the metadata of an export of `view`: the data sets are those with current observations
 * in the months that can still inform `view.period` (back as far as the longest indicator
 * persistence), with their observation counts (pieces of evidence, not people: never suppressed).
 */
export function exportMetadata(db: Db, view: ExportView, opts: { now?: Date; version?: string } = {}): ExportMetadata {
  const catalogueVersion = currentCatalogueVersion(db) ?? null;
  const from = addMonths(view.period, -Math.max(0, longestPersistence(db)));
  const dataSets: ExportDataSet[] = dataSetsUsed(db, { from, to: view.period }).map((d) => ({
    id: d.kind,
    ...DATA_SET_TEXT[d.kind],
    observations: d.observations,
    first: d.first,
    last: d.last,
  }));
  const boundaries = getActiveBoundaries(db, view.level);
  const attribution = [boundaries?.attribution.replace(/^Boundaries:\s*/i, '') ?? 'Made with Natural Earth'];
  if (dataSets.some((d) => d.id === 'ucdp')) attribution.push(UCDP_CREDIT);
  const lensLabel = LENS_TITLES[view.lens];
  const periodLabel = longPeriod(view.period);
  const levelLabel = view.level === 0 ? 'Countries' : 'First-level regions';
  const scenarioLabel =
    view.scenario === 'baseline'
      ? 'Baseline weights'
      : `${getScenario(view.scenario)?.label ?? view.scenario} weights (scenario)`;
  const sets = dataSets.map((d) => `${d.name}, ${count(d.observations)}`);
  const sourceLine = `Sources: ${sets.length ? sets.join('; ') : 'no observations in this period'}. Indicator catalogue ${catalogueVersion ?? 'not loaded'}; scores by Vigil's risk model.`;
  return {
    ...view,
    title: `Risk of trafficking in persons in conflict · ${periodLabel}`,
    subtitle: `${lensLabel} · ${levelLabel} · ${scenarioLabel} · score 0–10`,
    lensLabel,
    periodLabel,
    levelLabel,
    scenarioLabel,
    catalogueVersion,
    dataSets,
    sourceLine,
    attribution,
    disclaimer: BOUNDARY_DISCLAIMER,
    notice: dataSets.some((d) => d.id === 'historical')
      ? 'Historical illustration from documented 2014–2017 cases: not a current assessment.'
      : null,
    generatedAt: (opts.now ?? new Date()).toISOString(),
    generator: `Vigil${opts.version ? ` ${opts.version}` : ''}`,
  };
}
