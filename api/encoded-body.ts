import type { Context } from 'hono';

/** A body encoded once and gzipped once, with its validator: what the boundary and tile routes serve. */
export interface EncodedBody {
  raw: Uint8Array<ArrayBuffer>;
  gzip: Uint8Array<ArrayBuffer>;
  etag: string;
}

/**
 * Answers with `e` as the client asks: 304 when its ETag matches, gzip when accepted, else plain;
 * revalidated on each use (`max-age=0`), so a new boundary set version is seen at once.
 */
export function sendEncoded(c: Context, e: EncodedBody, contentType: string): Response {
  c.header('ETag', e.etag);
  c.header('Cache-Control', 'public, max-age=0, must-revalidate');
  c.header('Vary', 'Accept-Encoding');
  if (c.req.header('If-None-Match') === e.etag) return c.body(null, 304);
  c.header('Content-Type', contentType);
  if (/\bgzip\b/.test(c.req.header('Accept-Encoding') ?? '')) {
    c.header('Content-Encoding', 'gzip');
    return c.body(e.gzip);
  }
  return c.body(e.raw);
}
