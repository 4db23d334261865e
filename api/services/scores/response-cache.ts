import { brotliCompress, brotliCompressSync, constants, gzip, gzipSync } from 'node:zlib';
import { promisify } from 'node:util';
import { createHash } from 'node:crypto';
import type { Context, TypedResponse } from 'hono';
import type { JSONParsed } from 'hono/utils/types';
import type { AsyncDb } from '../../../db/async.ts';
import type { Db } from '../../../db/client.ts';
import { dataVersionOf } from '../../../db/data-version.ts';
import { dataVersion } from '../../../db/queries/raw.ts';
import { inTurn, leaveLine } from '../in-arrival-order.ts';

/** False once the connection under `db` was closed (a test's or a shutting-down server's). */
const isOpen = (db: Db) => (db as { $client?: { open?: boolean } }).$client?.open !== false;

/** The bytes of a Buffer as a plain Uint8Array view (no copy). */
const view = (b: Buffer) => new Uint8Array(b.buffer as ArrayBuffer, b.byteOffset, b.length);

const brotliOptions = (raw: Buffer) => ({
  params: { [constants.BROTLI_PARAM_QUALITY]: 3, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length },
});
const brotli = (raw: Buffer) => brotliCompressSync(raw, brotliOptions(raw));
const brotliAsync = promisify(brotliCompress);
const gzipAsync = promisify(gzip);
const GZIP = { level: 4 };

/** A body to cache: a JSON value, or text already serialised (a CSV or GeoJSON download). */
export type Built = { headers?: Record<string, string> } & ({ body: unknown } | { text: string });

/** A response body serialised with its content ETag and headers: what a worker hands back to be cached. */
export interface EncodedBody {
  etag: string;
  raw: Uint8Array;
  headers: Record<string, string>;
}

/** One cached response body with its validator and its compressed forms (made on first demand). */
interface Entry {
  etag: string;
  raw: Buffer;
  gzip?: Buffer;
  br?: Buffer;
  headers: Record<string, string>;
}

/** Serialises `built` once and names its bytes by their hash (the ETag). */
export function encodeBody(built: Built): EncodedBody {
  const raw = Buffer.from('text' in built ? built.text : JSON.stringify(built.body));
  return { etag: `"${createHash('sha1').update(raw).digest('base64url')}"`, raw, headers: built.headers ?? {} };
}

const toEntry = (e: EncodedBody): Entry => ({
  etag: e.etag,
  raw: Buffer.from(e.raw.buffer, e.raw.byteOffset, e.raw.byteLength),
  headers: e.headers,
});

/**
 * Answers `c` with the JSON `e` built elsewhere (a worker), uncached, typed as `T` for the client.
 * @example return sendEncoded<Explanation>(c, await pooledRead(db, job))
 */
export function sendEncoded<T>(c: Context, e: EncodedBody): Response & TypedResponse<JSONParsed<T>, 200, 'json'> {
  for (const [h, value] of Object.entries(e.headers)) c.header(h, value);
  c.header('Content-Type', 'application/json');
  return c.body(e.raw as Uint8Array<ArrayBuffer>) as unknown as Response & TypedResponse<JSONParsed<T>, 200, 'json'>;
}

/**
 * Encoded JSON responses of read routes, kept until the data change (`perDataVersion`): the
 * body is serialised once, validated with a content ETag (304 on If-None-Match), and compressed once
 * per encoding (brotli or gzip, as the client accepts; at levels that compress 2.5 MB of scores in
 * about 10 ms, since a new month is compressed while the dashboard waits). Bounded by total size,
 * oldest dropped first. Bodies built in the worker pool (`offload`) are compressed in libuv's thread
 * pool, and requests for a body being built wait for that one build.
 *
 * The data version is `db`'s (SQLite) for `raw`/`respond`, and `data`'s, awaited (`dataVersionOf`,
 * either engine), for `offload`, `respondAsync` and `prefetch`: a cache whose routes read through
 * `data` uses only those, so that on PostgreSQL a write by any process empties it.
 */
