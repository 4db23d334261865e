import { Hono, type Context } from 'hono';
import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { z } from 'zod';
import type { AsyncDb } from '../../db/async.ts';
import { importBatchesAsync } from '../../db/queries/imports.ts';
import { badRequest, notFound, type ErrorEnvelope } from '../errors.ts';
import { requireRole, type AuthEnv } from '../middleware/auth.ts';
import { templateCsv } from '../services/imports/area-counts.ts';
import { IMPORT_ENCODINGS } from '../services/imports/input.ts';
import { IMPORT_PROFILES, type ImportProfile } from '../services/imports/profiles/index.ts';
import { IMPORT_FORMATS } from '../services/imports/records.ts';
import { runImport } from '../services/imports/run-import.ts';
import { rollbackBatch } from '../services/imports/rollback.ts';
import { OnBehalfOfSchema } from '../services/observations/ownership.ts';
import { FlagSchema } from '../schemas.ts';
import { validate } from '../validate.ts';
import { hasMessage, LangQuerySchema, msg, responseLang, type ApiMessageId, type Lang } from '../i18n.ts';
import type { RowRejection } from '../services/imports/rows.ts';

const ImportQuery = z.object({
  dryRun: FlagSchema,
  format: z.enum(IMPORT_FORMATS, { error: `must be one of ${IMPORT_FORMATS.join(', ')}` }).default('auto'),
  mapping: z.string().max(2000).optional(),
  profile: z
    .enum(
      IMPORT_PROFILES.map((p) => p.name),
      { error: `must be one of ${IMPORT_PROFILES.map((p) => p.name).join(', ')}` },
    )
    .optional(),
  encoding: z.enum(IMPORT_ENCODINGS, { error: `must be one of ${IMPORT_ENCODINGS.join(', ')}` }).optional(),
  name: z.string().trim().min(1).max(200).optional(),
  lang: LangQuerySchema,
});

const BatchParam = z.object({ id: z.coerce.number({ error: 'must be an import batch id' }).int().positive() });
const RollbackQuery = z.object({ dryRun: FlagSchema });
/** Optional (a request without a JSON body is `{}`): why, or for whom, someone else's batch is rolled back. */
const RollbackBody = z.object({ onBehalfOf: OnBehalfOfSchema });

/** The uploaded file as a stream, with its name: a multipart `file` field, or the raw body (CSV text). */
async function upload(c: Context, name: string | undefined): Promise<{ stream: Readable; fileName: string }> {
  const type = c.req.header('Content-Type') ?? '';
  if (type.startsWith('multipart/form-data')) {
    const form = await c.req.parseBody().catch(() => {
      throw badRequest([{ field: 'body', message: 'is not a well-formed multipart/form-data upload' }]);
    });
    const file = form.file;
    if (!(file instanceof File))
      throw badRequest([{ field: 'file', message: 'multipart upload needs a file field named "file"' }]);
    return {
      stream: Readable.fromWeb(file.stream() as NodeReadableStream),
      fileName: name ?? file.name ?? 'upload.csv',
    };
  }
  const body = c.req.raw.body;
  if (!body) throw badRequest([{ field: 'body', message: 'is empty: send CSV text, or a multipart file' }]);
  return { stream: Readable.fromWeb(body as NodeReadableStream), fileName: name ?? 'upload.csv' };
}

/** A profile's title, description or licence in `lang` (`importProfile.NAME.*`), else as the profile writes it. */
function profileText(p: ImportProfile, lang: Lang, what: 'title' | 'description' | 'licence'): string {
  const id = `importProfile.${p.name}.${what}`;
  return lang !== 'en' && hasMessage(id) ? msg(lang, id) : p[what];
}

/**
 * A profile as `GET /import-profiles` lists it: what it reads, its columns, source key and licence;
 * its title, description and licence in `lang` (column descriptions and template instructions are
 * English still).
 */
export function describeProfile(p: ImportProfile, lang: Lang = 'en') {
  return {
    name: p.name,
    title: profileText(p, lang, 'title'),
    description: profileText(p, lang, 'description'),
    sourceKey: p.sourceKey,
    licence: profileText(p, lang, 'licence'),
    shape: p.shape,
    /** Chosen without `profile=` when the header shows it (else name it). */
    autoDetected: p.detect !== undefined,
    columns: p.columns.map((c) => ({ name: c.name, required: c.required, description: c.description })),
    /** The CSV template Vigil hands out for this kind of file, with how to fill it; null when there is none. */
    template: p.template
      ? {
          url: `/api/import-profiles/${p.name}/template`,
          fileName: p.template.fileName,
          instructions: p.template.instructions,
        }
      : null,
  };
}

