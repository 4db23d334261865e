import type { Db } from '../../../db/client.ts';
import { listIndicatorGroups } from '../../../db/queries/catalogue.ts';
import { getRegion, type RegionRow } from '../../../db/queries/regions.ts';
import { scoredPeriods } from '../../../db/queries/scores.ts';
import { addMonths, monthsBetween, NO_DATA, periodRange } from '../../../indicators/index.ts';
import type { Lens, Period } from '../../../indicators/index.ts';
import { ApiError, badRequest, notFound } from '../../errors.ts';
import { exportMetadata } from '../export/metadata.ts';
import { explain } from '../scores/explain.ts';
import { regionSeries, requireScenario } from '../scores/live-scores.ts';
import { modelInputs } from '../scores/model-inputs.ts';
import { toWire } from '../scores/score-wire.ts';
import { readAreaGeometry } from './area-geometry.ts';
import { MAX_AREA_REGIONS, regionsAsArea, regionsInArea, type AreaMember } from './area-regions.ts';
import { combineAreaEvidence, type MemberEvidence } from './area-evidence.ts';
import { label, monthName, msg, type Lang } from '../../i18n.ts';

/** Months a profile covers at most (its classes are listed month by month). */
export const MAX_AREA_MONTHS = 60;

/** Months a profile covers when no `from` is given. */
export const AREA_DEFAULT_MONTHS = 12;

/** What `POST /api/areas/profile` is asked for (validated by the route's schema, checked further here). */
export interface AreaProfileQuery {
  /** A GeoJSON Polygon, MultiPolygon, Feature or FeatureCollection in WGS 84 longitude/latitude. */
  geometry?: unknown;
  /** Region codes of one level, instead of a geometry. */
  regions?: string[];
  /** The level whose regions a geometry is cut into (default 1). */
  level?: number;
  from?: Period;
  to?: Period;
  lens: Lens;
  scenario: string;
  /** The area's name, for the brief's title. */
  name?: string;
  /** The language of the profile's texts and labels (English by default); ids stay English. */
  lang?: Lang;
}

/** The members of the area and what it is: a drawn or uploaded polygon, or a list of regions. */
function resolveArea(db: Db, q: AreaProfileQuery) {
  if ((q.geometry === undefined) === (q.regions === undefined))
    throw badRequest([
      {
        field: q.geometry === undefined ? 'geometry' : 'regions',
        message: 'give either geometry or regions, not both',
      },
    ]);
  if (q.regions) {
    const rows: RegionRow[] = [];
    const errors = q.regions.flatMap((code, i) => {
      const r = getRegion(db, code);
      if (r) rows.push(r);
      return r ? [] : [{ field: `regions.${i}`, message: `is not a known region code (${code})` }];
    });
    if (errors.length) throw badRequest(errors);
    const levels = [...new Set(rows.map((r) => r.level))];
    if (levels.length > 1)
      throw badRequest([
        { field: 'regions', message: `mixes levels ${levels.sort().join(' and ')}; an area is regions of one level` },
      ]);
    if (new Set(q.regions).size !== q.regions.length)
      throw badRequest([{ field: 'regions', message: 'names a region more than once' }]);
    const level = levels[0]!;
    const { members, coveredKm2, withoutBoundary } = regionsAsArea(db, q.regions, level);
    return {
      kind: 'regions' as const,
      level,
      members,
      areaKm2: coveredKm2,
      outsideShare: 0,
      vertices: 0,
      repaired: null,
      withoutBoundary,
    };
  }
  const reading = readAreaGeometry(q.geometry);
  if (!reading.ok) throw badRequest(reading.errors, 'Invalid area');
  const level = q.level ?? 1;
  const { members, outsideShare } = regionsInArea(db, reading.shape, level);
  if (!members.length)
    throw new ApiError(422, 'empty_area', `The area covers no region of level ${level}`, [
      {
        field: 'geometry',
        message: `covers no region of level ${level} (is it at sea, or are longitude and latitude swapped?)`,
      },
    ]);
  if (members.length > MAX_AREA_REGIONS)
    throw badRequest([
      {
        field: 'geometry',
        message: `covers ${members.length} regions of level ${level}; at most ${MAX_AREA_REGIONS} (draw a smaller area or choose a coarser level)`,
      },
    ]);
  return {
    kind: 'polygon' as const,
    level,
    members,
    areaKm2: reading.shape.areaKm2,
    outsideShare,
    vertices: reading.shape.vertices,
    repaired: reading.shape.repaired,
    withoutBoundary: [] as string[],
  };
}

