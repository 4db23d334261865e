import { Hono } from 'hono';
import { z } from 'zod';
import { sqliteHandleOf, type AsyncDb } from '../../db/async.ts';
import type { Db } from '../../db/client.ts';
import { auditAsync } from '../../db/queries/audit.ts';
import { regionsAsync } from '../../db/queries/regions.ts';
import { savedAreasAsync, type SavedAreaRow } from '../../db/queries/saved-areas.ts';
import { inTransaction } from '../../db/write-lock.ts';
import { ApiError, badRequest, notFound } from '../errors.ts';
import { authOf, requireRole } from '../middleware/auth.ts';
import type { SecurityConfig } from '../services/auth/config.ts';
import { readAreaGeometry } from '../services/areas/area-geometry.ts';
import { readAreaFile } from '../services/areas/area-file.ts';
import { gated, type HeavyReads } from '../middleware/heavy-gate.ts';
import { LensSchema, PeriodSchema, RegionCodeSchema, ScenarioSchema } from '../schemas.ts';
import { areaProfileAsync, type AreaProfile } from '../services/areas/area-profile.ts';
import { MAX_AREA_REGIONS } from '../services/areas/area-regions.ts';
import { pooledCall } from '../services/pool/read-pool.ts';
import { encodeBody, sendEncoded } from '../services/scores/response-cache.ts';
import { fileOf, validate } from '../validate.ts';
import { LangQuerySchema, responseLang } from '../i18n.ts';

/** The body of `POST /api/areas/profile`: an area (a GeoJSON polygon, or region codes) and a month range. */
export const AreaProfileBody = z.strictObject({
  geometry: z
    .looseObject({
      type: z.enum(['Polygon', 'MultiPolygon', 'Feature', 'FeatureCollection'], {
        message: 'must be Polygon, MultiPolygon, Feature or FeatureCollection',
      }),
    })
    .optional()
    .meta({
      description:
        'The area as GeoJSON in WGS 84 longitude/latitude: a Polygon or MultiPolygon, a Feature holding one, or a FeatureCollection of them (their union); at most 20,000 vertices. Give this or `regions`.',
    }),
  regions: z
    .array(RegionCodeSchema)
    .min(1, 'must name at least one region')
    .max(MAX_AREA_REGIONS, `must name at most ${MAX_AREA_REGIONS} regions`)
    .optional()
    .meta({ description: 'Region codes of one level, as the area (instead of `geometry`)' }),
  level: z
    .union([z.literal(0), z.literal(1), z.literal(2)], { message: 'must be 0, 1 or 2' })
    .optional()
    .meta({
      description: 'The level a geometry is cut into: 0 countries, 1 first-level regions (default), 2 districts',
    }),
  from: PeriodSchema.optional().meta({ description: 'First month (default: 11 months before `to`)' }),
  to: PeriodSchema.optional().meta({ description: 'Last month (default: the latest scored month)' }),
  lens: LensSchema.default('tip'),
  scenario: ScenarioSchema,
  name: z
    .string()
    .trim()
    .max(200, 'must be at most 200 characters')
    .optional()
    .meta({ description: 'A name for the area, used in the brief’s title' }),
});

const IdParam = z.object({
  id: z.coerce.number({ message: 'must be a number' }).int('must be a whole number').positive('must be positive'),
});

/** The body of `POST /api/areas`: an area as the profile takes it, with a name (required) to find it again. */
export const SavedAreaBody = AreaProfileBody.omit({ scenario: true }).extend({
  name: z.string().trim().min(1, 'is empty').max(200, 'must be at most 200 characters'),
});

/** Areas one account may keep. */
export const MAX_SAVED_AREAS = 200;

/** A saved area as the API answers it: what to send `POST /api/areas/profile` to reopen it. */
function savedAreaWire(r: SavedAreaRow) {
  const area = r.area as { geometry?: unknown; regions?: string[]; level?: 0 | 1 | 2 };
  return {
    id: r.id,
    name: r.name,
    ...area,
    from: r.fromPeriod ?? undefined,
    to: r.toPeriod ?? undefined,
    lens: r.lens,
    createdAt: r.createdAt,
  };
}

/**
 * `POST /api/areas/profile`: the profile of an area of interest (issue 17, item 5): regions inside
 * with their area shares, their classes month by month, the combined exploitation-form profile,
 * drivers with sources, coverage, data gaps and monitoring gaps (services/areas/area-profile.ts).
 * It writes nothing, so it is a public read though it is a POST (the area is too large for a query
 * string); it runs in the worker pool behind the heavy-read gate. Its texts and labels (monitoring
 * gaps, title, drivers' labels and values) are in `?lang=` (else the account's language, else English).
 * `POST /api/areas/read` (a public read too): an uploaded area file — GeoJSON, TopoJSON or a zipped
 * Shapefile, read as the Admin upload reads boundary sets — as the profile's `geometry` (one MultiPolygon).
 * `GET /api/areas`, `POST /api/areas`, `DELETE /api/areas/{id}`: the caller's saved areas (any
 * role), each what the profile is sent to reopen it; saving and deleting are audited in the same
 * transaction. The saved areas read and write through `data` (either engine); the profile is built in
 * the read pool over the SQLite file, and on PostgreSQL in process from awaited reads by the same code.
 */
