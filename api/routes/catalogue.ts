import { Hono } from 'hono';
import { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { listIndicators, loadCatalogue } from '../../db/queries/catalogue.ts';
import { FrameworkSchema, RelevanceSchema } from '../schemas.ts';
import { validate } from '../validate.ts';

const IndicatorQuery = z.object({
  framework: FrameworkSchema.optional(),
  relevance: RelevanceSchema.optional(),
  form: z.string().min(1).max(60).optional(),
});

/** Catalogue reads: `GET /api/frameworks`, `GET /api/indicators?framework=&relevance=&form=`, `GET /api/exploitation-forms`. */
export function catalogueRoutes(db: Db) {
  return new Hono()
    .get('/frameworks', (c) => c.json(loadCatalogue(db)?.frameworks ?? []))
    .get('/indicators', validate('query', IndicatorQuery), (c) => c.json(listIndicators(db, c.req.valid('query'))))
    .get('/exploitation-forms', (c) => c.json(loadCatalogue(db)?.forms ?? []));
}