const ProfileParam = z.object({ name: z.string().min(1).max(60) });

/** A rejected row's reason in `lang`, from its code (`import.error.*`); English, or a problem without a code, as written. */
function reasonIn(lang: Lang, r: RowRejection): string {
  return lang === 'en' || !r.code ? r.reason : msg(lang, `import.error.${r.code}` as ApiMessageId, r.values);
}

/**
 * Imports: `POST /imports?dryRun=true&format=auto|hxl|csv|ucdp-ged&mapping=field=Header,…` (CSV text
 * or a multipart `file`; a dry run reports and writes nothing; otherwise all or nothing, one batch:
 * 201 when applied, 422 with the report when any row is rejected), `GET /imports`, `GET /imports/:id`
 * (with its report) and `POST /imports/:id/rollback?dryRun=` (someone else's batch needs an admin or
 * `onBehalfOf`; a dry run says what would happen, for the confirmation). Upload size is capped by the body-limit
 * middleware (413). Everything goes through `data` (either engine): on PostgreSQL an import stages with
 * COPY and writes set-wise (Vigil's own CSV/HXL; the other profiles answer 503 there, see runImport).
 */
export function importRoutes(data: AsyncDb) {
  return new Hono<AuthEnv>()
    .post('/imports', requireRole('analyst'), validate('query', ImportQuery), async (c) => {
      const q = c.req.valid('query');
      const lang = responseLang(c, q.lang);
      const { stream, fileName } = await upload(c, q.name);
      const written = await runImport(data, c.var.actor, stream, {
        fileName,
        dryRun: q.dryRun,
        format: q.format,
        mapping: q.mapping,
        profile: q.profile,
        encoding: q.encoding,
      });
      // Rejected rows keep their code, field and values; their reason is written in the language.
      const report =
        lang === 'en'
          ? written
          : { ...written, rowsRejected: written.rowsRejected.map((r) => ({ ...r, reason: reasonIn(lang, r) })) };
      if (report.status === 'rejected') {
        const message =
          lang === 'en'
            ? `${report.rowsRejectedCount} of ${report.rowsRead} rows rejected; nothing was written`
            : msg(lang, 'import.rejected', { rejected: report.rowsRejectedCount, read: report.rowsRead });
        const fields = report.rowsRejected
          .slice(0, 50)
          .map((r) => ({ field: `row ${r.row}: ${r.column}`, message: r.reason }));
        return c.json(
          { error: { code: 'import_rejected', message, fields }, report } satisfies ErrorEnvelope & { report: unknown },
          422,
        );
      }
      return c.json(report, report.status === 'applied' ? 201 : 200);
    })
    .get('/import-profiles', validate('query', z.object({ lang: LangQuerySchema })), (c) => {
      const lang = responseLang(c, c.req.valid('query').lang);
      return c.json(IMPORT_PROFILES.map((p) => describeProfile(p, lang)));
    })
    .get('/import-profiles/:name/template', validate('param', ProfileParam), (c) => {
      const p = IMPORT_PROFILES.find((x) => x.name === c.req.valid('param').name);
      if (!p?.template) throw notFound(`A template for import profile '${c.req.valid('param').name}'`);
      return c.body(templateCsv(p.template), 200, {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="${p.template.fileName}"`,
      });
    })
    .get('/imports', requireRole('viewer'), async (c) => c.json(await importBatchesAsync.list(data)))
    .get('/imports/:id', requireRole('viewer'), validate('param', BatchParam), async (c) => {
      const batch = await importBatchesAsync.get(data, c.req.valid('param').id);
      if (!batch) throw notFound(`Import batch ${c.req.valid('param').id}`);
      return c.json(batch);
    })
    .post(
      '/imports/:id/rollback',
      requireRole('analyst'),
      validate('param', BatchParam),
      validate('query', RollbackQuery),
      validate('json', RollbackBody),
      async (c) => {
        const { dryRun } = c.req.valid('query');
        const { onBehalfOf } = c.req.valid('json');
        return c.json(await rollbackBatch(data, c.var.actor, c.req.valid('param').id, { dryRun, onBehalfOf }));
      },
    );
}
