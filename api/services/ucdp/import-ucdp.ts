import {
  deriveUcdpObservations,
  UCDP_CANDIDATE,
  UCDP_GED,
  UCDP_MAX_WHERE_PREC,
  UCDP_PRECISE_WHERE_PREC,
  UCDP_RULES,
  UCDP_SOURCE_KEY,
} from '../../../indicators/index.ts';
import type { UcdpCell, UcdpDataset } from '../../../indicators/index.ts';
import type { AsyncDb } from '../../../db/async.ts';
import type { Db } from '../../../db/client.ts';
import { activeBoundariesAsync, getActiveBoundaries } from '../../../db/queries/regions.ts';
import { combinedTopology } from '../boundaries/combine.ts';
import { ApiError, badRequest } from '../../errors.ts';
import type { Actor } from '../auth/actor.ts';
import { loadWriteContextAsync } from '../observations/checks.ts';
import { countsForReport } from '../observations/batch.ts';
import { checkDerived, planOrWriteFeed } from '../imports/derived.ts';
import type { SinkCounts } from '../imports/stage-sink.ts';
import type { ImportOptions, ImportReport } from '../imports/report.ts';
import type { OpenedCsv } from '../imports/records.ts';
import { regionMatcher, regionMatcherAsync, type RegionMatcher } from '../imports/region-matcher.ts';
import type { RowRejection } from '../imports/rows.ts';
import { gedColumns, isStateActor, readGedEvent, stripAdminUnit, type GedEvent } from './events.ts';
import { createPointLocator, type PointLocator } from './locate.ts';
import { planWithdrawal } from './supersede.ts';

/** The attribution UCDP's licence (CC BY 4.0) requires of GED data, carried by every derived observation. */
export const UCDP_CITATION = UCDP_GED.citation;

const UCDP_CITATIONS = new Set([UCDP_GED.citation, UCDP_CANDIDATE.citation]);

/** How one event was placed in a first-level region. */
export type Placement = { code: string; by: 'polygon' | 'admin-name' } | { code: null; by: 'imprecise' | 'unplaced' };

/** Places events: the polygon containing the point if it lies in the event's own country, else the event's `adm_1` name in that country. */
export function createEventPlacer(db: Db, matcher: RegionMatcher = regionMatcher(db), locator?: PointLocator) {
  return placerOf(
    getActiveBoundaries(db, 1).map((s) => s.topology),
    matcher,
    locator,
  );
}

/** {@link createEventPlacer} through the awaited interface (either engine). */
export async function createEventPlacerAsync(data: AsyncDb, matcher: RegionMatcher) {
  return placerOf(await activeBoundariesAsync.topologies(data, 1), matcher);
}

