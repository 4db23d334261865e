import { z } from 'zod';
import type { ResourceDoc } from './route-doc.ts';

const ImportReport = z
  .object({
    fileName: z.string(),
    format: z.enum(['hxl', 'csv', 'ucdp-ged']),
    profile: z.string().meta({ description: 'The import profile that read the file' }),
    sourceKey: z.string().nullable().meta({
      description: 'Source key of every row written (a feed’s, e.g. feed:ucdp), or null: rows key their citations',
    }),
    dropped: z
      .record(z.string(), z.number().int())
      .optional()
      .meta({ description: 'Rows deliberately left out, by reason (e.g. imprecise, unplaced)' }),
    dryRun: z.boolean(),
    status: z.enum(['dry-run', 'applied', 'rejected']),
    batchId: z.number().int().nullable(),
    rowsRead: z.number().int(),
    rowsOk: z.number().int(),
    rowsRejectedCount: z.number().int(),
    rowsRejected: z
      .array(z.object({ row: z.number().int(), column: z.string(), reason: z.string() }))
      .meta({ description: 'Each problem by row and column (the first 1,000)' }),
    wouldCreate: z.number().int(),
    wouldSupersede: z.number().int(),
    unchanged: z.number().int(),
    unmatchedRegions: z.array(z.string()),
    suggestions: z
      .array(
        z.object({
          name: z.string(),
          country: z.string().optional(),
          regions: z.array(z.object({ code: z.string(), name: z.string(), score: z.number() })),
        }),
      )
      .optional()
      .meta({
        description:
          'For each unmatched name, the regions with the most alike names (accents, area words such as “Governorate”, transliteration variants, edit distance; within the row’s country), best first, to confirm with POST /api/region-aliases',
      }),
    regions: z.number().int(),
    columns: z.record(z.string(), z.string()).meta({ description: 'Which column each field was read from' }),
    warnings: z.array(z.string()),
    derivedObservations: z.number().int().optional().meta({
      description: 'Feed and template profiles (ACLED, DTM, MRM, MARA, referral): values derived from the rows',
    }),
    ucdp: z
      .record(z.string(), z.unknown())
      .optional()
      .meta({ description: 'UCDP GED files: how events were placed, what was derived, and the attribution' }),
  })
  .meta({ id: 'ImportReport' });

const ImportBatch = z
  .object({
    id: z.number().int(),
    fileName: z.string(),
    format: z.string(),
    rowCount: z.number().int(),
    createdBy: z.string(),
    createdAt: z.string(),
    state: z.enum(['applied', 'rolled-back']),
    rolledBackAt: z.string().nullable(),
  })
  .meta({ id: 'ImportBatch' });