/** The month range: `to` (default the latest scored month) and `from` (default {@link AREA_DEFAULT_MONTHS} back). */
function resolveRange(db: Db, q: AreaProfileQuery) {
  const latest = scoredPeriods(db).at(-1);
  if (!latest) throw notFound('Scores');
  const to = q.to ?? (q.from && q.from > latest ? q.from : latest);
  const from = q.from ?? addMonths(to, -(AREA_DEFAULT_MONTHS - 1));
  if (from > to) throw badRequest([{ field: 'from', message: 'must not be after to' }]);
  if (monthsBetween(from, to) >= MAX_AREA_MONTHS)
    throw badRequest([{ field: 'from', message: `gives more than ${MAX_AREA_MONTHS} months; shorten the range` }]);
  return { from, to };
}

const round = (x: number, d = 3) => Math.round(x * 10 ** d) / 10 ** d;

/**
 * The profile of an area of interest (issue 17, item 5): the regions inside with their area shares,
 * each one's class month by month over the range, and over the area as a whole at the range's end
 * the exploitation-form profile (each region's form shares weighted by its area share), the
 * drivers with their sources, coverage, data gaps and the monitoring gaps to close at deployment
 * (see `combineAreaEvidence`). Explanations are the public ones: small counts of people come out
 * as their band (`<5`), never as recorded. Throws 400/422 naming the field for a bad area or
 * range, 404 when nothing is scored.
 */
export function areaProfile(db: Db, version: string, q: AreaProfileQuery) {
  requireScenario(q.scenario);
  const lang = q.lang ?? 'en';
  const area = resolveArea(db, q);
  const { from, to } = resolveRange(db, q);
  const inputs = modelInputs(db);
  const months = periodRange(from, to);
  const groupLabels = new Map(listIndicatorGroups(db).map((g) => [g.id, label(lang, 'groups', g.id, g.label)]));
  const evidence: MemberEvidence[] = [];
  const regions = area.members.map((m: AreaMember) => {
    const region = getRegion(db, m.code)!;
    const parent = region.parent ? getRegion(db, region.parent) : undefined;
    const scored = new Map(
      regionSeries(db, inputs, { region: region.code, lens: q.lens, scenario: q.scenario, from, to }).map((r) => [
        r.period,
        toWire(r, q.lens),
      ]),
    );
    const explanation = explain(db, inputs, {
      region,
      period: to,
      lens: q.lens,
      scenario: q.scenario,
      method: 'v2',
      lang,
    });
    evidence.push({ code: region.code, name: region.name, share: m.share, explanation });
    return {
      code: region.code,
      name: region.name,
      level: region.level,
      parent: parent ? { code: parent.code, name: parent.name } : null,
      retiredAt: region.retiredAt,
      areaKm2: m.areaKm2,
      share: round(m.share, 4),
      regionShare: round(m.regionShare, 4),
      latest: {
        score: explanation.score,
        class: explanation.class,
        coverage: explanation.coverage,
        confidence: explanation.confidence,
        basis: explanation.basis,
        conditionsOnly: explanation.conditionsOnly,
        sources: explanation.evidence.sources,
      },
      classes: months.map((p) => ({
        period: p,
        class: scored.get(p)?.class ?? NO_DATA,
        score: scored.get(p)?.score ?? null,
      })),
    };
  });
  const byMonth = months.map((p) => {
    const shares: Record<string, number> = {};
    regions.forEach((r, i) => {
      const cls = r.classes.find((c) => c.period === p)!.class;
      shares[cls] = (shares[cls] ?? 0) + area.members[i]!.share;
    });
    return { period: p, shares: Object.fromEntries(Object.entries(shares).map(([k, v]) => [k, round(v)])) };
  });
  const combined = combineAreaEvidence(evidence, groupLabels, q.lens, lang);
  const metadata = exportMetadata(
    db,
    { period: to, lens: q.lens, level: area.level, scenario: q.scenario },
    { version, lang },
  );
  const name =
    q.name?.trim() || (area.kind === 'regions' ? regions.map((r) => r.name).join(', ') : msg(lang, 'area.drawnArea'));
  return {
    area: {
      name,
      kind: area.kind,
      level: area.level,
      from,
      to,
      lens: q.lens,
      scenario: q.scenario,
      areaKm2: Math.round(area.areaKm2),
      outsideShare: round(area.outsideShare),
      vertices: area.vertices,
      repaired: area.repaired,
      withoutBoundary: area.withoutBoundary,
    },
    regions,
    classesByMonth: byMonth,
    ...combined,
    metadata: {
      ...metadata,
      title: msg(lang, 'area.title', { name, from: monthName(lang, from), to: monthName(lang, to) }),
    },
  };
}

/** The profile as `POST /api/areas/profile` returns it. */
export type AreaProfile = ReturnType<typeof areaProfile>;
