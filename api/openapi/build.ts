import type { RouterRoute } from 'hono/types';
import { anonymousMay, OPEN_ROUTES } from '../middleware/access.ts';
import type { RoleRequirement } from '../middleware/auth.ts';
import type { Validation } from '../validate.ts';
import { accountsDoc } from './accounts.ts';
import { analysisDoc } from './analysis.ts';
import { areasDoc } from './areas.ts';
import { boundarySetsDoc } from './boundary-sets.ts';
import { catalogueDoc } from './catalogue.ts';
import { exportsDoc } from './exports.ts';
import { importsDoc } from './imports.ts';
import { ErrorEnvelopeShape, toJsonSchema, type JsonSchema } from './json-schema.ts';
import { metaDoc } from './meta.ts';
import { observationsDoc } from './observations.ts';
import { regionsDoc } from './regions.ts';
import type { ResourceDoc, RouteDoc } from './route-doc.ts';
import { scoresDoc } from './scores.ts';

/** Every resource's routes, in the order the page shows them. */
export const RESOURCE_DOCS: readonly ResourceDoc[] = [
  metaDoc,
  scoresDoc,
  regionsDoc,
  boundarySetsDoc,
  catalogueDoc,
  analysisDoc,
  exportsDoc,
  areasDoc,
  observationsDoc,
  importsDoc,
  accountsDoc,
];

/** Who may call a route: anyone always, anyone while public read is on, any account, or an account of at least a role. */
export type Access = 'anyone' | 'public' | 'signed-in' | 'viewer' | 'analyst' | 'admin';

/** Descriptions of parameters many routes share, used where a route says nothing of its own. */
const COMMON_PARAMS: Record<string, string> = {
  period: 'Month YYYY-MM; default: the latest month with scores',
  lens: 'Score lens: overall, one framework (crsv, osce, afac) or the trafficking lens (tip)',
  level: '0 countries, 1 first-level regions',
  scenario: 'Weighting scenario (see /api/scenarios); default baseline',
  code: 'Region code: ISO 3166-1 alpha-3 for a country, ISO 3166-2 (or Natural Earth / p-code) below',
  id: 'Id',
  lang: 'Language of the labels: en (default), fr or ar; ids stay English, and each translated entry says whether a native reviewer has confirmed it',
};

const ACCESS_TEXT: Record<Access, string> = {
  anyone: 'Anyone, signed in or not.',
  public: 'Anyone while public read is on (the default, `VIGIL_PUBLIC_READ`); otherwise any account.',
  'signed-in': 'Any account.',
  viewer: 'An account with the viewer role or above.',
  analyst: 'An account with the analyst role or above.',
  admin: 'An admin account.',
};

const SIGNED_IN = [{ session: [] }, { apiToken: [] }];
const SECURITY: Record<Access, unknown[]> = {
  anyone: [{}],
  public: [{}, ...SIGNED_IN],
  'signed-in': SIGNED_IN,
  viewer: SIGNED_IN,
  analyst: SIGNED_IN,
  admin: SIGNED_IN,
};

