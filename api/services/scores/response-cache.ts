import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import type { Context, TypedResponse } from 'hono';
import type { JSONParsed } from 'hono/utils/types';
import type { Db } from '../../../db/client.ts';
import { perDataVersion } from '../../../db/queries/raw.ts';

/** The bytes of a Buffer as a plain Uint8Array view (no copy). */
/** False once the connection under `db` was closed (a test's or a shutting-down server's). */
const isOpen = (db: Db) => (db as { $client?: { open?: boolean } }).$client?.open !== false;

const view = (b: Buffer) => new Uint8Array(b.buffer as ArrayBuffer, b.byteOffset, b.length);

const brotli = (raw: Buffer) =>
  brotliCompressSync(raw, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 3, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length },
  });

/** A body to cache: a JSON value, or text already serialised (a CSV or GeoJSON download). */
type Built = { headers?: Record<string, string> } & ({ body: unknown } | { text: string });

/** One cached response body with its validator and its compressed forms (made on first demand). */
interface Entry {
  etag: string;
  raw: Buffer;
  gzip?: Buffer;
  br?: Buffer;
  headers: Record<string, string>;
}

/**
 * Encoded JSON responses of read routes, kept until the data change (`perDataVersion`): the
 * body is serialised once, validated with a content ETag (304 on If-None-Match), and compressed once
 * per encoding (brotli or gzip, as the client accepts; at levels that compress 2.5 MB of scores in
 * about 10 ms, since a new month is compressed while the dashboard waits). Bounded by total size,
 * oldest dropped first.
 */
export function responseCache(db: Db, opts: { maxBytes?: number } = {}) {
  const maxBytes = opts.maxBytes ?? 48 * 1024 * 1024;
  /** The responses of the current data version and their size (emptied when the data change). */
  const current = perDataVersion(() => ({ entries: new Map<string, Entry>(), bytes: 0 }));
  const put = (store: ReturnType<typeof current>, key: string, e: Entry) => {
    store.entries.set(key, e);
    store.bytes += e.raw.length;
    for (const [k, old] of store.entries) {
      if (store.bytes <= maxBytes || k === key) break;
      store.entries.delete(k);
      store.bytes -= old.raw.length + (old.gzip?.length ?? 0) + (old.br?.length ?? 0);
    }
  };
  const encode = (built: Built): Entry => {
    const raw = Buffer.from('text' in built ? built.text : JSON.stringify(built.body));
    return { etag: `"${createHash('sha1').update(raw).digest('base64url')}"`, raw, headers: built.headers ?? {} };
  };
  return {
    /**
     * After the current request, lists `jobs` and builds, compresses (brotli, what browsers ask for)
     * and caches those whose keys are not cached yet, ahead of requests likely to come (neighbouring
     * months). Background work: skipped once the database is closed, and a failure is logged, never
     * thrown into the process.
     */
    prefetch(jobs: () => { key: string; build: () => { body: unknown; headers?: Record<string, string> } }[]): void {
      setImmediate(() => {
        let key = '(listing the work)';
        try {
          if (!isOpen(db)) return;
          for (const job of jobs()) {
            key = job.key;
            if (!isOpen(db)) return;
            const store = current(db);
            if (store.entries.has(key)) continue;
            const e = encode(job.build());
            put(store, key, e);
            e.br = brotli(e.raw);
            store.bytes += e.br.length;
          }
        } catch (err) {
          console.error(`Preparing ${key} in the background failed:`, err);
        }
      });
    },
    /**
     * Answers `c` from the cache under `key`, building the body with `build` (a JSON value and extra
     * headers) when the data changed or the key is new.
     */
    respond<T>(
      c: Context,
      key: string,
      build: () => { body: T; headers?: Record<string, string> },
    ): Response & TypedResponse<JSONParsed<T>, 200, 'json'> {
      return this.raw(c, key, build) as Response & TypedResponse<JSONParsed<T>, 200, 'json'>;
    },
    /**
     * {@link respond} without the response type the typed client reads; `build` may give text already
     * serialised (a download) with its own `Content-Type`.
     */
    raw(c: Context, key: string, build: () => Built): Response {
      const store = current(db);
      let e = store.entries.get(key);
      if (e) {
        store.entries.delete(key);
        store.entries.set(key, e);
      } else {
        e = encode(build());
        put(store, key, e);
      }
      for (const [h, value] of Object.entries(e.headers)) c.header(h, value);
      c.header('ETag', e.etag);
      c.header('Cache-Control', 'no-cache');
      c.header('Vary', 'Accept-Encoding');
      if (c.req.header('If-None-Match') === e.etag) return c.body(null, 304);
      if (!e.headers['Content-Type']) c.header('Content-Type', 'application/json');
      const accept = c.req.header('Accept-Encoding') ?? '';
      if (/\bbr\b/.test(accept)) {
        if (!e.br) {
          e.br = brotli(e.raw);
          store.bytes += e.br.length;
        }
        c.header('Content-Encoding', 'br');
        return c.body(view(e.br));
      }
      if (/\bgzip\b/.test(accept)) {
        if (!e.gzip) {
          e.gzip = gzipSync(e.raw, { level: 4 });
          store.bytes += e.gzip.length;
        }
        c.header('Content-Encoding', 'gzip');
        return c.body(view(e.gzip));
      }
      return c.body(view(e.raw));
    },
  };
}