export function responseCache(db: Db, opts: { maxBytes?: number; data?: AsyncDb } = {}) {
  const maxBytes = opts.maxBytes ?? 48 * 1024 * 1024;
  const newStore = () => ({ entries: new Map<string, Entry>(), bytes: 0, building: new Map<string, Promise<Entry>>() });
  type Store = ReturnType<typeof newStore>;
  /** The responses of the current data version, their size, and the builds under way (emptied when the data change). */
  let slot: { version: string; store: Store } | undefined;
  const storeAt = (version: string) => {
    if (slot?.version !== version) slot = { version, store: newStore() };
    return slot.store;
  };
  const current = () => storeAt(dataVersion(db));
  const { data } = opts;
  const currentAsync = async () => (data ? storeAt(await dataVersionOf(data)) : current());
  const put = (store: Store, key: string, e: Entry) => {
    store.entries.set(key, e);
    store.bytes += e.raw.length;
    for (const [k, old] of store.entries) {
      if (store.bytes <= maxBytes || k === key) break;
      store.entries.delete(k);
      store.bytes -= old.raw.length + (old.gzip?.length ?? 0) + (old.br?.length ?? 0);
    }
  };
  /** The entry under `key`, or its build under way, or a new build started by `start` (into the store it began in). */
  const built = (store: Store, key: string, start: () => Promise<EncodedBody>): Promise<Entry> => {
    const e = store.entries.get(key);
    if (e) {
      store.entries.delete(key);
      store.entries.set(key, e);
      return Promise.resolve(e);
    }
    const pending = store.building.get(key);
    if (pending) return pending;
    const build = start()
      .then((encoded) => {
        const entry = toEntry(encoded);
        put(store, key, entry);
        return entry;
      })
      .finally(() => store.building.delete(key));
    store.building.set(key, build);
    return build;
  };
  const headers = (c: Context, e: Entry) => {
    for (const [h, value] of Object.entries(e.headers)) c.header(h, value);
    c.header('ETag', e.etag);
    c.header('Cache-Control', 'no-cache');
    c.header('Vary', 'Accept-Encoding');
    if (!e.headers['Content-Type']) c.header('Content-Type', 'application/json');
  };
  const encodingOf = (c: Context) => {
    const accept = c.req.header('Accept-Encoding') ?? '';
    return /\bbr\b/.test(accept) ? 'br' : /\bgzip\b/.test(accept) ? 'gzip' : null;
  };
  /** Sends `e` as `c` asks for it (304, brotli, gzip or plain), compressing here what is not compressed yet. */
  const send = (c: Context, store: Store, e: Entry) => {
    headers(c, e);
    if (c.req.header('If-None-Match') === e.etag) return c.body(null, 304);
    const encoding = encodingOf(c);
    if (!encoding) return c.body(view(e.raw));
    if (!e[encoding]) {
      e[encoding] = encoding === 'br' ? brotli(e.raw) : gzipSync(e.raw, GZIP);
      store.bytes += e[encoding].length;
    }
    c.header('Content-Encoding', encoding);
    return c.body(view(e[encoding]));
  };
  return {
    /**
     * After the current request, lists `jobs` and builds (in the worker pool, when `build` gives a
     * promise of an encoded body), compresses (brotli,
     * what browsers ask for) and caches those whose keys are not cached yet, ahead of requests likely
     * to come (neighbouring months). Background work: skipped once the database is closed, and a
     * failure is logged, never thrown into the process.
     */
    prefetch(
      jobs: () =>
        | { key: string; build: () => Built | Promise<EncodedBody> }[]
        | Promise<{ key: string; build: () => Built | Promise<EncodedBody> }[]>,
    ): void {
      setImmediate(async () => {
        const failed = (key: string) => (err: unknown) =>
          console.error(`Preparing ${key} in the background failed:`, err);
        try {
          if (!isOpen(db)) return;
          const store = await currentAsync();
          for (const job of await jobs()) {
            if (store.entries.has(job.key) || store.building.has(job.key)) continue;
            const start = async () => {
              const b = job.build();
              return b instanceof Promise ? b : encodeBody(b);
            };
            built(store, job.key, start)
              .then(async (e) => {
                if (e.br) return;
                e.br = await brotliAsync(e.raw, brotliOptions(e.raw));
                store.bytes += e.br.length;
              })
              .catch(failed(job.key));
          }
        } catch (err) {
          failed('(listing the work)')(err);
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
    /** {@link respond} for a cache over `data`: the version is awaited and the body may be built by awaiting. */
    async respondAsync<T>(
      c: Context,
      key: string,
      build: () =>
        { body: T; headers?: Record<string, string> } | Promise<{ body: T; headers?: Record<string, string> }>,
    ): Promise<Response & TypedResponse<JSONParsed<T>, 200, 'json'>> {
      const res = await this.offload(c, key, async () => encodeBody(await build()));
      return res as Response & TypedResponse<JSONParsed<T>, 200, 'json'>;
    },
    /**
     * {@link respond} without the response type the typed client reads; `build` may give text already
     * serialised (a download) with its own `Content-Type`.
     */
    raw(c: Context, key: string, build: () => Built): Response {
      const store = current();
      let e = store.entries.get(key);
      if (e) {
        store.entries.delete(key);
        store.entries.set(key, e);
      } else {
        e = toEntry(encodeBody(build()));
        put(store, key, e);
      }
      return send(c, store, e);
    },
    /**
     * {@link raw} for bodies too heavy to build on the event loop: `start` builds one elsewhere (the
     * worker pool) and is called only when `key` is neither cached nor being built, so that twenty
     * requests for one download cost one build and one buffer. Compression runs off the event loop.
     * A body not cached nor being built is looked up again and started in `c`'s turn (`inTurn`: a
     * request in a heavy-work line), so that a request after one whose build is being admitted finds
     * that build; a cached or shared body is never counted, and never waits for a turn.
     */
    async offload(c: Context, key: string, start: () => Promise<EncodedBody>): Promise<Response> {
      const store = await currentAsync();
      // A body cached or being built is no new work: it waits for no turn.
      if (store.entries.has(key) || store.building.has(key)) leaveLine(c);
      const e = await inTurn(c, () => built(store, key, start));
      const encoding = encodingOf(c);
      if (encoding && !e[encoding] && c.req.header('If-None-Match') !== e.etag) {
        const z = await (encoding === 'br' ? brotliAsync(e.raw, brotliOptions(e.raw)) : gzipAsync(e.raw, GZIP));
        if (!e[encoding]) {
          e[encoding] = z;
          store.bytes += z.length;
        }
      }
      return send(c, store, e);
    },
  };
}
