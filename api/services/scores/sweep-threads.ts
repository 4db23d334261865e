import { availableParallelism } from 'node:os';
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import type { PackedRows } from './packed-rows.ts';
import type { FamilyPlan } from './sweep-scores.ts';
import { NEXT, SIGNAL, type SweepThreadData, type SweepThreadMessage } from './sweep-worker.ts';

/** Threads a full recompute sweeps on by default: one per core (the calling thread mostly writes). */
export const SWEEP_THREADS = Math.max(1, availableParallelism());

/** Regions a family scores: its country, first-level regions and districts. */
const weightOf = (p: FamilyPlan) =>
  1 + p.regions.length + [...(p.districts?.values() ?? [])].reduce((n, d) => n + d.length, 0);

/**
 * Families in chunks of about `size` regions (a family is never split), largest first,
 * so that the threads taking them in turn end close together.
 */
export function chunkPlans(plans: readonly FamilyPlan[], size: number): FamilyPlan[][] {
  const sorted = [...plans].sort((a, b) => weightOf(b) - weightOf(a));
  const chunks: FamilyPlan[][] = [];
  let current: FamilyPlan[] = [];
  let weight = 0;
  for (const p of sorted) {
    current.push(p);
    weight += weightOf(p);
    if (weight >= size) {
      chunks.push(current);
      current = [];
      weight = 0;
    }
  }
  if (current.length) chunks.push(current);
  return chunks;
}

/**
 * Sweeps `plans` for the months `first`..`last` on `threads` worker threads, each reading its
 * families from the database file `path` on its own read-only connection (WAL lets them read while
 * this thread holds the write transaction), and hands each chunk's rows to `onValues` here, as
 * they come, packed (see `PackedRows`). Synchronous: this thread waits on a
 * shared counter between chunks, so the caller's transaction stays open across the whole sweep and
 * nothing else runs on this thread meanwhile. Throws the first error a thread met (after every
 * thread stopped).
 */
export function sweepInThreads(
  path: string,
  plans: readonly FamilyPlan[],
  first: string,
  last: string,
  threads: number,
  onRows: (rows: PackedRows) => void,
  opts: { sweepWorker?: URL } = {},
): void {
  const regions = plans.reduce((n, p) => n + weightOf(p), 0);
  const chunks = chunkPlans(plans, Math.max(8, Math.ceil(regions / (threads * 12))));
  const control = new Int32Array(new SharedArrayBuffer(8));
  const n = Math.min(threads, chunks.length);
  let error: string | null = null;
  const channels = Array.from({ length: n }, () => new MessageChannel());
  for (const { port2: out } of channels) {
    const data: SweepThreadData = {
      path,
      first,
      last,
      chunks,
      control: control.buffer as SharedArrayBuffer,
      port: out,
    };
    const w = new Worker(opts.sweepWorker ?? new URL('./sweep-worker.mjs', import.meta.url), {
      workerData: data,
      transferList: [out],
    });
    w.unref();
  }
  let running = n;
  const inbox = channels.map((c) => c.port1);
  while (running > 0) {
    const seen = Atomics.load(control, SIGNAL);
    let got = false;
    for (const port of inbox) {
      const m = receiveMessageOnPort(port);
      if (!m) continue;
      got = true;
      const msg = m.message as SweepThreadMessage;
      if ('error' in msg) {
        error ??= msg.error;
        // No thread takes another chunk: they stop after the one they are on.
        Atomics.store(control, NEXT, chunks.length);
        running--;
      } else if ('done' in msg) running--;
      else if (error === null) onRows(msg.rows);
    }
    if (!got) Atomics.wait(control, SIGNAL, seen, 1000);
  }
  for (const port of inbox) port.close();
  if (error !== null) throw new Error(`a sweep thread failed: ${error}`);
}
