import { Hono } from 'hono';
import { gzipSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { getActiveBoundaries } from '../../db/queries/regions.ts';
import { sendEncoded, type EncodedBody } from '../encoded-body.ts';
import { notFound } from '../errors.ts';
import { AnyLevelSchema } from '../schemas.ts';
import { validate } from '../validate.ts';

/** A background-only MapLibre style: every layer Vigil draws is added from its own data, so no tile, glyph or sprite server is needed. */
const MAP_STYLE = {
  version: 8,
  name: 'Vigil',
  sources: {},
  layers: [{ id: 'background', type: 'background', paint: { 'background-color': '#dfe7ee' } }],
} as const;

/** A set's TopoJSON encoded and gzipped once, tagged with the set version it was built from. */
interface Encoded extends EncodedBody {
  id: string;
}

/**
 * `GET /api/boundaries/{level}`: the active boundary set of a level as TopoJSON (features carry a
 * `code`), with an ETag and gzip; `GET /api/map/style.json`: the local map style.
 * The encoded geometry is cached per boundary set, so it is compressed once.
 */
export function boundaryRoutes(db: Db) {
  const cache = new Map<number, Encoded>();
  const encoded = (level: number): Encoded | undefined => {
    const set = getActiveBoundaries(db, level);
    if (!set) return undefined;
    const hit = cache.get(level);
    if (hit && hit.id === `${set.id}@${set.loadedAt}`) return hit;
    const raw = new Uint8Array(Buffer.from(set.topology));
    const e = {
      id: `${set.id}@${set.loadedAt}`,
      etag: `"${createHash('sha1').update(raw).digest('base64url')}"`,
      raw,
      gzip: new Uint8Array(gzipSync(raw)),
    };
    cache.set(level, e);
    return e;
  };
  return new Hono()
    .get('/boundaries/:level', validate('param', z.object({ level: AnyLevelSchema })), (c) => {
      const e = encoded(c.req.valid('param').level);
      if (!e) throw notFound('Boundary set');
      return sendEncoded(c, e, 'application/json');
    })
    .get('/map/style.json', (c) => c.json(MAP_STYLE));
}
