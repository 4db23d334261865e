import { bodyLimit } from 'hono/body-limit';
import { createMiddleware } from 'hono/factory';
import type { ErrorEnvelope } from '../errors.ts';

/** A byte count for people: "1 MB", "50 MB", "512 KB". */
export function formatBytes(n: number): string {
  if (n >= 1024 * 1024 && n % (1024 * 1024) === 0) return `${n / (1024 * 1024)} MB`;
  if (n >= 1024 && n % 1024 === 0) return `${n / 1024} KB`;
  return `${n} bytes`;
}

function limit(maxSize: number, what: string) {
  return bodyLimit({
    maxSize,
    onError: (c) =>
      c.json(
        {
          error: { code: 'payload_too_large', message: `${what} is larger than the limit of ${formatBytes(maxSize)}` },
        } satisfies ErrorEnvelope,
        413,
      ),
  });
}

/** Boundary sets (`/api/boundary-sets`) may be up to 200 MB: a country's COD-AB admin-2 Shapefile is often tens. */
export const MAX_BOUNDARY_SET_BYTES = 200 * 1024 * 1024;

/** An area of interest file (`/api/areas/read`): a planner's footprint, not a country's districts. */
export const MAX_AREA_FILE_BYTES = 20 * 1024 * 1024;

/**
 * Request size limits: `maxImport` for uploads to `/api/imports`, {@link MAX_BOUNDARY_SET_BYTES} for
 * boundary sets, {@link MAX_AREA_FILE_BYTES} for an area file, `maxBody` for every other request.
 * Over the limit a 413 names it; a declared Content-Length is refused before anything is read.
 */
export function bodyLimits({ maxBody, maxImport }: { maxBody: number; maxImport: number }) {
  const small = limit(maxBody, 'Request body');
  const large = limit(maxImport, 'Upload');
  const boundaries = limit(MAX_BOUNDARY_SET_BYTES, 'Boundary set upload');
  const areaFile = limit(MAX_AREA_FILE_BYTES, 'Area file');
  return createMiddleware(async (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    if (c.req.path.startsWith('/api/boundary-sets')) return boundaries(c, next);
    if (c.req.path === '/api/areas/read') return areaFile(c, next);
    return (c.req.path.startsWith('/api/imports') ? large : small)(c, next);
  });
}
