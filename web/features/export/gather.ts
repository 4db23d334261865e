import type { QueryClient } from '@tanstack/react-query';
import type { Map as MlMap } from 'maplibre-gl';
import type { Lens } from '../../../indicators/index.ts';
import { fmtChange, fmtScore } from '../../lib/format.ts';
import type { Level } from '../../lib/view-state.ts';
import { boundaryQueries } from '../../queries/boundaries.ts';
import { exportQueries, type ExportMetadata } from '../../queries/exports.ts';
import { regionQueries } from '../../queries/regions.ts';
import { scoreQueries } from '../../queries/scores.ts';
import { compareScores, largestChanges } from '../compare/change.ts';
import { reasonLine, topHotspots } from '../hotspots/hotspots.ts';
import { mapMark } from '../../charts/evidence-marks.ts';
import { labelPoint } from '../map/geo.ts';
import { nameCandidates, REGION_NAME_ZOOM } from '../map/place-names.ts';
import { exportLayout, type ExportText } from './layout.ts';
import type { ExportLegend } from './legends.ts';
import { fitProjection, type RegionFeature } from './map-svg.ts';
import type { ExportName } from './names.ts';
import { changeLegend, classLegend } from './legends.ts';
import { EXPORT_SIZE, viewBounds, type MapExport } from './map-export.ts';
import { fmtMonth, numberRange } from './text.ts';
import { currentLanguage, t } from '../../i18n/messages.ts';
import { direction } from '../../i18n/languages.ts';

/** A class map to export: the dashboard's map view. */
export interface ClassView {
  period: string;
  lens: Lens;
  level: Level;
  scenario: string;
}

/** A change map to export: two months, or a weighting scenario against the baseline in one month. */
export interface ChangeView {
  mode: 'periods' | 'scenario';
  from: string;
  to: string;
  lens: Lens;
  level: Level;
  /** The scenario compared with the baseline (mode `scenario`). */
  scenario: string;
  scenarioLabel?: string;
}

/** Regions listed beside an exported map and labelled on it. */
const LISTED = 5;

/**
 * Places the export may name, inside its frame (`inFrame`): the countries, and the first-level
 * regions too when the map shows them zoomed in as far as the dashboard's map names them (`zoom`).
 */
function exportNames(
  countries: readonly RegionFeature[],
  regions: readonly RegionFeature[] | null,
  inFrame: (at: [number, number]) => boolean,
  zoom: number | null,
): ExportName[] {
  const named = (features: readonly RegionFeature[], level: Level) =>
    nameCandidates({ type: 'FeatureCollection', features: [...features] })
      .filter((c) => inFrame(c.at))
      .map((c) => ({ ...c, level }));
  return [...named(countries, 0), ...(regions && zoom !== null && zoom >= REGION_NAME_ZOOM ? named(regions, 1) : [])];
}

async function geometry(qc: QueryClient, level: Level, live: MlMap | null) {
  const [features, borders, regions] = await Promise.all([
    qc.fetchQuery(boundaryQueries.level(level)),
    level === 1 ? qc.fetchQuery(boundaryQueries.level(0)) : Promise.resolve(null),
    qc.fetchQuery(regionQueries.all()),
  ]);
  const names = new Map(regions.map((r) => [r.code, r.name]));
  const parent = new Map(regions.map((r) => [r.code, r.parent ?? null]));
  const byCode = new Map(features.features.map((f) => [f.properties.code, f]));
  const label = (code: string, text: string) => {
    const f = byCode.get(code);
    const at = f ? labelPoint(f) : null;
    return at ? [{ code, text, at }] : [];
  };
  /** A region's name, with its country's code for a first-level region. */
  const full = (code: string, name: string) =>
    level === 1 && parent.get(code) ? `${name} (${parent.get(code)})` : name;
  const bounds = viewBounds(live);
  /**
   * What the export's map frame shows, once its words are known (they set the frame's size): whether
   * a region's label point falls inside it, as the SVG fits `bounds` into the frame (the PNG fits them
   * the same way), and the places to name there.
   */
  const framed = (text: ExportText, legend: ExportLegend) => {
    const { frame } = exportLayout(text, { ...legend, hotspots: true }, EXPORT_SIZE);
    const projection = fitProjection(frame, bounds, features.features);
    const inFrame = (at: [number, number]) => {
      const p = projection(at);
      return (
        p !== null &&
        p[0] >= frame.x &&
        p[0] <= frame.x + frame.width &&
        p[1] >= frame.y &&
        p[1] <= frame.y + frame.height
      );
    };
    const inView = (code: string) => {
      const f = byCode.get(code);
      const at = f ? labelPoint(f) : null;
      return at !== null && inFrame(at);
    };
    const places = exportNames(
      level === 0 ? features.features : (borders?.features ?? []),
      level === 1 ? features.features : null,
      inFrame,
      live ? live.getZoom() : null,
    );
    return { inView, places };
  };
  return { features: features.features, borders: borders?.features ?? [], names, label, full, bounds, framed };
}