/** The placer of these first-level topologies (TopoJSON text). */
function placerOf(topologies: string[], matcher: RegionMatcher, locator?: PointLocator) {
  const boundaries = combinedTopology(topologies);
  if (!boundaries) throw new ApiError(409, 'conflict', 'No first-level boundaries are loaded: events cannot be placed');
  const locate = locator ?? createPointLocator(boundaries);
  // A file names few countries, each on many events: match each name once.
  const countries = new Map<string, string | undefined>();
  const countryOf = (name: string) => {
    if (countries.has(name)) return countries.get(name);
    const m = matcher.match(name);
    const code = m.ok ? matcher.countryOf(m.code) : undefined;
    countries.set(name, code);
    return code;
  };
  return (e: Pick<GedEvent, 'lon' | 'lat' | 'iso3' | 'country' | 'adm1' | 'wherePrec'>): Placement => {
    if (e.wherePrec > UCDP_MAX_WHERE_PREC) return { code: null, by: 'imprecise' };
    const country = countryOf(e.iso3 || e.country);
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
 * Imports UCDP events (GED or Candidate, CSV or the API's JSON): reads events (streamed), places each
 * in a first-level region, counts them per region, month, type of violence and perpetrator, derives
 * monthly indicator values with the documented rules (indicators/mapping/ucdp-rules.ts), and writes
 * those through the same write path as any import: all or nothing, one batch, dry run available,
 * every row keyed `feed:ucdp`. A GED import supersedes the Candidate-derived values of the months and
 * countries it covers (replaced, or withdrawn where the final data derive nothing); Candidate data
 * never replace GED values.
 */
export async function importUcdp(
  data: AsyncDb,
  actor: Actor,
  csv: OpenedCsv,
  opts: ImportOptions,
  dataset: UcdpDataset = UCDP_GED,
): Promise<ImportReport> {
  let col: ReturnType<typeof gedColumns>;
  try {
    col = gedColumns(csv.header);
  } catch (e) {
    throw badRequest([{ field: 'file', message: (e as Error).message }], `Not a ${dataset.label} file`);
  }
  const timings = opts.timings;
  const clock = () => (timings ? performance.now() : 0);
  const addTime = (step: string, t0: number) => {
    if (timings) timings[step] = (timings[step] ?? 0) + performance.now() - t0;
  };
  const matcher = await regionMatcherAsync(data);
  let t = clock();
  const place = await createEventPlacerAsync(data, matcher);
  addTime('placement', t);
  const cells = new Map<string, UcdpCell>();
  const rejections: RowRejection[] = [];
  const unplacedNames = new Set<string>();
  const tally = { events: 0, byPolygon: 0, byAdminName: 0, imprecise: 0, unplaced: 0 };
  const covered = { from: '9999-99', to: '0000-00', countries: new Set<string>() };
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
    if (e.period < covered.from) covered.from = e.period;
    if (e.period > covered.to) covered.to = e.period;
    t = clock();
    const p = place(e);
    addTime('placement', t);
    if (p.code === null) {
      tally[p.by] += 1;
      if (p.by === 'unplaced' && unplacedNames.size < 500)
        unplacedNames.add(e.adm1 ? `${e.adm1} (${e.iso3 || e.country})` : `${e.lat},${e.lon} (${e.iso3 || e.country})`);
      continue;
    }
    if (p.by === 'polygon') tally.byPolygon += 1;
    else tally.byAdminName += 1;
    covered.countries.add(matcher.countryOf(p.code) ?? p.code);
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
  t = clock();
  const ctx = await loadWriteContextAsync(data, now);
  const checked = checkDerived(
    ctx,
    deriveUcdpObservations([...cells.values()]).map((d) => ({
      ...d,
      locator: `${d.events} events, ${d.deaths} deaths (best estimate); Vigil rule ${d.rule}`,
    })),
    { citation: dataset.citation, url: dataset.url },
  );
  addTime('derivation', t);
  const rows = checked.rows;
  rejectedCount += checked.rejectedCount;
  rejections.push(...checked.rejections);

  const rejected = rejectedCount > 0;
  if (tally.events === 0)
    throw badRequest([{ field: 'file', message: 'has a header but no events' }], 'The file has no events');
  const withdrawal = dataset.preliminary
    ? null
    : await planWithdrawal(data, UCDP_CANDIDATE.citation, covered, rows, matcher, opts.fileName);
  const base = {
    fileName: opts.fileName,
    format: 'ucdp-ged' as const,
    profile: dataset.profile,
    sourceKey: UCDP_SOURCE_KEY,
    dropped: { imprecise: tally.imprecise, unplaced: tally.unplaced },
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
      dataset: dataset.label,
      months: tally.events > rejectedCount ? `${covered.from} to ${covered.to}` : null,
      derivedObservations: rows.length,
      rules: UCDP_RULES.map((r) => `${r.id} → ${r.indicator}`),
      attribution: `Event data: ${dataset.label === 'UCDP GED' ? 'UCDP Georeferenced Event Dataset' : 'UCDP Candidate Events Dataset'} (Uppsala Conflict Data Program), CC BY 4.0.`,
    },
  };
  const toReport = (c: SinkCounts, status: ImportReport['status'], batchId: number | null): ImportReport => {
    // Preliminary (Candidate) data never replace the final (GED) value of a month: those kept are counted apart.
    const keptFinal = dataset.preliminary ? (c.keptBy[UCDP_GED.citation] ?? 0) : 0;
    return {
      ...base,
      status,
      batchId,
      ...countsForReport(c),
      ucdp: {
        ...base.ucdp,
        keptOtherSources: c.kept - keptFinal,
        keptFinal,
        candidateReplaced: withdrawal?.replaced ?? 0,
        candidateWithdrawn: withdrawal?.ids.length ?? 0,
      },
    };
  };
  // Derived event data replace earlier UCDP-derived values, never an observation from another
  // source; preliminary (Candidate) data never replace the final (GED) value of a month.
  return planOrWriteFeed(
    data,
    actor,
    rows,
    {
      meta: { fileName: opts.fileName, format: dataset.profile, sourceKey: UCDP_SOURCE_KEY },
      feed: {
        sourceKey: UCDP_SOURCE_KEY,
        replaces: dataset.preliminary ? [UCDP_CANDIDATE.citation] : [...UCDP_CITATIONS],
        afterRows: withdrawal?.ids.length
          ? {
              sqlite: (tx, batchId) => withdrawal.apply(tx, batchId),
              awaited: (tx, batchId) => withdrawal.applyAsync(tx, batchId),
            }
          : undefined,
      },
      checkedWith: ctx,
    },
    { ...opts, plan: opts.dryRun || rejected, now },
    toReport,
  );
}
