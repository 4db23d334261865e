import type { Context, MiddlewareHandler } from 'hono';

/** A request's place in a {@link Line}: `before` settles once every place taken before it is done. */
interface Place {
  before: Promise<unknown>;
  done: () => void;
}

/** The place each request in a line holds until its check ran (or it was answered without one). */
const places = new WeakMap<Context, Place>();

/**
 * Requests checked in the order they reached a route, whatever order the awaited reads between
 * (a data version, a region, a cache) come back in: on PostgreSQL two reads resolve in any order, so
 * a request that arrived later could otherwise reach the heavy-work gate first and be admitted in the
 * place of one before it. Each request takes its place synchronously on arrival ({@link Line.join},
 * before any await), and its check ({@link inTurn}: a cache lookup, the gate's count) runs once
 * every request before it was checked or answered. Checks are short and synchronous: a place waits
 * for the checks before it, never for their work.
 */
export class Line {
  private last: Promise<unknown> = Promise.resolve();

  /**
   * Middleware, first on a route: the request takes the next place, and leaves it when answered if
   * its check never ran (a 4xx, a read that needed none).
   * @example .get('/regions/:code/explain', heavy.gate.line.join, validate('query', ExplainQuery), handler)
   */
  readonly join: MiddlewareHandler = async (c, next) => {
    let done!: () => void;
    const mine = new Promise<void>((resolve) => (done = resolve));
    places.set(c, { before: this.last, done });
    this.last = this.last.then(() => mine);
    try {
      await next();
    } finally {
      leaveLine(c);
    }
  };

  /**
   * Runs `fn` once every request in line now was checked or answered: an end of work counted by the
   * gate (its release) reaches the requests that arrived after it, never one that arrived before, so
   * a check sees the work running when its request arrived, however long its reads took.
   */
  afterThoseWaiting(fn: () => void): void {
    void this.last.then(fn);
  }
}

/**
 * Runs `check` in `c`'s turn, once every request in its line before it was checked or answered, and
 * lets the next one go as soon as `check` returned (its promise is the work, not the check). Without
 * a place (a route outside any line, or a check nested in one already running), at once.
 * @example const entry = await inTurn(c, () => built(store, key, start));
 */
export function inTurn<T>(c: Context, check: () => Promise<T>): Promise<T> {
  const place = places.get(c);
  if (!place) return check();
  places.delete(c);
  return place.before.then(() => {
    try {
      return check();
    } finally {
      place.done();
    }
  });
}

/** `c` leaves its line without a check (a stored read, answered without the gate): the next may go. */
export function leaveLine(c: Context): void {
  places.get(c)?.done();
  places.delete(c);
}
