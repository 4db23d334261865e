import type { QueryClient } from '@tanstack/react-query';
import type { Map as MlMap } from 'maplibre-gl';
import type { Lens } from '../../../indicators/index.ts';
import { fmtChange, fmtScore } from '../../lib/format.ts';
import type { Level } from '../../lib/view-state.ts';
import { boundaryQueries, tilesMonth } from '../../queries/boundaries.ts';
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
import { districtCredits, overlayDistricts } from './districts.ts';
import { fmtMonth, numberRange } from './text.ts';
import { currentLanguage, t } from '../../i18n/messages.ts';
import { direction } from '../../i18n/languages.ts';

/** A class map to export: the dashboard's map view. */
export interface ClassView {
  period: string;
  lens: Lens;
  /** 2: districts, drawn over the first-level regions as the map draws them. */
  level: Level | 2;
  scenario: string;
}

/** A change map to export: two months, or a weighting scenario against the baseline in one month. */
export interface ChangeView {
  mode: 'periods' | 'scenario';
  from: string;
  to: string;
  lens: Lens;
  /** 2: districts, drawn over the first-level regions as the map draws them. */
  level: Level | 2;
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

/**
 * The shapes of an export of `level` in `month`: at level 2 the first-level regions with the
 * districts of the sets in force that month over them (as the map asks the districts' tiles for),
 * country borders over first-level regions.
 */
async function geometry(qc: QueryClient, level: Level | 2, month: string, live: MlMap | null) {
  // The sets' list needs an account: without it, the month itself (the server picks the sets in force).
  const sets = level === 2 ? await qc.fetchQuery(boundaryQueries.sets()).catch(() => null) : null;
  const [shown, districts, borders, regions] = await Promise.all([
    qc.fetchQuery(boundaryQueries.level(level === 2 ? 1 : level)),
    level === 2 ? qc.fetchQuery(boundaryQueries.level(2, sets ? tilesMonth(sets, 2, month) : month)) : null,
    level !== 0 ? qc.fetchQuery(boundaryQueries.level(0)) : Promise.resolve(null),
    qc.fetchQuery(regionQueries.all()),
  ]);
  const all = districts ? { features: [...shown.features, ...districts.features] } : shown;
  const names = new Map(regions.map((r) => [r.code, r.name]));
  const parent = new Map(regions.map((r) => [r.code, r.parent ?? null]));
  const levelOf = new Map(regions.map((r) => [r.code, r.level]));
  const byCode = new Map(all.features.map((f) => [f.properties.code, f]));
  const label = (code: string, text: string) => {
    const f = byCode.get(code);
    const at = f ? labelPoint(f) : null;
    return at ? [{ code, text, at }] : [];
  };
  /** A region's name, with its country's code for a first-level region, its region's name for a district. */
  const full = (code: string, name: string) => {
    const up = parent.get(code);
    if (!up || level === 0) return name;
    return level === 2 && levelOf.get(code) === 2 ? `${name} (${names.get(up) ?? up})` : `${name} (${up})`;
  };
  const bounds = viewBounds(live);
  /**
   * What the export's map frame shows, once its words are known (they set the frame's size): whether
   * a region's label point falls inside it, as the SVG fits `bounds` into the frame (the PNG fits them
   * the same way), and the places to name there.
   */
  const framed = (text: ExportText, legend: ExportLegend) => {
    const { frame } = exportLayout(text, { ...legend, hotspots: true }, EXPORT_SIZE);
    const projection = fitProjection(frame, bounds, all.features);
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
      level === 0 ? shown.features : (borders?.features ?? []),
      level !== 0 ? shown.features : null,
      inFrame,
      live ? live.getZoom() : null,
    );
    return { inView, places };
  };
  return {
    regions: shown.features,
    districts: districts?.features ?? [],
    features: all.features,
    borders: borders?.features ?? [],
    names,
    label,
    full,
    bounds,
    framed,
  };
}

function words(m: ExportMetadata, level: Level | 2) {
  return {
    dir: direction(currentLanguage()),
    sources: m.sourceLine,
    attribution: level === 2 ? districtCredits(m.attribution) : m.attribution,
    disclaimer: m.disclaimer,
    notice: m.notice,
    generatedAt: m.generatedAt,
  };
}

/** Gathers a class map export of `v`: scores, geometry, the top hotspots with their reasons, metadata, and the live map's view. */
export async function gatherClassExport(qc: QueryClient, v: ClassView, live: MlMap | null): Promise<MapExport> {
  const [set, regionSet, geo, meta] = await Promise.all([
    qc.fetchQuery(scoreQueries.map(v.period, v.lens, v.level, v.scenario)),
    // Districts are drawn over the first-level regions, coloured as the map colours them.
    v.level === 2 ? qc.fetchQuery(scoreQueries.map(v.period, v.lens, 1, v.scenario)) : null,
    geometry(qc, v.level, v.period, live),
    qc.fetchQuery(exportQueries.metadata({ period: v.period, lens: v.lens, level: v.level, scenario: v.scenario })),
  ]);
  const legend = classLegend();
  const { inView, places } = geo.framed(
    { ...words(meta, v.level), title: meta.title, subtitle: meta.subtitle },
    legend,
  );
  // Only hotspots inside the map frame are listed and labelled, numbered from 1 without gaps.
  const hot = topHotspots(
    set.rows.filter((r) => inView(r.region)),
    LISTED,
  );
  const partial = !sameRegions(hot, topHotspots(set.rows, LISTED));
  const marks = (rows: typeof set.rows) =>
    rows.map((r) => {
      const mark = mapMark(r);
      return { code: r.region, category: mark.category, score: r.score, pattern: mark.pattern };
    });
  const layer = regionSet
    ? overlayDistricts(
        { features: geo.regions, scores: marks(regionSet.rows) },
        { features: geo.districts, scores: marks(set.rows) },
      )
    : { features: geo.features, scores: marks(set.rows) };
  return {
    ...words(meta, v.level),
    title: meta.title,
    subtitle: meta.subtitle,
    ...layer,
    borders: geo.borders,
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
  const pair = (level: Level | 2) =>
    Promise.all([
      qc.fetchQuery(scoreQueries.map(periods ? v.from : v.to, v.lens, level, 'baseline')),
      qc.fetchQuery(scoreQueries.map(v.to, v.lens, level, periods ? 'baseline' : v.scenario)),
    ]);
  const [[before, after], regionPair, geo, meta] = await Promise.all([
    pair(v.level),
    // Districts are drawn over the first-level regions, whose changes colour them as on the map.
    v.level === 2 ? pair(1) : null,
    geometry(qc, v.level, v.to, live),
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
  const { inView, places } = geo.framed({ ...words(meta, v.level), title, subtitle }, legend);
  // Only changes inside the map frame are listed and labelled.
  const top = largestChanges(
    changes.filter((c) => inView(c.region)),
    LISTED,
  );
  const partial = !sameRegions(top, largestChanges(changes, LISTED));
  const bins = (list: typeof changes) => list.map((c) => ({ code: c.region, category: c.bin, score: c.delta }));
  const layer = regionPair
    ? overlayDistricts(
        { features: geo.regions, scores: bins(compareScores(regionPair[0].rows, regionPair[1].rows)) },
        { features: geo.districts, scores: bins(changes) },
      )
    : { features: geo.features, scores: bins(changes) };
  return {
    ...words(meta, v.level),
    title,
    subtitle,
    ...layer,
    borders: geo.borders,
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
