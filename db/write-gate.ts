/**
 * A pause on writes to one database file, shared with other threads of this process. A full
 * recompute builds its rows away from the database, then stores them in one short transaction; while
 * it does, writes on this process's connections would only wait for its lock (and fail once the busy
 * timeout runs out). With the gate closed they are refused at once, before they write anything: the
 * API answers 503 with Retry-After.
 */

/** Slots of a gate: closed (1) or open (0), and how many seconds to suggest waiting. */
const CLOSED = 0;
const RETRY = 1;

const gates = new Map<string, Int32Array>();

/** The gate of the database file `path`, made on first use (memory shared by the threads it is handed to). */
export function writeGate(path: string): Int32Array {
  let gate = gates.get(path);
  if (!gate) gates.set(path, (gate = new Int32Array(new SharedArrayBuffer(8))));
  return gate;
}

/** Closes `gate` (writes refused) with the wait to suggest, or opens it again. */
export function setWriteGate(gate: Int32Array, closed: boolean, retryAfterSeconds = 1): void {
  Atomics.store(gate, RETRY, Math.max(1, Math.ceil(retryAfterSeconds)));
  Atomics.store(gate, CLOSED, closed ? 1 : 0);
}

/** Writes to the database file were refused for a short while; nothing was written. */
export class WritesPausedError extends Error {
  constructor(
    readonly retryAfterSeconds: number,
    message = `Writes are paused for a moment while a full recompute stores its scores; nothing was written. Retry after ${retryAfterSeconds} s.`,
  ) {
    super(message);
    this.name = 'WritesPausedError';
  }
}

/** Throws {@link WritesPausedError} when the gate of `path` is closed. */
export function checkWriteGate(path: string): void {
  const gate = gates.get(path);
  if (gate && Atomics.load(gate, CLOSED) === 1) throw new WritesPausedError(Atomics.load(gate, RETRY));
}

/** True when `gate` is closed. */
export function writeGateClosed(gate: Int32Array): boolean {
  return Atomics.load(gate, CLOSED) === 1;
}

/** True when `e` (or an error it wraps) is SQLite giving up on a lock another connection holds. */
export function isBusyError(e: unknown): boolean {
  for (let at: unknown = e, depth = 0; at && depth < 5; depth++) {
    const code = (at as { code?: unknown }).code;
    if (typeof code === 'string' && /^SQLITE_(BUSY|LOCKED)/.test(code)) return true;
    at = (at as { cause?: unknown }).cause;
  }
  return false;
}
