import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { AsyncDb } from '../../db/async.ts';
import { catalogueAsync } from '../../db/queries/catalogue.ts';
import { badRequest, notFound, type ErrorEnvelope } from '../errors.ts';
import { authOf, requireRole, type AuthEnv } from '../middleware/auth.ts';
import { FlagSchema, FrameworkSchema, RelevanceSchema } from '../schemas.ts';
import { importCatalogueAsync } from '../services/catalogue/import.ts';
import { validate } from '../validate.ts';
import { CATALOGUE_LANGS, plausibleRange } from '../../indicators/index.ts';
import { inLanguage } from '../services/catalogue/translate.ts';

/** An empty query value (`?framework=`) means "any", as if the parameter were left out. */
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' ? undefined : v), schema.optional());
const slug = (what: string) => z.string().regex(/^[a-z0-9][a-z0-9._-]{0,79}$/, `must be ${what} id`);

const LangSchema = optional(
  z.enum(CATALOGUE_LANGS, { error: `must be one of ${CATALOGUE_LANGS.join(', ')} (the catalogue's languages)` }),
);
const IndicatorQuery = z.object({
  lang: LangSchema,
  framework: optional(FrameworkSchema),
  relevance: optional(RelevanceSchema),
  form: optional(slug('an exploitation form')),
  group: optional(slug('an indicator group')),
});
const GroupQuery = z.object({ lang: LangSchema, framework: optional(FrameworkSchema) });
const LangQuery = z.object({ lang: LangSchema });
const VersionParam = z.object({ id: z.string().min(1).max(40) });
const ImportQuery = z.object({
  dryRun: FlagSchema,
  format: z.enum(['json', 'csv'], { error: 'must be json or csv' }).optional(),
  framework: optional(FrameworkSchema),
  version: optional(z.string().max(40)),
  mode: z.enum(['replace', 'merge'], { error: 'must be replace or merge' }).optional(),
  source: optional(z.string().trim().min(1).max(120)),
});

/** A 400 naming every query parameter the route does not know (a typo would otherwise widen the answer silently). */
function checkKnown(query: Record<string, string>, known: readonly string[]) {
  const unknown = Object.keys(query).filter((k) => !known.includes(k));
  if (unknown.length)
    throw badRequest(
      unknown.map((field) => ({ field, message: `is not a parameter of this route (use ${known.join(', ')})` })),
      'Invalid query',
    );
}

/** Who loaded a version is shown to signed-in callers only: an anonymous public reader gets null. */
function withLoader<T extends { loadedBy: string | null }>(c: Context, v: T): T {
  return authOf(c) ? v : { ...v, loadedBy: null };
}

function formatOf(contentType: string | undefined, asked: 'json' | 'csv' | undefined): 'json' | 'csv' | undefined {
  if (asked) return asked;
  const type = contentType?.split(';')[0]?.trim().toLowerCase() ?? '';
  if (type === 'application/json' || type.endsWith('+json')) return 'json';
  if (type === 'text/csv' || type === 'application/csv') return 'csv';
  return undefined;
}

/**
 * The indicator catalogue: `GET /frameworks`, `GET /indicators?framework=&relevance=&form=&group=`,
 * `GET /indicator-groups?framework=`, `GET /exploitation-forms`, each with `lang=en|fr|ar` for labels
 * in that language (see {@link inLanguage}); its versions: `GET /catalogue/versions`
 * (newest first, each with its diff), `GET /catalogue/versions/{id}` (the full snapshot), and
 * `POST /catalogue/versions?dryRun=&framework=&version=&mode=` (admins: a whole catalogue as JSON, or
 * one framework's list as CSV; a dry run answers 200 with the report; otherwise 201 with the report
 * and scores recomputed, or 422 with the report and nothing written). Everything goes through `data`
 * (either engine; an upload on SQLite keeps its synchronous write and threaded recompute, see
 * importCatalogueAsync).
 */
export function catalogueRoutes(data: AsyncDb) {
  return new Hono<AuthEnv>()
    .get('/frameworks', validate('query', LangQuery), async (c) => {
      checkKnown(c.req.query(), ['lang']);
      return inLanguage(c, 'frameworks', (await catalogueAsync.load(data))?.frameworks ?? []);
    })
    .get('/indicators', validate('query', IndicatorQuery), async (c) => {
      checkKnown(c.req.query(), ['lang', 'framework', 'relevance', 'form', 'group']);
      const q = c.req.valid('query');
      const catalogue = q.form || q.group ? await catalogueAsync.load(data) : null;
      if (q.form && !catalogue?.forms.some((f) => f.id === q.form))
        throw badRequest(
          [{ field: 'form', message: `'${q.form}' is not an exploitation form (see /api/exploitation-forms)` }],
          'Invalid query',
        );
      if (q.group && !catalogue?.groups.some((g) => g.id === q.group))
        throw badRequest(
          [{ field: 'group', message: `'${q.group}' is not an indicator group (see /api/indicator-groups)` }],
          'Invalid query',
        );
      const { lang: _lang, ...filter } = q;
      // Each indicator with its plausible range, the values a write or an import accepts.
      const indicators = (await catalogueAsync.indicators(data, filter)).map((i) => ({
        ...i,
        plausible: plausibleRange(i.measurement),
      }));
      return inLanguage(c, 'indicators', indicators);
    })
    .get('/indicator-groups', validate('query', GroupQuery), async (c) => {
      checkKnown(c.req.query(), ['lang', 'framework']);
      const { lang: _lang, ...filter } = c.req.valid('query');
      return inLanguage(c, 'groups', await catalogueAsync.groups(data, filter));
    })
    .get('/exploitation-forms', validate('query', LangQuery), async (c) => {
      checkKnown(c.req.query(), ['lang']);
      return inLanguage(c, 'forms', (await catalogueAsync.load(data))?.forms ?? []);
    })
    .get('/catalogue/versions', async (c) => c.json((await catalogueAsync.versions(data)).map((v) => withLoader(c, v))))
    .get('/catalogue/versions/:id', validate('param', VersionParam), async (c) => {
      const version = await catalogueAsync.version(data, c.req.valid('param').id);
      if (!version) throw notFound(`Catalogue version ${c.req.valid('param').id}`);
      return c.json(withLoader(c, version));
    })
    .post('/catalogue/versions', requireRole('admin'), validate('query', ImportQuery), async (c) => {
      checkKnown(c.req.query(), Object.keys(ImportQuery.shape));
      const q = c.req.valid('query');
      const text = await c.req.text();
      const upload = {
        text,
        format: formatOf(c.req.header('Content-Type'), q.format),
        framework: q.framework,
        version: q.version,
        mode: q.mode,
      };
      const report = await importCatalogueAsync(data, upload, {
        dryRun: q.dryRun,
        source: q.source ?? `api upload (${upload.format ?? 'auto'})`,
        actor: c.var.actor.name,
        at: new Date().toISOString(),
      });
      if (report.dryRun) return c.json(report, 200);
      if (!report.ok) {
        const fields = report.errors
          .slice(0, 100)
          .map((e) => ({ field: e.row ? `row ${e.row}: ${e.field}` : e.field, message: e.message }));
        const message = `Catalogue file rejected (${report.errors.length} problem${report.errors.length === 1 ? '' : 's'}); nothing was written`;
        return c.json(
          { error: { code: 'catalogue_rejected', message, fields }, report } satisfies ErrorEnvelope & {
            report: unknown;
          },
          422,
        );
      }
      return c.json(report, 201);
    });
}
