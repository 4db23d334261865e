import { Hono } from 'hono';
import { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { listRegions } from '../../db/queries/regions.ts';
import { LevelSchema, RegionCodeSchema } from '../schemas.ts';
import { validate } from '../validate.ts';

const RegionsQuery = z.object({ level: LevelSchema.optional(), parent: RegionCodeSchema.optional() });

/** `GET /api/regions?level=&parent=`: regions with code, name, level and parent. */
export function regionRoutes(db: Db) {
  return new Hono().get('/regions', validate('query', RegionsQuery), (c) => {
    const { level, parent } = c.req.valid('query');
    return c.json(listRegions(db, { level, parent }).map(({ code, name, level, parent, kind }) => ({ code, name, level, parent, kind })));
  });
}
