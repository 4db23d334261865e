import type { MessagePort } from 'node:worker_threads';
import { openDb } from '../../../db/client.ts';
import { loadCatalogue } from '../../../db/queries/catalogue.ts';
import { RowPacker, type PackedRows } from './packed-rows.ts';
import { baselineSweep, sweepStoredFamilies, type FamilyPlan } from './sweep-scores.ts';

/** Slots of the shared control array: the next chunk to take, and a counter bumped with every message. */
export const NEXT = 0;
export const SIGNAL = 1;

/** What a sweep thread is started with (see `sweepInThreads`). */
export interface SweepThreadData {
  path: string;
  first: string;
  last: string;
  chunks: readonly (readonly FamilyPlan[])[];
  /** Int32 slots {@link NEXT} and {@link SIGNAL}, shared by every thread of one recompute. */
  control: SharedArrayBuffer;
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
 * The body of one sweep thread: on its own read-only connection, takes chunks of families one after
 * another from the shared counter until none is left, sweeps each, and posts its rows.
 */
export function runSweepThread(data: SweepThreadData): void {
  const control = new Int32Array(data.control);
  const { port } = data;
  try {
    const db = openDb(data.path, { readonly: true });
    try {
      const catalogue = loadCatalogue(db);
      if (!catalogue) throw new Error('no catalogue');
      const sweep = baselineSweep(catalogue);
      for (;;) {
        const i = Atomics.add(control, NEXT, 1);
        if (i >= data.chunks.length) break;
        const packer = new RowPacker();
        sweepStoredFamilies(db, sweep, data.chunks[i]!, data.first, data.last, (r) => packer.push(r));
        const rows = packer.take();
        port.postMessage({ rows } satisfies SweepThreadMessage, [
          rows.reals.buffer as ArrayBuffer,
          rows.ints.buffer as ArrayBuffer,
        ]);
        signal(control);
      }
    } finally {
      db.$client.close();
    }
    port.postMessage({ done: true } satisfies SweepThreadMessage);
  } catch (e) {
    port.postMessage({ error: e instanceof Error ? (e.stack ?? e.message) : String(e) } satisfies SweepThreadMessage);
  } finally {
    port.close();
    signal(control);
  }
}
