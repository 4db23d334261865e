import { createMiddleware } from 'hono/factory';
import { ApiError } from '../errors.ts';
import { routePattern } from './access.ts';

/**
 * API routes a server on PostgreSQL serves: their handlers read and write only through the awaited
 * interface (`data`, db/async.ts). Every API route of the app is here or in
 * {@link NOT_YET_ON_POSTGRESQL}, never both (test/api/not-on-postgresql.test.ts), so a new route has
 * to say which it is.
 */
export const ON_POSTGRESQL: readonly string[] = [
  'POST /api/auth/login',
  'POST /api/auth/logout',
  'GET /api/auth/me',
  'PATCH /api/auth/me',
  'POST /api/auth/password',
  'GET /api/auth/tokens',
  'POST /api/auth/tokens',
  'DELETE /api/auth/tokens/:id',
  'GET /api/users',
  'POST /api/users',
  'PATCH /api/users/:id',
  'GET /api/audit',
  'GET /api/watchlist',
  'PUT /api/watchlist/:code',
  'DELETE /api/watchlist/:code',
  'GET /api/health',
  'GET /api/frameworks',
  'GET /api/indicators',
  'GET /api/indicator-groups',
  'GET /api/exploitation-forms',
  'GET /api/catalogue/versions',
  'GET /api/catalogue/versions/:id',
  'POST /api/catalogue/versions',
  'GET /api/regions',
  'GET /api/regions/:code',
  'GET /api/boundaries/:level',
  'GET /api/map/style.json',
  'GET /api/tiles/:level/:z/:x/:y',
  'GET /api/boundary-sets',
  'POST /api/boundary-sets',
  'GET /api/periods',
  'GET /api/areas',
  'GET /api/scenarios',
  'POST /api/areas',
  'DELETE /api/areas/:id',
  'GET /api/imports',
  'GET /api/observations',
  'POST /api/observations',
  'POST /api/observations/preview',
  'POST /api/observations/:id/supersede',
  'POST /api/observations/:id/retract',
  'POST /api/region-aliases',
  'GET /api/export/metadata',
  // The stored views (baseline scenario); another scenario is computed in the read pool: 503 (api/routes/exports.ts).
  'GET /api/export/scores.csv',
  'GET /api/export/scores.hxl.csv',
  'GET /api/export/scores.geojson',
  'GET /api/export/brief',
  'POST /api/areas/profile',
  'GET /api/imports/:id',
  // Every import profile (runImport; test/api/import-profiles-engines.test.ts).
  'POST /api/imports',
  'POST /api/imports/:id/rollback',
  // Stored views are read; another scenario or method is computed in process there (the read pool on SQLite).
  'GET /api/scores',
  'GET /api/scores/map',
  'GET /api/alerts',
  'GET /api/regions/:code/alerts',
  'GET /api/risers',
  'GET /api/regions/:code/scores',
  'GET /api/regions/:code/explain',
  'GET /api/scenarios/:id/compare',
  'GET /api/sensitivity',
  'GET /api/validation',
  // No database: a file read in memory, the import profiles and their templates, the API's description.
  'POST /api/areas/read',
  'GET /api/import-profiles',
  'GET /api/import-profiles/:name/template',
  'GET /api/openapi.json',
  'GET /api/docs',
  'GET /api/docs/docs.css',
  'GET /api/docs/docs.js',
];

/**
 * API routes a server on PostgreSQL answers with 503 `not_on_postgresql`: their handlers still use
 * the synchronous SQLite handle `db`, or the read pool, sweep workers or job children, which open the
 * SQLite file. Served there they would read the local SQLite copy, a second truth gone stale since
 * the first start. A route moved to the awaited interface leaves this list for {@link ON_POSTGRESQL}.
 */
export const NOT_YET_ON_POSTGRESQL: readonly string[] = [];

/** The 503 of a route (or one of its views) not served on PostgreSQL yet: `what` names it. */
export function notOnPostgresql(what: string): ApiError {
  return new ApiError(
    503,
    'not_on_postgresql',
    `${what} is not served on PostgreSQL yet (it still reads the SQLite file); see docs/deployment.md for what is`,
  );
}

/**
 * Answers the routes of `list` (`METHOD /api/path`, Hono's `:param` patterns) with 503
 * {@link notOnPostgresql} before anything else runs: mounted by createApp only when the app's data
 * are on PostgreSQL.
 */
export function notOnPostgresqlGate(list: readonly string[] = NOT_YET_ON_POSTGRESQL) {
  const routes = list.map((r) => {
    const [method, path] = r.split(' ') as [string, string];
    return { route: r, method, re: routePattern(path) };
  });
  return createMiddleware(async (c, next) => {
    const method = c.req.method === 'HEAD' ? 'GET' : c.req.method;
    const hit = routes.find((r) => r.method === method && r.re.test(c.req.path));
    if (hit) throw notOnPostgresql(hit.route);
    await next();
  });
}