function words(m: ExportMetadata) {
  return {
    dir: direction(currentLanguage()),
    sources: m.sourceLine,
    attribution: m.attribution,
    disclaimer: m.disclaimer,
    notice: m.notice,
    generatedAt: m.generatedAt,
  };
}

/** Gathers a class map export of `v`: scores, geometry, the top hotspots with their reasons, metadata, and the live map's view. */
export async function gatherClassExport(qc: QueryClient, v: ClassView, live: MlMap | null): Promise<MapExport> {
  const [set, geo, meta] = await Promise.all([
    qc.fetchQuery(scoreQueries.map(v.period, v.lens, v.level, v.scenario)),
    geometry(qc, v.level, live),
    qc.fetchQuery(exportQueries.metadata({ period: v.period, lens: v.lens, level: v.level, scenario: v.scenario })),
  ]);
  const legend = classLegend();
  const { inView, places } = geo.framed({ ...words(meta), title: meta.title, subtitle: meta.subtitle }, legend);
  // Only hotspots inside the map frame are listed and labelled, numbered from 1 without gaps.
  const hot = topHotspots(
    set.rows.filter((r) => inView(r.region)),
    LISTED,
  );
  const partial = !sameRegions(hot, topHotspots(set.rows, LISTED));
  return {
    ...words(meta),
    title: meta.title,
    subtitle: meta.subtitle,
    features: geo.features,
    borders: geo.borders,
    scores: set.rows.map((r) => {
      const mark = mapMark(r);
      return { code: r.region, category: mark.category, score: r.score, pattern: mark.pattern };
    }),
    legend,
    hotspots: hot.map((h) => h.region),
    labels: hot.flatMap((h) => geo.label(h.region, `${h.rank}. ${h.name}`)),
    list: hot.length
      ? {
          title: partial ? t('export.highestInView') : t('export.highest'),
          items: hot.map((h) => ({
            label: `${h.rank}. ${geo.full(h.region, h.name)}`,
            value: fmtScore(h.score),
            detail: reasonLine(
              set.rows.find((r) => r.region === h.region)!,
              geo.names,
            ),
          })),
        }
      : null,
    names: places,
    bounds: geo.bounds,
  };
}

/** Whether two lists name the same regions in the same order. */
const sameRegions = (a: readonly { region: string }[], b: readonly { region: string }[]) =>
  a.length === b.length && a.every((x, i) => x.region === b[i]!.region);

/** Gathers a change map export of `v`: both score sets paired region by region on the diverging scale, the largest changes listed. */
export async function gatherChangeExport(qc: QueryClient, v: ChangeView, live: MlMap | null): Promise<MapExport> {
  const periods = v.mode === 'periods';
  const [before, after, geo, meta] = await Promise.all([
    qc.fetchQuery(scoreQueries.map(periods ? v.from : v.to, v.lens, v.level, 'baseline')),
    qc.fetchQuery(scoreQueries.map(v.to, v.lens, v.level, periods ? 'baseline' : v.scenario)),
    geometry(qc, v.level, live),
    qc.fetchQuery(
      exportQueries.metadata({
        period: v.to,
        lens: v.lens,
        level: v.level,
        scenario: periods ? 'baseline' : v.scenario,
      }),
    ),
  ]);
  const changes = compareScores(before.rows, after.rows);
  const what = `${meta.lensLabel} · ${meta.levelLabel}`;
  const title = periods
    ? t('export.changeTitle', { from: fmtMonth(v.from), to: fmtMonth(v.to) })
    : t('export.scenarioTitle', { scenario: v.scenarioLabel ?? v.scenario, period: fmtMonth(v.to) });
  const range = numberRange(0, 10);
  const subtitle = periods
    ? t('export.changeSubtitlePeriods', { what, range })
    : t('export.changeSubtitleScenario', { what, range });
  const legend = changeLegend();
  const { inView, places } = geo.framed({ ...words(meta), title, subtitle }, legend);
  // Only changes inside the map frame are listed and labelled.
  const top = largestChanges(
    changes.filter((c) => inView(c.region)),
    LISTED,
  );
  const partial = !sameRegions(top, largestChanges(changes, LISTED));
  return {
    ...words(meta),
    title,
    subtitle,
    features: geo.features,
    borders: geo.borders,
    scores: changes.map((c) => ({ code: c.region, category: c.bin, score: c.delta })),
    legend,
    hotspots: top.map((c) => c.region),
    labels: top.flatMap((c) => geo.label(c.region, c.name)),
    list: top.length
      ? {
          title: partial ? t('export.largestInView') : t('export.largest'),
          items: top.map((c) => ({
            label: geo.full(c.region, c.name),
            value: fmtChange(c.delta),
            detail: `${fmtScore(c.before)} → ${fmtScore(c.after)}`,
          })),
        }
      : null,
    names: places,
    bounds: geo.bounds,
  };
}
