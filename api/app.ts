import { Hono } from 'hono';
import { serveStatic } from '@hono/node-server/serve-static';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '../db/client.ts';
import { sqliteAsync, sqliteHandleOf, type AsyncDb } from '../db/async.ts';
import { ApiError, onError } from './errors.ts';
import { boundaryRoutes } from './routes/boundaries.ts';
import { tileRoutes } from './routes/tiles.ts';
import { boundarySetRoutes } from './routes/boundary-sets.ts';
import { catalogueRoutes } from './routes/catalogue.ts';
import { healthRoutes } from './routes/health.ts';
import { regionRoutes } from './routes/regions.ts';
import { scoreRoutes } from './routes/scores.ts';
import { exportRoutes } from './routes/exports.ts';
import { alertRoutes } from './routes/alerts.ts';
import { scenarioRoutes } from './routes/scenarios.ts';
import { validationRoutes } from './routes/validation.ts';
import { authRoutes } from './routes/auth.ts';
import { userRoutes } from './routes/users.ts';
import { auditRoutes } from './routes/audit.ts';
import { watchlistRoutes } from './routes/watchlist.ts';
import { areaRoutes } from './routes/areas.ts';
import { observationRoutes } from './routes/observations.ts';
import { importRoutes } from './routes/imports.ts';
import { docsRoutes } from './routes/docs.ts';
import { accessGate } from './middleware/access.ts';
import { authenticate } from './middleware/auth.ts';
import { bodyLimits } from './middleware/body-limits.ts';
import { csrfProtection } from './middleware/csrf.ts';
import { notOnPostgresqlGate } from './middleware/not-on-postgresql.ts';
import { securityHeaders } from './middleware/security-headers.ts';
import { HeavyGate } from './middleware/heavy-gate.ts';
import { DEFAULT_SECURITY, type SecurityConfig } from './services/auth/config.ts';
import type { BackupSettings } from './services/backup/status.ts';

/** What the app needs: a migrated database, its version, and optionally the built dashboard to serve. */
export interface AppOptions {
  db: Db;
  /**
   * The same database behind the awaited interface (issue 18): routes moved to it take `data`, and
   * on PostgreSQL it is the pool. Defaults to `db` seen through `sqliteAsync`.
   */
  data?: AsyncDb;
  version: string;
  webRoot?: string;
  /** Accounts and hardening settings; defaults: public read on, 1 MB bodies, 50 MB imports. */
  security?: Partial<SecurityConfig>;
  /** The backup schedule the server runs, if any (shown to admins by `/api/health`). */
  backups?: BackupSettings;
}

/** The API routes alone, chained so that their types flow to the web client. */
export function createApi({ db, data = sqliteAsync(db), version, security, backups }: AppOptions) {
  const config = { ...DEFAULT_SECURITY, ...security };
  const heavy = { gate: new HeavyGate(config.heavyReads, config.heavyReadsPerClient), trustProxy: config.trustProxy };
  return new Hono()
    .route('/', authRoutes(data, config))
    .route('/', userRoutes(data, config))
    .route('/', auditRoutes(data))
    .route('/', watchlistRoutes(data, config))
    .route('/', healthRoutes(version, data, backups, config.now))
    .route('/', catalogueRoutes(data))
    .route('/', regionRoutes(data))
    .route('/', boundaryRoutes(data))
    .route('/', tileRoutes(data))
    .route('/', boundarySetRoutes(data))
    .route('/', scoreRoutes(db, data, heavy))
    .route('/', exportRoutes(db, data, version, heavy))
    .route('/', alertRoutes(db, data, heavy))
    .route('/', areaRoutes(db, data, version, heavy, config))
    .route('/', scenarioRoutes(db, data, config, heavy))
    .route('/', validationRoutes(db, data))
    .route('/', observationRoutes(data))
    .route('/', importRoutes(data));
}

/** The API's type, for `hc<AppType>()` in the dashboard. */
export type AppType = ReturnType<typeof createApi>;

/**
 * The whole application: `/api/*` plus, when `webRoot` holds a built dashboard, the dashboard itself
 * (static assets, and `index.html` for every other path so client-side routes work).
 */
export function createApp(opts: AppOptions) {
  const app = new Hono();
  const config = { ...DEFAULT_SECURITY, ...opts.security };
  app.onError(onError);
  app.use('*', securityHeaders());
  app.use('/api/*', bodyLimits({ maxBody: config.maxBodyBytes, maxImport: config.maxImportBytes }));
  // Data without a SQLite handle (PostgreSQL): the routes still on `db` or the SQLite workers answer 503.
  if (opts.data && !sqliteHandleOf(opts.data)) app.use('/api/*', notOnPostgresqlGate());
  const routes = () =>
    app.routes.filter((r) => r.method !== 'ALL' && r.path.startsWith('/api/')).map((r) => `${r.method} ${r.path}`);
  app.use(
    '/api/*',
    authenticate(opts.data ?? sqliteAsync(opts.db), config),
    accessGate(() => config.publicRead, routes),
    csrfProtection(config),
  );
  app.route('/api', createApi(opts));
  app.route(
    '/api',
    docsRoutes(() => app.routes, opts.version),
  );
  app.all('/api/*', () => {
    throw new ApiError(404, 'not_found', 'No such API route');
  });
  const root = opts.webRoot;
  if (root && existsSync(join(root, 'index.html'))) {
    const index = readFileSync(join(root, 'index.html'), 'utf8');
    app.use('/*', serveStatic({ root }));
    app.get('*', (c) => c.html(index));
  }
  return app;
}
