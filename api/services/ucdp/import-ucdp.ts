import type { Topology } from 'topojson-specification';
import {
  deriveUcdpObservations,
  UCDP_MAX_WHERE_PREC,
  UCDP_PRECISE_WHERE_PREC,
  UCDP_RULES,
  type UcdpCell,
} from '../../../indicators/mapping/ucdp-rules.ts';
import type { Db } from '../../../db/client.ts';
import { getActiveBoundaries } from '../../../db/queries/regions.ts';
import { ApiError } from '../../errors.ts';
import type { Actor } from '../auth/actor.ts';
import { loadWriteContext } from '../observations/checks.ts';
import {
  countsForReport,
  planBatch,
  toBatchRow,
  writeBatch,
  type BatchCounts,
  type BatchRow,
  type CurrentVersion,
} from '../observations/batch.ts';
import { validateObservation } from '../observations/write-path.ts';
import type { ImportOptions, ImportReport } from '../imports/report.ts';
import type { OpenedCsv } from '../imports/records.ts';
import { createRegionMatcher, type RegionMatcher } from '../imports/region-matcher.ts';
import type { RowRejection } from '../imports/rows.ts';
import { gedColumns, isStateActor, readGedEvent, stripAdminUnit, type GedEvent } from './events.ts';
import { createPointLocator, type PointLocator } from './locate.ts';

/** The attribution UCDP's licence (CC BY 4.0) requires, carried by every derived observation. */
export const UCDP_CITATION =
  'UCDP Georeferenced Event Dataset (GED), Uppsala Conflict Data Program, CC BY 4.0; Sundberg & Melander (2013), Journal of Peace Research 50(4)';
export const UCDP_URL = 'https://ucdp.uu.se/downloads/';

/** How one event was placed in a first-level region. */
export type Placement = { code: string; by: 'polygon' | 'admin-name' } | { code: null; by: 'imprecise' | 'unplaced' };

/** Places events: the polygon containing the point if it lies in the event's own country, else the event's `adm_1` name in that country. */
export function createEventPlacer(db: Db, matcher: RegionMatcher = createRegionMatcher(db), locator?: PointLocator) {
  const boundaries = getActiveBoundaries(db, 1);
  if (!boundaries) throw new ApiError(409, 'conflict', 'No first-level boundaries are loaded: events cannot be placed');
  const locate = locator ?? createPointLocator(JSON.parse(boundaries.topology) as Topology);
  return (e: Pick<GedEvent, 'lon' | 'lat' | 'iso3' | 'country' | 'adm1' | 'wherePrec'>): Placement => {
    if (e.wherePrec > UCDP_MAX_WHERE_PREC) return { code: null, by: 'imprecise' };
    const m = matcher.match(e.iso3 || e.country);
    const country = m.ok ? matcher.countryOf(m.code) : undefined;
    const hit = locate(e.lon, e.lat);
    if (hit && (!country || matcher.countryOf(hit) === country)) return { code: hit, by: 'polygon' };
    if (e.adm1 && country) {
      for (const name of [stripAdminUnit(e.adm1), e.adm1]) {
        const byName = matcher.match(name, country);
        if (byName.ok) return { code: byName.code, by: 'admin-name' };
      }
    }
    return { code: null, by: 'unplaced' };
  };
}

/**
 * Imports a UCDP GED CSV: reads events (streamed), places each in a first-level region, counts them
 * per region, month, type of violence and perpetrator, derives monthly indicator values with the
 * documented rules (indicators/mapping/ucdp-rules.ts), and writes those through the same write path
 * as any import: all or nothing, one batch, dry run available.
 */
