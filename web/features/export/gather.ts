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
import { changeLegend, classLegend } from './legends.ts';
import { viewBounds, type MapExport } from './map-export.ts';
import { fmtMonth } from './text.ts';

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

async function geometry(qc: QueryClient, level: Level) {
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
  return { features: features.features, borders: borders?.features ?? [], names, label, full };
}

function words(m: ExportMetadata) {
  return {
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
    geometry(qc, v.level),
    qc.fetchQuery(exportQueries.metadata({ period: v.period, lens: v.lens, level: v.level, scenario: v.scenario })),
  ]);
  const hot = topHotspots(set.rows, LISTED);
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
    legend: classLegend(),
    hotspots: hot.map((h) => h.region),
    labels: hot.flatMap((h) => geo.label(h.region, `${h.rank}. ${h.name}`)),
    list: hot.length
      ? {
          title: 'Highest scores',
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
    bounds: viewBounds(live),
  };
}

/** Gathers a change map export of `v`: both score sets paired region by region on the diverging scale, the largest changes listed. */
export async function gatherChangeExport(qc: QueryClient, v: ChangeView, live: MlMap | null): Promise<MapExport> {
  const periods = v.mode === 'periods';
  const [before, after, geo, meta] = await Promise.all([
    qc.fetchQuery(scoreQueries.map(periods ? v.from : v.to, v.lens, v.level, 'baseline')),
    qc.fetchQuery(scoreQueries.map(v.to, v.lens, v.level, periods ? 'baseline' : v.scenario)),
    geometry(qc, v.level),
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
  const top = largestChanges(changes, LISTED);
  const what = `${meta.lensLabel} · ${meta.levelLabel}`;
  return {
    ...words(meta),
    title: periods
      ? `Change in risk score, ${fmtMonth(v.from)} to ${fmtMonth(v.to)}`
      : `${v.scenarioLabel ?? v.scenario} weights compared with the baseline · ${fmtMonth(v.to)}`,
    subtitle: periods
      ? `${what} · Baseline weights · change in points on the 0–10 score`
      : `${what} · change in points on the 0–10 score`,
    features: geo.features,
    borders: geo.borders,
    scores: changes.map((c) => ({ code: c.region, category: c.bin, score: c.delta })),
    legend: changeLegend(),
    hotspots: top.map((c) => c.region),
    labels: top.flatMap((c) => geo.label(c.region, c.name)),
    list: top.length
      ? {
          title: 'Largest changes',
          items: top.map((c) => ({
            label: geo.full(c.region, c.name),
            value: fmtChange(c.delta),
            detail: `${fmtScore(c.before)} → ${fmtScore(c.after)}`,
          })),
        }
      : null,
    bounds: viewBounds(live),
  };
}
