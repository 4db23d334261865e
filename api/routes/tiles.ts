import { Hono } from 'hono';
import { z } from 'zod';
import { sqliteHandleOf, type AsyncDb } from '../../db/async.ts';
import { sendEncoded } from '../encoded-body.ts';
import { notFound } from '../errors.ts';
import { AnyLevelSchema, PeriodSchema } from '../schemas.ts';
import { boundaryVersionsAsync, TILE_MAX_ZOOM, tileCutterAsync, tileSource } from '../services/boundaries/tiles.ts';
import { pooledTile } from '../services/pool/read-pool.ts';
import { validate } from '../validate.ts';

const Coordinate = z
  .string()
  .regex(/^\d{1,4}$/, { message: 'must be a whole number' })
  .transform(Number);

const TileParams = z
  .object({
    level: AnyLevelSchema,
    z: Coordinate.refine((n) => n <= TILE_MAX_ZOOM, { message: `must be 0 to ${TILE_MAX_ZOOM}` }),
    x: Coordinate,
    y: z
      .string()
      .regex(/^\d{1,4}\.pbf$/, { message: 'must be a row number followed by .pbf' })
      .transform((s) => Number(s.slice(0, -4))),
  })
  .superRefine((p, ctx) => {
    const n = 2 ** p.z;
    for (const k of ['x', 'y'] as const)
      if (p[k] >= n) ctx.addIssue({ code: 'custom', path: [k], message: `must be below ${n} at zoom ${p.z}` });
  });

/**
 * `GET /api/tiles/{level}/{z}/{x}/{y}.pbf?month=`: the boundary sets of a level in force (0, 1, or 2
 * for districts from user sets; the active ones, or with `month` those valid that month) as Mapbox Vector Tiles
 * (one layer, `regions`; each feature a region with its `code` and `name`), cut by Vigil itself, so
 * the map loads only the tiles in view instead of the whole set. ETag per tile and set version; gzip.
 * Cut in the read pool over the SQLite file (the first tile of a set version builds its index
 * there); on PostgreSQL, in this process from `data`, once per set versions. Kept here once cut.
 */
export function tileRoutes(data: AsyncDb) {
  const file = sqliteHandleOf(data);
  const tiles = tileSource(boundaryVersionsAsync(data), file ? (t) => pooledTile(file, t) : tileCutterAsync(data));
  return new Hono().get(
    '/tiles/:level/:z/:x/:y',
    validate('query', z.object({ month: PeriodSchema.optional() })),
    validate('param', TileParams),
    async (c) => {
      const p = c.req.valid('param');
      const { month } = c.req.valid('query');
      const tile = await tiles({ level: p.level, z: p.z, x: p.x, y: p.y, ...(month ? { month } : {}) });
      if (!tile) throw notFound('Boundary set');
      return sendEncoded(c, tile, 'application/vnd.mapbox-vector-tile');
    },
  );
}
