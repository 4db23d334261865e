import { Hono } from 'hono';
import { gzipSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { AsyncDb } from '../../db/async.ts';
import { boundariesAsync } from '../../db/queries/regions.ts';
import { sendEncoded, type EncodedBody } from '../encoded-body.ts';
import { notFound } from '../errors.ts';
import { AnyLevelSchema, PeriodSchema } from '../schemas.ts';
import { combinedTopologyText } from '../services/boundaries/combine.ts';
import { validate } from '../validate.ts';

/** A background-only MapLibre style: every layer Vigil draws is added from its own data, so no tile, glyph or sprite server is needed. */
const MAP_STYLE = {
  version: 8,
  name: 'Vigil',
  sources: {},
  layers: [{ id: 'background', type: 'background', paint: { 'background-color': '#dfe7ee' } }],
} as const;

/** How many encoded boundary bodies are kept (one per level and set versions in force: months share them). */
const KEPT = 8;

/**
 * `GET /api/boundaries/{level}?month=`: the boundary sets of a level in force (the active ones, or
 * with `month` those valid that month: each series' version by validity date, so a district a later
 * version retired is still drawn for the months before) as one TopoJSON (features carry a `code`),
 * with an ETag and gzip; `GET /api/map/style.json`: the local map style.
 * The encoded geometry is cached per set versions in force, so it is compressed once (read through
 * `data`, either engine; a build under way is shared by the requests waiting for it).
 */
export function boundaryRoutes(data: AsyncDb) {
  const cache = new Map<string, Promise<EncodedBody | undefined>>();
  const build = async (level: number, month: string | undefined): Promise<EncodedBody | undefined> => {
    const sets = await boundariesAsync.byIds(data, await boundariesAsync.idsInForce(data, level, month));
    const text = combinedTopologyText(sets.map((s) => s.topology));
    if (text === null) return undefined;
    const raw = new Uint8Array(Buffer.from(text));
    return {
      etag: `"${createHash('sha1').update(raw).digest('base64url')}"`,
      raw,
      gzip: new Uint8Array(gzipSync(raw)),
    };
  };
  const encoded = async (level: number, month: string | undefined): Promise<EncodedBody | undefined> => {
    const version = await boundariesAsync.versionKey(data, level, month);
    if (!version) return undefined;
    const key = `${level}|${version}`;
    let hit = cache.get(key);
    if (!hit) {
      const e = build(level, month);
      cache.set(key, (hit = e));
      e.catch(() => cache.get(key) === e && cache.delete(key));
      for (const k of cache.keys()) if (cache.size > KEPT) cache.delete(k);
    }
    return hit;
  };
  return new Hono()
    .get(
      '/boundaries/:level',
      validate('param', z.object({ level: AnyLevelSchema })),
      validate('query', z.object({ month: PeriodSchema.optional() })),
      async (c) => {
        const e = await encoded(c.req.valid('param').level, c.req.valid('query').month);
        if (!e) throw notFound('Boundary set');
        return sendEncoded(c, e, 'application/json');
      },
    )
    .get('/map/style.json', (c) => c.json(MAP_STYLE));
}