/** `/api/regions/:code` → `/api/regions/{code}`. */
export function openApiPath(path: string): string {
  return path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

/** What the served routes say of themselves, by `METHOD /path`: the role `requireRole` demands and what `validate()` checks. */
function routeFacts(routes: readonly RouterRoute[]) {
  const facts = new Map<string, { role?: Access; validations: Validation['validation'][] }>();
  for (const r of routes) {
    if (r.method === 'ALL' || !r.path.startsWith('/api/') || r.path.includes('*')) continue;
    const key = `${r.method} ${r.path}`;
    const f = facts.get(key) ?? { validations: [] };
    const h = r.handler as Partial<RoleRequirement & Validation>;
    if (h.requiredRole) f.role = h.requiredRole;
    if (h.validation) f.validations.push(h.validation);
    facts.set(key, f);
  }
  return facts;
}

/** Who may call `METHOD path`, from its role requirement and the access lists of api/middleware/access.ts. */
export function accessOf(method: string, path: string, role: Access | undefined): Access {
  if (role) return role;
  if (OPEN_ROUTES.includes(`${method} ${path}`)) return 'anyone';
  return anonymousMay(method, path, true) ? 'public' : 'signed-in';
}

const json = (schema: JsonSchema) => ({ 'application/json': { schema } });
const error = (description: string) => ({ description, content: json({ $ref: '#/components/schemas/ErrorEnvelope' }) });

function bodyContent(doc: RouteDoc, components: Record<string, JsonSchema>): OpenApiContent {
  const b = doc.body!;
  return Object.fromEntries(
    b.contentTypes.map((type) => {
      const schema: JsonSchema =
        type === 'application/json'
          ? b.shape
            ? toJsonSchema(b.shape, components)
            : { type: 'object' }
          : type === 'multipart/form-data'
            ? {
                type: 'object',
                properties: { file: { type: 'string', contentMediaType: 'text/csv' } },
                required: ['file'],
              }
            : { type: 'string' };
      const fits =
        type === 'application/json'
          ? typeof b.example === 'object'
          : type === 'text/csv' && typeof b.example === 'string';
      return [type, { schema, ...(fits ? { example: b.example } : {}) }];
    }),
  );
}

/** One parameter of an operation. */
export interface OpenApiParameter {
  name: string;
  in: 'query' | 'path';
  required: boolean;
  description?: string;
  schema: JsonSchema;
}

/** A request or response body by media type. */
export type OpenApiContent = Record<string, { schema: JsonSchema; example?: unknown }>;

/** One operation of the document, with Vigil's extensions: who may call it, and an example request. */
export interface OpenApiOperation {
  tags: string[];
  operationId: string;
  summary: string;
  description: string;
  'x-vigil-role': Access;
  'x-vigil-example'?: string;
  security: unknown[];
  parameters?: OpenApiParameter[];
  requestBody?: { required: boolean; description?: string; content: OpenApiContent };
  responses: Record<string, { description: string; content?: OpenApiContent }>;
}

function operation(
  doc: RouteDoc,
  tag: string,
  facts: ReturnType<typeof routeFacts>,
  components: Record<string, JsonSchema>,
): OpenApiOperation {
  const method = doc.method.toUpperCase();
  const fact = facts.get(`${method} ${doc.path}`);
  const access = accessOf(method, doc.path, fact?.role);
  const parameters: OpenApiParameter[] = [];
  let requestBody: OpenApiOperation['requestBody'];
  for (const v of fact?.validations ?? []) {
    const schema = toJsonSchema(v.schema, components) as {
      properties?: Record<string, JsonSchema>;
      required?: string[];
    };
    if (v.target === 'json') {
      requestBody = { required: true, content: json(schema) };
      continue;
    }
    if (v.target !== 'query' && v.target !== 'param') continue;
    for (const [name, s] of Object.entries(schema.properties ?? {})) {
      const inPath = v.target === 'param';
      const description = doc.params?.[name] ?? COMMON_PARAMS[name];
      parameters.push({
        name,
        in: inPath ? 'path' : 'query',
        required: inPath || (schema.required ?? []).includes(name),
        ...(description ? { description } : {}),
        schema: s,
      });
    }
  }
  for (const name of [...doc.path.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1]!)) {
    if (!parameters.some((p) => p.name === name && p.in === 'path'))
      parameters.push({
        name,
        in: 'path',
        required: true,
        description: doc.params?.[name] ?? COMMON_PARAMS[name],
        schema: { type: 'string' },
      });
  }
  if (!requestBody && doc.body)
    requestBody = { required: true, description: doc.body.description, content: bodyContent(doc, components) };

  const responses: OpenApiOperation['responses'] = {};
  for (const [status, r] of Object.entries(doc.responses)) {
    const type = r.contentType ?? 'application/json';
    responses[status] = {
      description: r.description,
      ...(r.shape
        ? { content: { [type]: { schema: toJsonSchema(r.shape, components) } } }
        : r.contentType
          ? { content: { [type]: { schema: { type: 'string' } } } }
          : {}),
    };
  }
  if (parameters.some((p) => p.in === 'query' || p.in === 'path') || requestBody)
    responses[400] = error('Invalid parameters or body: the envelope names each bad field and what is wrong with it');
  if (access !== 'anyone')
    responses[401] = error(
      access === 'public'
        ? 'Public read is off and the request carries no account'
        : 'No account: sign in, or send an API token',
    );
  if (doc.errors?.[401]) responses[401] = error(doc.errors[401]);
  const forbidden = [
    access === 'analyst' || access === 'admin' ? `the account’s role is below ${access}` : '',
    method !== 'GET' ? 'a cross-site request, or a session write without its X-CSRF-Token' : '',
    doc.errors?.[403] ?? '',
  ].filter(Boolean);
  if (forbidden.length) responses[403] = error(`Refused: ${forbidden.join('; or ')}`);
  for (const status of [404, 409, 422, 429] as const)
    if (doc.errors?.[status]) responses[status] = error(doc.errors[status]);
  if (requestBody)
    responses[413] = error(
      'The body is larger than the limit (VIGIL_MAX_BODY, VIGIL_MAX_IMPORT for imports, 200 MB for boundary sets)',
    );
  responses[500] = error('Internal error (no details are given away)');

  return {
    tags: [tag],
    operationId: `${doc.method}${doc.path.replace(/^\/api/, '').replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : ''))}`,
    summary: doc.summary,
    description: [doc.description, `**Who:** ${ACCESS_TEXT[access]}`].filter(Boolean).join('\n\n'),
    'x-vigil-role': access,
    ...(doc.example ? { 'x-vigil-example': doc.example } : {}),
    security: SECURITY[access],
    ...(parameters.length ? { parameters } : {}),
    ...(requestBody ? { requestBody } : {}),
    responses,
  };
}

