import type { MessagePort } from 'node:worker_threads';
import { openDb } from '../../../db/client.ts';
import { loadCatalogue } from '../../../db/queries/catalogue.ts';
import { RowPacker, type PackedRows } from './packed-rows.ts';
import { baselineSweep, sweepStoredFamilies, type FamilyPlan } from './sweep-scores.ts';

/**
 * Slots of the shared control array: the next chunk to take, a counter bumped with every message, and
 * how many chunks were swept and not yet taken in by the writer (at most `inFlight`: back-pressure).
 */
export const NEXT = 0;
export const SIGNAL = 1;
export const IN_FLIGHT = 2;

/** What a sweep thread is started with (see `sweepInThreads`). */
export interface SweepThreadData {
  path: string;
  first: string;
  last: string;
  chunks: readonly (readonly FamilyPlan[])[];
  /** Int32 slots {@link NEXT}, {@link SIGNAL} and {@link IN_FLIGHT}, shared by every thread of one recompute. */
  control: SharedArrayBuffer;
  /** Most chunks swept but not yet written at any time, over every thread (memory holds about this many). */
  inFlight: number;
  port: MessagePort;
}

/** A message from a sweep thread: one chunk's rows, the end of its work, or the error it stopped on. */
export type SweepThreadMessage = { rows: PackedRows } | { done: true } | { error: string };

/** Wakes the thread waiting in `sweepInThreads`. */
export function signal(control: Int32Array): void {
  Atomics.add(control, SIGNAL, 1);
  Atomics.notify(control, SIGNAL);
}

/**
 * Waits until fewer than `limit` chunks are in flight, then counts one more: a thread sweeps its next
 * chunk only when the writer has room for it, so that a slow writer does not let rows pile up in memory.
 */
export function acquireChunk(control: Int32Array, limit: number): void {
  for (;;) {
    const n = Atomics.load(control, IN_FLIGHT);
    if (n < limit) {
      if (Atomics.compareExchange(control, IN_FLIGHT, n, n + 1) === n) return;
    } else Atomics.wait(control, IN_FLIGHT, n);
  }
}

/** The writer took a chunk in: one more may be swept. */
export function releaseChunk(control: Int32Array): void {
  Atomics.sub(control, IN_FLIGHT, 1);
  Atomics.notify(control, IN_FLIGHT);
}

/**
 * The body of one sweep thread: on its own read-only connection, takes chunks of families one after
 * another from the shared counter until none is left, sweeps each (when fewer than `inFlight` wait
 * for the writer), and posts its rows.
 */
export function runSweepThread(data: SweepThreadData): void {
  const control = new Int32Array(data.control);
  const { port } = data;
  let held = false;
  try {
    const db = openDb(data.path, { readonly: true });
    try {
      const catalogue = loadCatalogue(db);
      if (!catalogue) throw new Error('no catalogue');
      const sweep = baselineSweep(catalogue);
      for (;;) {
        if (Atomics.load(control, NEXT) >= data.chunks.length) break;
        acquireChunk(control, data.inFlight);
        held = true;
        const i = Atomics.add(control, NEXT, 1);
        if (i >= data.chunks.length) {
          releaseChunk(control);
          break;
        }
        const packer = new RowPacker();
        sweepStoredFamilies(db, sweep, data.chunks[i]!, data.first, data.last, (r) => packer.push(r));
        const rows = packer.take();
        port.postMessage({ rows } satisfies SweepThreadMessage, [
          rows.reals.buffer as ArrayBuffer,
          rows.ints.buffer as ArrayBuffer,
        ]);
        held = false;
        signal(control);
      }
    } finally {
      db.$client.close();
    }
    port.postMessage({ done: true } satisfies SweepThreadMessage);
  } catch (e) {
    // The chunk it failed on was counted in flight: give its room back.
    if (held) releaseChunk(control);
    port.postMessage({ error: e instanceof Error ? (e.stack ?? e.message) : String(e) } satisfies SweepThreadMessage);
  } finally {
    port.close();
    signal(control);
  }
}
