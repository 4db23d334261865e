import { availableParallelism } from 'node:os';
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import type { PackedRows } from './packed-rows.ts';
import type { FamilyPlan } from './sweep-scores.ts';
import {
  IN_FLIGHT,
  NEXT,
  releaseChunk,
  SIGNAL,
  type SweepThreadData,
  type SweepThreadMessage,
} from './sweep-worker.ts';

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

/** Chunks swept but not yet written, per sweep thread, at most (memory holds about this many chunks' rows). */
export const IN_FLIGHT_PER_THREAD = 2;

/**
 * Sweeps `plans` for the months `first`..`last` on `threads` worker threads, each reading its
 * families from the database file `path` on its own read-only connection (WAL lets them read while
 * this thread holds the write transaction), and hands each chunk's rows to `onRows` here, as
 * they come, packed (see `PackedRows`). Synchronous: this thread waits on a
 * shared counter between chunks, so the caller's transaction stays open across the whole sweep and
 * nothing else runs on this thread meanwhile. The threads sweep ahead of this one by at most
 * {@link IN_FLIGHT_PER_THREAD} chunks each. They are started by a supervising thread that reports
 * each one's end (this thread, waiting, cannot hear it), so a thread that dies without a word fails
 * the sweep instead of leaving it waiting. Throws the first error a thread met, or the death of one
 * (after every thread stopped). `sweepWorker` replaces the threads' entry (tests).
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
  const control = new Int32Array(new SharedArrayBuffer(12));
  const n = Math.min(threads, chunks.length);
  const inFlight = Math.max(2, n * IN_FLIGHT_PER_THREAD);
  const channels = Array.from({ length: n }, () => new MessageChannel());
  const exits = new MessageChannel();
  const data: SweepThreadData[] = channels.map(({ port2: port }) => ({
    path,
    first,
    last,
    chunks,
    control: control.buffer as SharedArrayBuffer,
    inFlight,
    port,
  }));
  const entry = (opts.sweepWorker ?? new URL('./sweep-worker.mjs', import.meta.url)).href;
  new Worker(new URL('./sweep-supervisor.mjs', import.meta.url), {
    workerData: { entry, threads: data, exits: exits.port2, control: control.buffer },
    transferList: [...data.map((d) => d.port), exits.port2],
  }).unref();

  let error: string | null = null;
  const finished = new Set<number>();
  const fail = (message: string) => {
    error ??= message;
    // No thread takes another chunk, and none waits for room: they stop after the one they are on.
    Atomics.store(control, NEXT, chunks.length);
    Atomics.store(control, IN_FLIGHT, -(1 << 30));
    Atomics.notify(control, IN_FLIGHT);
  };
  const inbox = channels.map((c) => c.port1);
  /** Takes in what thread `i` posted; true when there was something. */
  const drain = (i: number): boolean => {
    let got = false;
    for (let m = receiveMessageOnPort(inbox[i]!); m; m = receiveMessageOnPort(inbox[i]!)) {
      got = true;
      const msg = m.message as SweepThreadMessage;
      if ('error' in msg) {
        fail(msg.error);
        finished.add(i);
      } else if ('done' in msg) finished.add(i);
      else {
        if (error === null) onRows(msg.rows);
        releaseChunk(control);
      }
    }
    return got;
  };
  while (finished.size < n) {
    const seen = Atomics.load(control, SIGNAL);
    let got = false;
    for (let i = 0; i < n; i++) got = drain(i) || got;
    for (let m = receiveMessageOnPort(exits.port1); m; m = receiveMessageOnPort(exits.port1)) {
      got = true;
      const { index, code, error: thrown } = m.message as { index: number; code: number; error: string | null };
      // What it posted before it ended comes first.
      drain(index);
      if (finished.has(index)) continue;
      finished.add(index);
      fail(`a sweep thread stopped (exit code ${code}) before finishing its chunks${thrown ? `: ${thrown}` : ''}`);
    }
    if (!got) Atomics.wait(control, SIGNAL, seen, 1000);
  }
  for (const port of inbox) port.close();
  exits.port1.close();
  if (error !== null) throw new Error(`a sweep thread failed: ${error}`);
}
