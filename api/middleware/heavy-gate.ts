import type { Context } from 'hono';
import { ApiError } from '../errors.ts';
import { inTurn, Line } from '../services/in-arrival-order.ts';
import { authOf } from './auth.ts';
import { clientIp } from './client-ip.ts';

/** Seconds a refused client is asked to wait: about one heavy computation. */
export const HEAVY_RETRY_AFTER = 10;

/**
 * Caps the heavy computations running at once, in the whole process and per client, so that a few
 * callers cannot queue up work that starves everyone else. The work itself runs outside the event
 * loop (a child process, or the worker pool); this bounds how much of it there is. Over either cap the request is refused
 * at once with a 429 `busy` and `Retry-After`, never queued (a queue would only hide the wait).
 * Requests are admitted in the order they reached their route: a route with awaited reads before
 * the gate's check joins the gate's `line` first, {@link gated} checks in the request's turn, and a
 * computation that ends is taken off the counts only for requests that arrived after it ended.
 */
export class HeavyGate {
  /** The line of the requests bound for this gate, checked in the order they arrived. */
  readonly line = new Line();
  private running = 0;
  private readonly byClient = new Map<string, number>();

  constructor(
    readonly global: number,
    readonly perClient: number,
  ) {}

  /** Admits one computation for `client` (or throws the 429 on `c`); call the result when it ends. */
  admit(c: Context, client: string): () => void {
    const mine = this.byClient.get(client) ?? 0;
    if (this.running >= this.global || mine >= this.perClient) {
      c.header('Retry-After', String(HEAVY_RETRY_AFTER));
      throw new ApiError(
        429,
        'busy',
        mine >= this.perClient
          ? `You already have ${mine} heavy computation${mine === 1 ? '' : 's'} running; try again in ${HEAVY_RETRY_AFTER} s`
          : `The server is running ${this.running} heavy computations; try again in ${HEAVY_RETRY_AFTER} s`,
      );
    }
    this.running++;
    this.byClient.set(client, mine + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.line.afterThoseWaiting(() => {
        this.running--;
        const n = (this.byClient.get(client) ?? 1) - 1;
        if (n > 0) this.byClient.set(client, n);
        else this.byClient.delete(client);
      });
    };
  }

  /**
   * Starts `work` once admitted for `client` (or throws the 429 on `c`), counted until it settles.
   * @example cache.offload(c, key, () => gate.run(c, heavyClient(c, trustProxy), () => pooledRead(db, job)))
   */
  run<T>(c: Context, client: string, work: () => Promise<T>): Promise<T> {
    const release = this.admit(c, client);
    return work().finally(release);
  }
}

/** Whom a heavy request counts against: the signed-in account, else the client's address. */
export function heavyClient(c: Context, trustProxy: boolean): string {
  const auth = authOf(c);
  return auth ? `account:${auth.user.id}` : `address:${clientIp(c, trustProxy)}`;
}

/** The gate of the heavy reads built in the worker pool, and how clients are told apart. */
export interface HeavyReads {
  gate: HeavyGate;
  trustProxy: boolean;
}

/**
 * Starts `work` for the client of `c` once `heavy`'s gate admits it (or throws the 429), checked in
 * `c`'s turn when it joined the gate's line (at once inside a check already running, e.g. a cache's).
 */
export function gated<T>(c: Context, heavy: HeavyReads, work: () => Promise<T>): Promise<T> {
  return inTurn(c, () => heavy.gate.run(c, heavyClient(c, heavy.trustProxy), work));
}
