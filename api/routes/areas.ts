import { Hono } from 'hono';
import { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { gated, type HeavyReads } from '../middleware/heavy-gate.ts';
import { LensSchema, PeriodSchema, RegionCodeSchema, ScenarioSchema } from '../schemas.ts';
import type { areaProfile } from '../services/areas/area-profile.ts';
import { MAX_AREA_REGIONS } from '../services/areas/area-regions.ts';
import { pooledCall } from '../services/pool/read-pool.ts';
import { sendEncoded } from '../services/scores/response-cache.ts';
import { validate } from '../validate.ts';

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

/**
 * `POST /api/areas/profile`: the profile of an area of interest (issue 17, item 5): regions inside
 * with their area shares, their classes month by month, the combined exploitation-form profile,
 * drivers with sources, coverage, data gaps and monitoring gaps (services/areas/area-profile.ts).
 * It writes nothing, so it is a public read though it is a POST (the area is too large for a query
 * string); it runs in the worker pool behind the heavy-read gate.
 */
export function areaRoutes(db: Db, version: string, heavy: HeavyReads) {
  return new Hono().post('/areas/profile', validate('json', AreaProfileBody), async (c) => {
    const q = c.req.valid('json');
    const body = await gated(c, heavy, () => pooledCall(db, 'areaProfile', { ...q, version }));
    return sendEncoded<ReturnType<typeof areaProfile>>(c, body);
  });
}
