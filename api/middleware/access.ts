import { createMiddleware } from 'hono/factory';
import { ApiError } from '../errors.ts';
import { authOf } from './auth.ts';

/** Routes anyone may call, signed in or not, whatever the public-read setting. */
export const OPEN_ROUTES: readonly string[] = [
  'GET /api/health',
  'GET /api/auth/me',
  'POST /api/auth/login',
  'POST /api/auth/logout',
];

/**
 * Reads an anonymous visitor may make while public read is on: the map, its scores and trends, alerts,
 * the catalogue, the methodology, exports, and the import profiles with their blank templates. Patterns use Hono's `:param` syntax; `*` ends a prefix.
 * Everything not listed (observations with their notes and history, imports, users, audit, tokens…)
 * needs an account.
 */
export const PUBLIC_READ_ROUTES: readonly string[] = [
  '/api/frameworks',
  '/api/indicators',
  '/api/indicators/:id',
  '/api/exploitation-forms',
  '/api/indicator-groups',
  '/api/catalogue/versions',
  '/api/catalogue/versions/:id',
  '/api/regions',
  '/api/regions/:code',
  '/api/regions/:code/scores',
  '/api/regions/:code/explain',
  '/api/regions/:code/alerts',
  '/api/boundaries/:level',
  '/api/boundary-sets',
  '/api/tiles/:level/:z/:x/:y',
  '/api/map/*',
  '/api/periods',
  '/api/scores',
  '/api/scores/map',
  '/api/alerts',
  '/api/risers',
  '/api/sensitivity',
  '/api/validation',
  '/api/scenarios',
  '/api/scenarios/:id',
  '/api/scenarios/:id/compare',
  '/api/export/*',
  '/api/openapi.json',
  '/api/docs',
  '/api/docs/*',
  '/api/methodology',
  // What files Vigil reads and the blank templates it hands out: documentation, like the catalogue.
  '/api/import-profiles',
  '/api/import-profiles/:name/template',
];

/**
 * Requests that read though they are a POST (their input is too large for a query string), public
 * like the reads above: an area of interest's profile.
 */
export const PUBLIC_READ_POSTS: readonly string[] = ['/api/areas/profile', '/api/areas/read'];

/** A route pattern (Hono's `:param` segments, `*` for any rest) as a RegExp matching request paths. */
export function routePattern(pattern: string): RegExp {
  const body = pattern
    .split('/')
    .map((part) => (part === '*' ? '.*' : part.startsWith(':') ? '[^/]+' : part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  return new RegExp(`^${body}/?$`);
}

const publicReads = PUBLIC_READ_ROUTES.map(routePattern);
const publicPosts = PUBLIC_READ_POSTS.map(routePattern);
const open = new Set(OPEN_ROUTES);

/** Whether an anonymous visitor may make this request when public read is `publicRead`. */
export function anonymousMay(method: string, path: string, publicRead: boolean): boolean {
  const m = method === 'HEAD' ? 'GET' : method;
  if (open.has(`${m} ${path.replace(/\/$/, '')}`)) return true;
  if (!publicRead) return false;
  if (m === 'POST') return publicPosts.some((re) => re.test(path));
  return m === 'GET' && publicReads.some((re) => re.test(path));
}

/**
 * The first authorisation step for every `/api` request: anonymous requests pass only to the open
 * routes and (when public read is on) the public reads; all else is a 401. Requests that match no
 * route at all (`knownRoutes`: the app's `METHOD /path` patterns) pass on to the 404 handler when
 * public read is on, so a typo is a 404, not a misleading 401. Role checks per route are
 * `requireRole`'s.
 */
export function accessGate(publicRead: () => boolean, knownRoutes: () => readonly string[] = () => []) {
  let known: { method: string; re: RegExp }[] | undefined;
  const exists = (method: string, path: string) => {
    known ??= knownRoutes().map((k) => {
      const [m = '', p = ''] = k.split(' ');
      return { method: m, re: routePattern(p) };
    });
    const m = method === 'HEAD' ? 'GET' : method;
    return known.some((r) => (r.method === m || r.method === 'ALL') && r.re.test(path));
  };
  return createMiddleware(async (c, next) => {
    const open = publicRead();
    if (
      !authOf(c) &&
      c.req.method !== 'OPTIONS' &&
      !anonymousMay(c.req.method, c.req.path, open) &&
      !(open && !exists(c.req.method, c.req.path))
    ) {
      throw new ApiError(401, 'unauthorized', 'Sign in, or send an API token, to use this');
    }
    await next();
  });
}
