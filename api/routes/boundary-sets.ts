import { Hono } from 'hono';
import { z } from 'zod';
import type { AsyncDb } from '../../db/async.ts';
import { listBoundarySetsAsync } from '../../db/queries/boundary-sets.ts';
import type { ErrorEnvelope } from '../errors.ts';
import { authOf, requireRole, type AuthEnv } from '../middleware/auth.ts';
import { importBoundarySet } from '../services/boundaries/import-set.ts';
import { FlagSchema } from '../schemas.ts';
import { fileOf, validate } from '../validate.ts';

const field = z.string().trim().min(1, 'is empty').max(100, 'must be at most 100 characters').optional();

/** The query of an upload: field options, the set's record, the series it continues, dry run. */
export const BoundarySetQuery = z.object({
  dryRun: FlagSchema,
  level: z.enum(['0', '1', '2', '3'], { message: 'must be 0, 1, 2 or 3' }).transform(Number).optional(),
  codeField: field,
  nameField: field,
  parentField: field,
  name: z.string().trim().min(1, 'is empty').max(200, 'must be at most 200 characters').optional(),
  source: z.string().trim().max(300, 'must be at most 300 characters').optional(),
  licence: z.string().trim().max(300, 'must be at most 300 characters').optional(),
  validFrom: z.iso.date({ message: 'must be a date YYYY-MM-DD' }).optional(),
  series: z.string().trim().min(1, 'is empty').max(100, 'must be at most 100 characters').optional(),
});

/**
 * User boundary sets (issue 17): `POST /boundary-sets?dryRun=&level=&codeField=&nameField=&parentField=
 * &name=&source=&licence=&validFrom=&series=` (admin; GeoJSON, TopoJSON or a zipped Shapefile as the
 * body or a multipart `file`): 200 with the report for a dry run, 201 when stored, 422 with the report
 * when a feature stops it (nothing written). `GET /boundary-sets`: the sets, newest first. Both go
 * through `data` (either engine).
 */
export function boundarySetRoutes(data: AsyncDb) {
  return (
    new Hono<AuthEnv>()
      // Public read like the boundaries themselves (the map of a past month needs the validity dates);
      // who uploaded a set is an account's name, for signed-in users only.
      .get('/boundary-sets', async (c) => {
        const sets = await listBoundarySetsAsync(data);
        return c.json(authOf(c) ? sets : sets.map((s) => ({ ...s, uploadedBy: null })));
      })
      .post('/boundary-sets', requireRole('admin'), validate('query', BoundarySetQuery), async (c) => {
        const q = c.req.valid('query');
        const { bytes, fileName } = await fileOf(c);
        const report = await importBoundarySet(data, bytes, {
          ...q,
          fileName: fileName ?? q.name ?? 'upload',
          actor: c.var.actor,
        });
        if (report.status === 'refused') {
          const message = `Boundary set refused (${report.problems.length} problem${report.problems.length === 1 ? '' : 's'}); nothing was written`;
          const fields = report.problems.slice(0, 50).map((p) => ({ field: 'file', message: p }));
          return c.json(
            { error: { code: 'boundary_set_refused', message, fields }, report } satisfies ErrorEnvelope & {
              report: unknown;
            },
            422,
          );
        }
        return c.json(report, report.status === 'stored' ? 201 : 200);
      })
  );
}
