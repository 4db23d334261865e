import { Hono, type Context } from 'hono';
import type { RouterRoute } from 'hono/types';
import { buildOpenApi, type OpenApiDocument } from '../openapi/build.ts';
import { DOCS_CSS, DOCS_JS } from '../openapi/docs-assets.ts';
import { renderDocsPage } from '../openapi/docs-page.ts';

const asset = (c: Context, body: string, type: string) =>
  c.body(body, 200, { 'Content-Type': `${type}; charset=utf-8`, 'Cache-Control': 'public, max-age=300' });

/**
 * The API described: `GET /openapi.json` (OpenAPI 3.1, built once from the route descriptions in
 * api/openapi/ and the served routes, `routes()`: the app's route table, read at the first request
 * so that every route is registered by then) and `GET /docs` (the same, as a page Vigil renders
 * itself, with its own stylesheet and script at `/docs/docs.css` and `/docs/docs.js`).
 */
export function docsRoutes(routes: () => readonly RouterRoute[], version: string) {
  let spec: OpenApiDocument | undefined;
  let page: string | undefined;
  const openApi = () => (spec ??= buildOpenApi(routes(), { version }));
  return new Hono()
    .get('/openapi.json', (c) => c.json(openApi()))
    .get('/docs', (c) => c.html((page ??= renderDocsPage(openApi()))))
    .get('/docs/docs.css', (c) => asset(c, DOCS_CSS, 'text/css'))
    .get('/docs/docs.js', (c) => asset(c, DOCS_JS, 'text/javascript'));
}