export async function importUcdp(db: Db, actor: Actor, csv: OpenedCsv, opts: ImportOptions): Promise<ImportReport> {
  const col = gedColumns(csv.header);
  const matcher = createRegionMatcher(db);
  const place = createEventPlacer(db, matcher);
  const cells = new Map<string, UcdpCell>();
  const rejections: RowRejection[] = [];
  const unplacedNames = new Set<string>();
  const tally = { events: 0, byPolygon: 0, byAdminName: 0, imprecise: 0, unplaced: 0 };
  let rejectedCount = 0;
  for await (const rec of csv.records) {
    tally.events += 1;
    if (tally.events % 1000 === 0) opts.onProgress?.('read', tally.events);
    const r = readGedEvent(rec.row, rec.cells, col);
    if (!r.ok) {
      rejectedCount += 1;
      if (rejections.length < 1000) rejections.push(...r.rejections);
      continue;
    }
    const e = r.event;
    const p = place(e);
    if (p.code === null) {
      tally[p.by] += 1;
      if (p.by === 'unplaced' && unplacedNames.size < 500)
        unplacedNames.add(e.adm1 ? `${e.adm1} (${e.iso3 || e.country})` : `${e.lat},${e.lon} (${e.iso3 || e.country})`);
      continue;
    }
    if (p.by === 'polygon') tally.byPolygon += 1;
    else tally.byAdminName += 1;
    const stateActor = isStateActor(e.sideA);
    const key = `${p.code}|${e.period}|${e.type}|${stateActor}`;
    const c = cells.get(key) ?? {
      region: p.code,
      period: e.period,
      type: e.type,
      stateActor,
      events: 0,
      deaths: 0,
      preciseEvents: 0,
    };
    c.events += 1;
    c.deaths += e.best;
    if (e.wherePrec <= UCDP_PRECISE_WHERE_PREC) c.preciseEvents += 1;
    cells.set(key, c);
  }
  opts.onProgress?.('read', tally.events);

  const now = opts.now ?? new Date();
  const ctx = loadWriteContext(db, now);
  const rows: BatchRow[] = [];
  for (const d of deriveUcdpObservations([...cells.values()])) {
    const v = validateObservation(
      {
        region: d.region,
        indicator: d.indicator,
        period: d.period,
        value: d.value,
        confidence: d.confidence,
        source: {
          citation: UCDP_CITATION,
          url: UCDP_URL,
          locator: `${d.events} events, ${d.deaths} deaths (best estimate); Vigil rule ${d.rule}`,
        },
      },
      ctx,
    );
    if (v.ok) rows.push(toBatchRow(0, v.input));
    else {
      rejectedCount += 1;
      rejections.push(
        ...v.errors.map((e) => ({
          row: 0,
          column: e.field,
          reason: `derived ${d.indicator} for ${d.region} in ${d.period}: ${e.message}`,
        })),
      );
    }
  }

  const rejected = rejectedCount > 0;
  const base = {
    fileName: opts.fileName,
    format: 'ucdp-ged' as const,
    dryRun: opts.dryRun,
    rowsRead: tally.events,
    rowsOk: tally.events - rejectedCount,
    rowsRejectedCount: rejectedCount,
    rowsRejected: rejections.slice(0, 1000),
    unmatchedRegions: [...unplacedNames].sort(),
    columns: {},
    warnings: [
      ...(tally.imprecise
        ? [
            `${tally.imprecise} events located less precisely than admin-1 (where_prec > ${UCDP_MAX_WHERE_PREC}) were left out.`,
          ]
        : []),
      ...(tally.unplaced
        ? [`${tally.unplaced} events matched no region by point or by admin-1 name and were left out.`]
        : []),
    ],
    ucdp: {
      ...tally,
      derivedObservations: rows.length,
      rules: UCDP_RULES.map((r) => `${r.id} → ${r.indicator}`),
      attribution: 'Event data: UCDP Georeferenced Event Dataset (Uppsala Conflict Data Program), CC BY 4.0.',
    },
  };
  const toReport = (c: BatchCounts, status: ImportReport['status'], batchId: number | null): ImportReport => ({
    ...base,
    status,
    batchId,
    ...countsForReport(c),
    ucdp: { ...base.ucdp, keptOtherSources: c.kept },
  });
  // Derived event data replace earlier UCDP-derived values, never an observation from another source.
  const keep = (cur: CurrentVersion) => cur.sourceCitation !== UCDP_CITATION;
  opts.onProgress?.('write', 0, rows.length);
  if (opts.dryRun || rejected)
    return toReport(planBatch(db, rows, { keep }), opts.dryRun ? 'dry-run' : 'rejected', null);
  let report: ImportReport | undefined;
  const done = writeBatch(db, actor, { fileName: opts.fileName, format: 'ucdp-ged' }, () => rows, {
    now,
    keep,
    onCommitted: (c) => opts.onProgress?.('rescore', c.regions.length, c.regions.length),
    report: (c, id) => (report = toReport(c, 'applied', id)),
  });
  return report ?? toReport(done, 'applied', done.batchId);
}