/** `?lang=`: the language of the profile's texts (else the account's, else English). */
const LangQuery = z.object({ lang: LangQuerySchema });

export function areaRoutes(db: Db, data: AsyncDb, version: string, heavy: HeavyReads, config: SecurityConfig) {
  return (
    new Hono()
      .post('/areas/profile', validate('query', LangQuery), validate('json', AreaProfileBody), async (c) => {
        const q = { ...c.req.valid('json'), lang: responseLang(c, c.req.valid('query').lang) };
        // In the read pool over the SQLite file; on PostgreSQL, here from awaited reads (the same code).
        const build = sqliteHandleOf(data)
          ? () => pooledCall(db, 'areaProfile', { ...q, version })
          : async () => encodeBody({ body: await areaProfileAsync(data, version, q) });
        return sendEncoded<AreaProfile>(c, await gated(c, heavy, build));
      })
      // Reads an uploaded area file (a zipped Shapefile too) with the Admin upload's reader; writes nothing.
      // Parsing up to 20 MB is heavy work for an anonymous caller: behind the heavy-read gate.
      .post('/areas/read', async (c) => {
        const { bytes, fileName } = await fileOf(c);
        const area = await gated(c, heavy, () => readAreaFile(bytes));
        return c.json({ name: (fileName ?? 'area').replace(/\.(geo|topo)?json$|\.shp\.zip$|\.zip$/i, ''), ...area });
      })
      .get('/areas', requireRole('viewer'), async (c) =>
        c.json((await savedAreasAsync.list(data, authOf(c)!.user.id)).map(savedAreaWire)),
      )
      .post('/areas', requireRole('viewer'), validate('json', SavedAreaBody), async (c) => {
        const auth = authOf(c)!;
        const { name, geometry, regions, level, from, to, lens } = c.req.valid('json');
        if ((geometry === undefined) === (regions === undefined))
          throw badRequest([
            {
              field: geometry === undefined ? 'geometry' : 'regions',
              message: 'give either geometry or regions, not both',
            },
          ]);
        if (geometry !== undefined) {
          const reading = readAreaGeometry(geometry);
          if (!reading.ok) throw badRequest(reading.errors, 'Invalid area');
        }
        const known = new Set((await regionsAsync.byCodes(data, regions ?? [])).map((r) => r.code));
        const unknown = (regions ?? []).flatMap((code, i) =>
          known.has(code) ? [] : [{ field: `regions.${i}`, message: `is not a known region code (${code})` }],
        );
        if (unknown.length) throw badRequest(unknown);
        if (from && to && from > to) throw badRequest([{ field: 'from', message: 'must not be after to' }]);
        const at = config.now().toISOString();
        const row = await inTransaction(data, async (tx) => {
          if ((await savedAreasAsync.count(tx, auth.user.id)) >= MAX_SAVED_AREAS)
            throw new ApiError(409, 'conflict', `An account keeps at most ${MAX_SAVED_AREAS} areas: delete one first`);
          const saved = await savedAreasAsync.insert(tx, {
            userId: auth.user.id,
            name,
            area: geometry !== undefined ? { geometry, ...(level !== undefined ? { level } : {}) } : { regions },
            fromPeriod: from ?? null,
            toPeriod: to ?? null,
            lens,
            createdAt: at,
          });
          await auditAsync.append(tx, {
            at,
            actor: auth.actor.name,
            action: 'create',
            entity: 'saved_area',
            entityId: String(saved.id),
            before: null,
            after: {
              name,
              kind: geometry !== undefined ? 'polygon' : 'regions',
              regions: regions ?? null,
              from,
              to,
              lens,
            },
          });
          return saved;
        });
        return c.json(savedAreaWire(row), 201);
      })
      .delete('/areas/:id', requireRole('viewer'), validate('param', IdParam), async (c) => {
        const auth = authOf(c)!;
        const { id } = c.req.valid('param');
        const at = config.now().toISOString();
        const gone = await inTransaction(data, async (tx) => {
          const before = await savedAreasAsync.get(tx, auth.user.id, id);
          if (!before || !(await savedAreasAsync.remove(tx, auth.user.id, id))) return false;
          await auditAsync.append(tx, {
            at,
            actor: auth.actor.name,
            action: 'delete',
            entity: 'saved_area',
            entityId: String(id),
            before: { name: before.name, lens: before.lens },
            after: null,
          });
          return true;
        });
        if (!gone) throw notFound(`Saved area ${id}`);
        return c.json({ id, deleted: true });
      })
  );
}
