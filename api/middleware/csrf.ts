import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { ApiError } from '../errors.ts';
import { safeEqual } from '../services/auth/tokens.ts';
import { authOf } from './auth.ts';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The header a dashboard write carries: the session's CSRF token (also readable from the `vigil_csrf` cookie). */
export const CSRF_HEADER = 'X-CSRF-Token';

/**
 * True when the browser says the request comes from another site, by Fetch Metadata or Origin. The
 * Origin is compared with `Host`, or with `X-Forwarded-Host` only behind a trusted proxy
 * (`trustProxy`): anyone can send that header, and a proxy that does not set it passes it through.
 */
function crossSite(c: Context, trustProxy: boolean): boolean {
  const site = c.req.header('Sec-Fetch-Site');
  if (site && site !== 'same-origin' && site !== 'none') return true;
  const origin = c.req.header('Origin');
  if (!origin || origin === 'null') return origin === 'null';
  const forwarded = trustProxy ? c.req.header('X-Forwarded-Host')?.split(',')[0]?.trim() : undefined;
  const host = forwarded || c.req.header('Host');
  try {
    return new URL(origin).host !== host;
  } catch {
    return true;
  }
}

/**
 * Cross-site request forgery protection for cookie sessions. A state-changing request made with the
 * session cookie must come from the same origin (Fetch Metadata `Sec-Fetch-Site` / `Origin`) and carry
 * the session's token in `X-CSRF-Token`, except that a browser-stated `Sec-Fetch-Site: same-origin`
 * is accepted in place of the token (a page on another site cannot forge that header). The sign-in
 * route is checked for origin too (login CSRF). Requests with an API token carry no ambient
 * credential and are exempt. `X-Forwarded-Host` is read only with `trustProxy` (`VIGIL_TRUST_PROXY`).
 */
export function csrfProtection({ trustProxy }: { trustProxy: boolean }) {
  return createMiddleware(async (c, next) => {
    if (SAFE.has(c.req.method)) return next();
    const auth = authOf(c);
    const isLogin = c.req.path === '/api/auth/login';
    if ((auth?.via === 'session' || isLogin) && crossSite(c, trustProxy))
      throw new ApiError(403, 'csrf', 'Cross-site request refused');
    if (auth?.via === 'session') {
      const token = c.req.header(CSRF_HEADER);
      const sameOrigin = c.req.header('Sec-Fetch-Site') === 'same-origin';
      if (token ? !safeEqual(token, auth.csrfToken) : !sameOrigin) {
        throw new ApiError(403, 'csrf', `Missing or wrong ${CSRF_HEADER} header (the session's CSRF token)`);
      }
    }
    return next();
  });
}