/** Bulk imports of partner data and UCDP GED events, all or nothing, and their rollback. */
export const importsDoc: ResourceDoc = {
  name: 'Imports',
  description:
    'Bulk imports (CSV, HXL, UCDP GED) through the same write path as single entries: all or nothing, one batch, audited, reversible as a whole. See docs/data-import.md for the columns.',
  routes: [
    {
      method: 'post',
      path: '/api/imports',
      summary: 'Import a file (or check it with dryRun=true)',
      description:
        'A dry run reports and writes nothing (200). Otherwise every row is written in one transaction as one batch (201), or, if any row is rejected, nothing is written (422 with the report). The upload size is capped (413).',
      params: {
        dryRun: 'Check only (`true`, `1` or empty)',
        format: 'auto (default: HXL by its hashtag row, UCDP GED by its columns), hxl, csv or ucdp-ged',
        profile: 'Import profile (GET /api/import-profiles); detected from the header when absent',
        encoding:
          'Text encoding of the file: utf-8 (default, checked strictly), windows-1252, iso-8859-1, utf-16le or utf-16be. A file that is not valid UTF-8 is a 400 on `encoding` naming the line, byte and the encoding it looks like; another name is a 400 on `encoding`',
        mapping: 'Columns of a plain CSV: `field=Header,…` (region, indicator, period, value, confidence, source…)',
        name: 'File name for the record',
      },
      body: {
        description: 'CSV text, or a multipart upload with a `file` field',
        contentTypes: ['text/csv', 'multipart/form-data'],
        example: '#adm1+code,#indicator+code,#date,#value,#meta+source\nIQ-NI,afac.rf1,2016-05,2,Partner report\n',
      },
      responses: {
        200: { description: 'Dry run: the report', shape: ImportReport },
        201: { description: 'Applied: the report, with its batchId', shape: ImportReport },
      },
      errors: {
        422: 'Rejected: `{ error, report }` naming each bad row and column; nothing written',
        409: 'The catalogue or boundaries changed under the import; nothing written',
      },
    },
    {
      method: 'get',
      path: '/api/import-profiles',
      summary: 'Import profiles: the files Vigil reads, their columns, source keys and licences',
      responses: {
        200: {
          description: 'Profiles',
          shape: z.array(
            z.object({
              name: z.string(),
              title: z.string(),
              description: z.string(),
              sourceKey: z.string().nullable(),
              licence: z.string(),
              shape: z.enum(['observations', 'ucdp-ged']),
              autoDetected: z.boolean(),
              columns: z.array(z.object({ name: z.string(), required: z.boolean(), description: z.string() })),
              template: z
                .object({ url: z.string(), fileName: z.string(), instructions: z.array(z.string()) })
                .nullable()
                .meta({
                  description: 'The CSV template Vigil hands out for this profile (MRM, MARA, referral data), or null',
                }),
            }),
          ),
        },
      },
      example: '/api/import-profiles',
    },
    {
      method: 'get',
      path: '/api/import-profiles/:name/template',
      summary: 'The CSV template of an import profile (mrm, mara, referral), to fill and import',
      description:
        'A header row and an HXL hashtag row: one row per area, month and category, with verified and reported counts. Area level only; how to fill it is in the profile’s `template.instructions` (GET /api/import-profiles) and docs/data-import.md.',
      params: { name: 'The profile' },
      responses: { 200: { description: 'A CSV file (attachment)', contentType: 'text/csv' } },
      errors: { 404: 'No such profile, or it has no template' },
      example: '/api/import-profiles/mrm/template',
    },
    {
      method: 'get',
      path: '/api/imports',
      summary: 'Import batches, newest first',
      responses: { 200: { description: 'Batches', shape: z.array(ImportBatch) } },
      example: '/api/imports',
    },
    {
      method: 'get',
      path: '/api/imports/:id',
      summary: 'One import batch with its report',
      params: { id: 'The batch' },
      responses: { 200: { description: 'The batch', shape: ImportBatch.extend({ report: z.unknown() }) } },
      errors: { 404: 'No such batch' },
      example: '/api/imports/1',
    },
    {
      method: 'post',
      path: '/api/imports/:id/rollback',
      summary: 'Roll back an import batch as a whole',
      description:
        'Its observations are retracted and the ones it corrected become current again, in one transaction. Refused when rows of the batch were changed since. A batch imported by someone else (the bundled data included) needs an admin, or a reason in `onBehalfOf` that the audit log keeps. With `dryRun=true` nothing changes: the answer says what would happen and whether the caller may (`allowed`), for the confirmation.',
      params: { id: 'The batch' },
      responses: {
        200: {
          description: 'What was undone, or would be',
          shape: z.object({
            batchId: z.number().int(),
            fileName: z.string(),
            createdBy: z.string(),
            createdAt: z.string(),
            restored: z.number().int(),
            retracted: z.number().int(),
            regions: z.array(z.string()),
            dryRun: z.boolean(),
            rolledBackAt: z.string().nullable(),
            allowed: z.boolean(),
            onBehalfOf: z.string().nullable(),
          }),
        },
      },
      errors: {
        403: 'someone else’s batch, without admin or onBehalfOf',
        404: 'No such batch',
        409: 'Already rolled back, or changed since',
      },
    },
  ],
};
