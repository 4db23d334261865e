import type { AsyncDb } from '../../../db/async.ts';
import type { Db } from '../../../db/client.ts';
import { catalogueAsync, listIndicatorGroups } from '../../../db/queries/catalogue.ts';
import { getRegion, regionsAsync, type RegionRow } from '../../../db/queries/regions.ts';
import { scoredPeriods, scoresAsync } from '../../../db/queries/scores.ts';
import { addMonths, monthsBetween, NO_DATA, periodRange } from '../../../indicators/index.ts';
import type { IndicatorGroup, Lens, Period } from '../../../indicators/index.ts';
import { ApiError, badRequest, notFound } from '../../errors.ts';
import { exportMetadata, exportMetadataAsync, type ExportMetadata } from '../export/metadata.ts';
import { explain, explainAsync } from '../scores/explain.ts';
import { isStored, liveRegionSeries, regionSeries, requireScenario, type ScoreRecord } from '../scores/live-scores.ts';
import { modelInputs, modelInputsOfFamilyAsync } from '../scores/model-inputs.ts';
import { toWire } from '../scores/score-wire.ts';
import { readAreaGeometry } from './area-geometry.ts';
import {
  MAX_AREA_REGIONS,
  regionShapes,
  regionShapesAsync,
  regionsAsArea,
  regionsInArea,
  type AreaMember,
  type RegionShapes,
} from './area-regions.ts';
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

/**
 * The level of the area `q` asks for, its list of regions checked (`rows`: the rows of `q.regions`
 * read so far, unknown codes left out): 400 naming the field for both or neither of geometry and
 * regions, an unknown code, mixed levels or a code named twice. Pure.
 */
function areaLevel(q: AreaProfileQuery, rows: readonly (RegionRow | undefined)[]): number {
  if ((q.geometry === undefined) === (q.regions === undefined))
    throw badRequest([
      {
        field: q.geometry === undefined ? 'geometry' : 'regions',
        message: 'give either geometry or regions, not both',
      },
    ]);
  if (!q.regions) return q.level ?? 1;
  const errors = q.regions.flatMap((code, i) =>
    rows[i] ? [] : [{ field: `regions.${i}`, message: `is not a known region code (${code})` }],
  );
  if (errors.length) throw badRequest(errors);
  const levels = [...new Set(rows.map((r) => r!.level))];
  if (levels.length > 1)
    throw badRequest([
      { field: 'regions', message: `mixes levels ${levels.sort().join(' and ')}; an area is regions of one level` },
    ]);
  if (new Set(q.regions).size !== q.regions.length)
    throw badRequest([{ field: 'regions', message: 'names a region more than once' }]);
  return levels[0]!;
}

/** The members of the area of `level` and what it is, from the level's shapes. Pure. */
function resolveArea(q: AreaProfileQuery, level: number, byCode: RegionShapes) {
  if (q.regions) {
    const { members, coveredKm2, withoutBoundary } = regionsAsArea(byCode, q.regions);
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
  const { members, outsideShare } = regionsInArea(byCode, reading.shape);
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

/** The month range: `to` (default the latest scored month) and `from` (default {@link AREA_DEFAULT_MONTHS} back). Pure. */
function resolveRange(q: AreaProfileQuery, latest: Period | undefined) {
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
  const level = areaLevel(
    q,
    (q.regions ?? []).map((code) => getRegion(db, code)),
  );
  const area = resolveArea(q, level, regionShapes(db, level));
  const { from, to } = resolveRange(q, scoredPeriods(db).at(-1));
  const inputs = modelInputs(db);
  const members = area.members.map((m) => {
    const region = getRegion(db, m.code)!;
    return {
      region,
      parent: region.parent ? getRegion(db, region.parent) : undefined,
      scored: regionSeries(db, inputs, { region: region.code, lens: q.lens, scenario: q.scenario, from, to }),
      explanation: explain(db, inputs, { region, period: to, lens: q.lens, scenario: q.scenario, method: 'v2', lang }),
    };
  });
  const metadata = exportMetadata(
    db,
    { period: to, lens: q.lens, level: area.level, scenario: q.scenario },
    { version, lang },
  );
  return profileOf(q, lang, { area, range: { from, to }, members, groups: listIndicatorGroups(db), metadata });
}

/**
 * {@link areaProfile} awaited, on either engine: the same profile built by the same code from the
 * regions, the level's active boundaries, each member's series (stored, or for a scenario from its
 * family's observations) and explanation ({@link explainAsync}), the catalogue's groups and the
 * export metadata, read through `a`.
 */
export async function areaProfileAsync(a: AsyncDb, version: string, q: AreaProfileQuery): Promise<AreaProfile> {
  requireScenario(q.scenario);
  const lang = q.lang ?? 'en';
  const listed = new Map((await regionsAsync.byCodes(a, q.regions ?? [])).map((r) => [r.code, r]));
  const level = areaLevel(
    q,
    (q.regions ?? []).map((code) => listed.get(code)),
  );
  const area = resolveArea(q, level, await regionShapesAsync(a, level));
  const { from, to } = resolveRange(q, (await scoresAsync.periods(a)).at(-1));
  const rows = new Map(
    (
      await regionsAsync.byCodes(
        a,
        area.members.map((m) => m.code),
      )
    ).map((r) => [r.code, r]),
  );
  const parents = new Map(
    (await regionsAsync.byCodes(a, [...new Set([...rows.values()].flatMap((r) => (r.parent ? [r.parent] : [])))])).map(
      (r) => [r.code, r],
    ),
  );
  const members = [];
  for (const m of area.members) {
    const region = rows.get(m.code)!;
    const series = { region: region.code, lens: q.lens, scenario: q.scenario, from, to };
    const inputs = isStored(q) ? null : await modelInputsOfFamilyAsync(a, region.code);
    members.push({
      region,
      parent: region.parent ? parents.get(region.parent) : undefined,
      scored: inputs ? liveRegionSeries(inputs, series) : await scoresAsync.series(a, series),
      explanation: await explainAsync(a, {
        region,
        period: to,
        lens: q.lens,
        scenario: q.scenario,
        method: 'v2',
        lang,
      }),
    });
  }
  const [groups, metadata] = await Promise.all([
    catalogueAsync.groups(a),
    exportMetadataAsync(a, { period: to, lens: q.lens, level: area.level, scenario: q.scenario }, { version, lang }),
  ]);
  return profileOf(q, lang, { area, range: { from, to }, members, groups, metadata });
}

/** The profile from what was read. Pure. */
function profileOf(
  q: AreaProfileQuery,
  lang: Lang,
  read: {
    area: ReturnType<typeof resolveArea>;
    range: { from: Period; to: Period };
    members: {
      region: RegionRow;
      parent: RegionRow | undefined;
      scored: readonly ScoreRecord[];
      explanation: ReturnType<typeof explain>;
    }[];
    groups: readonly IndicatorGroup[];
    metadata: ExportMetadata;
  },
) {
  const { area } = read;
  const { from, to } = read.range;
  const months = periodRange(from, to);
  const groupLabels = new Map(read.groups.map((g) => [g.id, label(lang, 'groups', g.id, g.label)]));
  const evidence: MemberEvidence[] = [];
  const regions = area.members.map((m: AreaMember, i) => {
    const { region, parent, explanation } = read.members[i]!;
    const scored = new Map(read.members[i]!.scored.map((r) => [r.period, toWire(r, q.lens)]));
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
  const { metadata } = read;
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
export type AreaProfile = ReturnType<typeof profileOf>;
