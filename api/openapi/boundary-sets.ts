import { z } from 'zod';
import type { ResourceDoc } from './route-doc.ts';

const Named = { code: z.string(), name: z.string() };

const BoundarySetReport = z
  .object({
    fileName: z.string(),
    format: z.enum(['geojson', 'topojson', 'shapefile']),
    dryRun: z.boolean(),
    status: z.enum(['dry-run', 'stored', 'refused']),
    setId: z.string().nullable().meta({ description: 'The stored set’s id; null for a dry run or a refusal' }),
    features: z.number().int(),
    fields: z
      .object({
        level: z.number().int(),
        code: z.string(),
        names: z.array(z.string()),
        parent: z.string().nullable(),
      })
      .meta({
        description:
          'Fields read: detected from the COD-AB names (ADM2_PCODE, ADM2_EN/_FR/_AR, ADM1_PCODE) unless given',
      }),
    repaired: z.array(z.object({ ...Named, problem: z.string() })),
    refused: z.array(z.object({ ...Named, problem: z.string() })),
    duplicateCodes: z.array(z.object({ code: z.string(), names: z.array(z.string()) })),
    missingCodes: z.array(z.object({ feature: z.number().int(), name: z.string() })),
    parents: z
      .array(z.object({ ...Named, parent: z.string().nullable(), by: z.enum(['field', 'overlap', 'none']) }))
      .meta({
        description: 'Each feature’s parent: from its parent-code field, else the largest overlap with the level above',
      }),
    parentCodes: z.array(
      z.object({
        value: z.string().nullable(),
        region: z.string().nullable(),
        by: z.enum(['code', 'alias', 'overlap', 'none']),
        share: z.number().optional(),
      }),
    ),
    clashes: z.array(z.object({ code: z.string(), with: z.string() })),
    version: z
      .object({
        series: z.string(),
        version: z.number().int(),
        added: z.array(z.string()),
        retired: z.array(z.string()),
        restored: z.array(z.string()),
        changedGeometry: z.array(z.string()),
        unchanged: z.number().int(),
      })
      .nullable()
      .meta({ description: 'A new version of a series: what it changes against the version in force' }),
    problems: z.array(z.string()).meta({ description: 'What stops the set being stored; empty when it can be' }),
  })
  .meta({ id: 'BoundarySetReport' });

/** User boundary sets (COD-AB p-code sets, admin-2): upload, dry run, versions. */
export const boundarySetsDoc: ResourceDoc = {
  name: 'Boundary sets',
  description:
    'Boundaries users own (issue 17): an admin uploads a set of districts keyed by p-codes, checks it with a dry run, and later uploads new versions of it. Regions are never deleted: a code a new version drops is retired and its observations stay readable.',
  routes: [
    {
      method: 'get',
      path: '/api/boundary-sets',
      summary: 'Boundary sets, newest first (without their geometry)',
      responses: {
        200: {
          description: 'Sets',
          shape: z.array(
            z.object({
              id: z.string(),
              level: z.number().int(),
              name: z.string(),
              licence: z.string(),
              attribution: z.string(),
              isActive: z.boolean(),
              loadedAt: z.string(),
              source: z.string().nullable(),
              validFrom: z.string().nullable(),
              series: z.string().nullable(),
              version: z.number().int(),
              uploadedBy: z.string().nullable(),
            }),
          ),
        },
      },
      example: '/api/boundary-sets',
    },
    {
      method: 'post',
      path: '/api/boundary-sets',
      summary: 'Upload a boundary set (or check it with dryRun=true)',
      description:
        'Reads GeoJSON, TopoJSON (one object) or a zipped Shapefile (one layer), in WGS 84. A dry run reports (200) and writes nothing. Otherwise the set, its regions (keyed by code, with their parents) and their names in every language (as aliases for imports) are stored in one transaction (201), or, when a feature is refused, a code is missing, used twice or by another set, or has no parent, nothing is written (422 with the report). Up to 200 MB (413 above).',
      params: {
        dryRun: 'Check only (`true`, `1` or empty)',
        level:
          'Admin level of the set; detected from the deepest ADMn_PCODE field when absent. Only level 2 (districts) is accepted: other levels are refused (422 unsupported_level), since first-level regions and countries are the bundled boundaries',
        codeField: 'Property holding the code (default ADMn_PCODE)',
        nameField:
          'Property holding the name shown (default ADMn_EN, else another ADMn_xx); every ADMn_xx becomes an alias',
        parentField:
          'Property holding the parent’s code (default ADM(n-1)_PCODE); a value Vigil does not know is placed by the largest overlap',
        name: 'Name of the set (default: the file name)',
        source: 'Who published the boundaries, e.g. “OCHA COD-AB, Iraq”',
        licence: 'Licence and attribution (required to store)',
        validFrom: 'First day the set describes, YYYY-MM-DD (required to store)',
        series:
          'Id of the series this file is a new version of (its first set’s id): kept codes keep their regions and observations, dropped ones are retired',
      },
      body: {
        description: 'The file as the body, or a multipart upload with a `file` field',
        contentTypes: ['application/geo+json', 'application/json', 'application/zip', 'multipart/form-data'],
      },
      responses: {
        200: { description: 'Dry run: the report', shape: BoundarySetReport },
        201: { description: 'Stored: the report, with its setId', shape: BoundarySetReport },
      },
      errors: {
        422: 'Refused: `{ error, report }` naming each problem, nothing written; or the file as a whole is unusable (no polygons, mixed levels, no code field, not WGS 84, a level other than 2), naming why',
      },
    },
  ],
};