/** The OpenAPI 3.1 document of Vigil's API. */
export interface OpenApiDocument {
  openapi: '3.1.0';
  info: { title: string; version: string; description: string; license: { name: string; identifier: string } };
  servers: { url: string; description: string }[];
  tags: { name: string; description: string }[];
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: { schemas: Record<string, JsonSchema>; securitySchemes: Record<string, unknown> };
}

/**
 * Builds the OpenAPI 3.1 document from the hand-written route descriptions (api/openapi/*.ts) and
 * what the served routes say of themselves (`routes`, the app's route table): parameters and JSON
 * bodies from their zod schemas, roles from `requireRole` and the access lists.
 */
export function buildOpenApi(routes: readonly RouterRoute[], opts: { version: string }): OpenApiDocument {
  const facts = routeFacts(routes);
  const schemas: Record<string, JsonSchema> = {};
  toJsonSchema(ErrorEnvelopeShape, schemas);
  const paths: OpenApiDocument['paths'] = {};
  for (const resource of RESOURCE_DOCS) {
    for (const doc of resource.routes) {
      const path = openApiPath(doc.path);
      paths[path] = { ...paths[path], [doc.method]: operation(doc, resource.name, facts, schemas) };
    }
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Vigil API',
      version: opts.version,
      description:
        'Risk scores for trafficking in persons in situations of armed conflict, per region and month, explainable indicator by indicator; the indicator catalogue; observations and imports. JSON unless stated. Errors are `{ error: { code, message, fields? } }`. Each operation says who may call it (`x-vigil-role`).',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [{ url: '/', description: 'This Vigil server' }],
    tags: RESOURCE_DOCS.map((r) => ({ name: r.name, description: r.description })),
    paths,
    components: {
      schemas: Object.fromEntries(Object.entries(schemas).sort(([a], [b]) => a.localeCompare(b))),
      securitySchemes: {
        session: {
          type: 'apiKey',
          in: 'cookie',
          name: 'vigil_session',
          description:
            'Browser session from POST /api/auth/login. Writes also send the session’s CSRF token in X-CSRF-Token.',
        },
        apiToken: {
          type: 'http',
          scheme: 'bearer',
          description: 'An API token from POST /api/auth/tokens, as `Authorization: Bearer <token>`.',
        },
      },
    },
  };
}
