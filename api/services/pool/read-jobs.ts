import type { Db } from '../../../db/client.ts';
import { getRegion } from '../../../db/queries/regions.ts';
import type { Lang, Lens, Method, Period } from '../../../indicators/index.ts';
import { ApiError, notFound, type FieldError } from '../../errors.ts';
import { regionBrief, type BriefQuery } from '../export/region-brief.ts';
import {
  asDownload,
  createScoreExporter,
  type ScoreExportFormat,
  type ScoreExportQuery,
} from '../export/score-export.ts';
import { scenarioComparison } from '../scores/compare.ts';
import { explain } from '../scores/explain.ts';
import { modelInputs } from '../scores/model-inputs.ts';
import { encodeBody, type EncodedBody } from '../scores/response-cache.ts';
import { mapScoresBody, scoresBody, seriesBody, type ScoresView } from '../scores/scores-body.ts';
import { monthAlerts, regionAlerts } from '../alerts/alerts.ts';
import { topRisers } from '../alerts/risers.ts';
import { areaProfile, type AreaProfileQuery } from '../areas/area-profile.ts';

/**
 * A read too heavy for the event loop, as plain data a worker thread can receive: one month's scores
 * of a level (stored or computed for a scenario; as rows, or in the map's compact form), a download, an explanation, a region brief.
 */
export type ReadJob =
  | { kind: 'scores' | 'map-scores'; view: ScoresView }
  | { kind: 'export'; version: string; query: ScoreExportQuery; format: ScoreExportFormat }
  | {
      kind: 'explain';
      region: string;
      period: Period;
      lens: Lens;
      scenario: string;
      method: Method;
      exactCounts: boolean;
      lang?: Lang;
    }
  | { kind: 'brief'; version: string; query: BriefQuery }
  | CallJob;

/**
 * Service reads that are heavy under a scenario other than the baseline (computed live from every
 * observation; a scenario comparison always computes one side), by name: what a `call` job may run, with its arguments as plain data.
 */
const CALLS = {
  monthAlerts: (db: Db, q: Parameters<typeof monthAlerts>[1]) => monthAlerts(db, q),
  regionAlerts: (db: Db, q: { region: string } & Parameters<typeof regionAlerts>[2]) => {
    const region = getRegion(db, q.region);
    if (!region) throw notFound(`Region ${q.region}`);
    return regionAlerts(db, region, q);
  },
  topRisers: (db: Db, q: Parameters<typeof topRisers>[1]) => topRisers(db, q),
  seriesBody: (db: Db, q: Parameters<typeof seriesBody>[1]) => seriesBody(db, q),
  scenarioComparison: (db: Db, q: Parameters<typeof scenarioComparison>[1]) => scenarioComparison(db, q),
  areaProfile: (db: Db, q: AreaProfileQuery & { version: string }) => areaProfile(db, q.version, q),
};

/** The service reads a `call` job may name. */
export type Calls = typeof CALLS;

/** A job calling one of {@link CALLS} with its arguments. */
export type CallJob = { [K in keyof Calls]: { kind: 'call'; name: K; args: Parameters<Calls[K]>[1] } }[keyof Calls];

/** A job's answer: the encoded body, or the API error it ended in (plain data, rebuilt into an `ApiError`). */
export type ReadOutcome =
  | { ok: true; body: EncodedBody }
  | { ok: false; status: ApiError['status']; code: string; message: string; fields?: FieldError[] };

const exporters = new WeakMap<Db, Map<string, ReturnType<typeof createScoreExporter>>>();

/** One exporter per connection and version, so that decoded boundary geometry is kept between jobs. */
function exporterOf(db: Db, version: string) {
  let byVersion = exporters.get(db);
  if (!byVersion) exporters.set(db, (byVersion = new Map()));
  let e = byVersion.get(version);
  if (!e) byVersion.set(version, (e = createScoreExporter(db, version)));
  return e;
}

function build(db: Db, job: ReadJob): EncodedBody {
  switch (job.kind) {
    case 'scores':
      return encodeBody(scoresBody(db, job.view));
    case 'map-scores':
      return encodeBody(mapScoresBody(db, job.view));
    case 'export':
      return encodeBody(asDownload(exporterOf(db, job.version).file(job.query, job.format)));
    case 'explain': {
      const region = getRegion(db, job.region);
      if (!region) throw notFound(`Region ${job.region}`);
      return encodeBody({ body: explain(db, modelInputs(db), { ...job, region }) });
    }
    case 'brief':
      return encodeBody({ body: regionBrief(db, job.version, job.query) });
    case 'call':
      return encodeBody({ body: (CALLS[job.name] as (db: Db, args: unknown) => unknown)(db, job.args) });
    default: {
      const never: never = job;
      throw new Error(`unknown read job ${JSON.stringify(never)}`);
    }
  }
}

/** Runs `job` on `db`, the API errors it throws (a 404, a 400) given back as data. */
export function performReadJob(db: Db, job: ReadJob): ReadOutcome {
  try {
    return { ok: true, body: build(db, job) };
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    return { ok: false, status: e.status, code: e.code, message: e.message, ...(e.fields ? { fields: e.fields } : {}) };
  }
}
