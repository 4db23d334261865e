import { Hono } from 'hono';
import { serveStatic } from '@hono/node-server/serve-static';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '../db/client.ts';
import { ApiError, onError } from './errors.ts';
import { boundaryRoutes } from './routes/boundaries.ts';
import { catalogueRoutes } from './routes/catalogue.ts';
import { healthRoutes } from './routes/health.ts';
import { regionRoutes } from './routes/regions.ts';
import { scoreRoutes } from './routes/scores.ts';

/** What the app needs: a migrated database, its version, and optionally the built dashboard to serve. */
export interface AppOptions {
  db: Db;
  version: string;
  webRoot?: string;
}

/** The API routes alone, chained so that their types flow to the web client. */
export function createApi({ db, version }: AppOptions) {
  return new Hono()
    .route('/', healthRoutes(version))
    .route('/', catalogueRoutes(db))
    .route('/', regionRoutes(db))
    .route('/', boundaryRoutes(db))
    .route('/', scoreRoutes(db));
}

/** The API's type, for `hc<AppType>()` in the dashboard. */
export type AppType = ReturnType<typeof createApi>;

/**
 * The whole application: `/api/*` plus, when `webRoot` holds a built dashboard, the dashboard itself
 * (static assets, and `index.html` for every other path so client-side routes work).
 */
export function createApp(opts: AppOptions) {
  const app = new Hono();
  app.onError(onError);
  app.route('/api', createApi(opts));
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
