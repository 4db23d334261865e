import { loadavg, cpus, totalmem } from 'node:os';
import { readFileSync } from 'node:fs';
import type { Scale } from '../scales.ts';

/** A measured quantity and the baseline it is compared with, measured in the same run. */
export interface Figure {
  /** Stable id, e.g. `recompute.full`. */
  id: string;
  /** What was measured, in words. */
  what: string;
  value: number;
  unit: string;
  baseline: { what: string; value: number; unit: string };
  /** `value / baseline.value`. */
  ratio: number;
  /** The goal in words, and whether this run met it (undefined when there is no goal). */
  goal?: string;
  met?: boolean;
  /** Anything the number needs to be read right. */
  note?: string;
}

/** One scenario's figures, its absolute measurements and the machine's load while it ran. */
export interface ScenarioResult {
  scenario: string;
  figures: Figure[];
  /** Every absolute number behind the figures (seconds, bytes, counts). */
  details: Record<string, unknown>;
  load: { before: number[]; after: number[] };
  seconds: number;
}

/** What every scenario gets: the scale, the files it works on, and a logger. */
export interface BenchContext {
  scale: Scale;
  /** Folder for this scale's generated files (git-ignored). */
  dir: string;
  /** Regions and catalogue, no observations. */
  baseDb: string;
  /** The generated synthetic database (never modified). */
  syntheticDb: string;
  /** A copy of it that scenarios may write to (recomputed scores, added observations). */
  workDb: string;
  /** Current observations in the synthetic database. */
  observations: number;
  log(line: string): void;
}

/** Builds a figure with its ratio. */
export function figure(f: Omit<Figure, 'ratio' | 'met'>, met?: (f: Figure) => boolean): Figure {
  const out: Figure = { ...f, ratio: f.baseline.value === 0 ? Number.POSITIVE_INFINITY : f.value / f.baseline.value };
  if (met) out.met = met(out);
  return out;
}

/** The 1-, 5- and 15-minute load averages. */
export function load(): number[] {
  return loadavg().map((x) => Math.round(x * 100) / 100);
}

/** The machine, for the results file. */
export function machine() {
  let uptime = '';
  try {
    uptime = readFileSync('/proc/uptime', 'utf8').trim();
  } catch {
    uptime = 'unknown';
  }
  return {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGb: Math.round(totalmem() / 1e9),
    node: process.version,
    platform: process.platform,
    uptimeSeconds: uptime.split(' ')[0] ?? uptime,
    loadavg: load(),
  };
}

/** Runs a scenario, timing it and recording the load before and after. */
export async function scenario(
  name: string,
  log: (s: string) => void,
  body: () => Promise<Omit<ScenarioResult, 'scenario' | 'load' | 'seconds'>>,
): Promise<ScenarioResult> {
  const before = load();
  log(`▶ ${name} (load ${before.join(' ')})`);
  const t0 = performance.now();
  const r = await body();
  const seconds = (performance.now() - t0) / 1000;
  const after = load();
  for (const f of r.figures)
    log(
      `  ${f.id}: ${fmt(f.value)} ${f.unit} vs ${fmt(f.baseline.value)} ${f.baseline.unit} → ×${fmt(f.ratio)}${f.goal ? ` (goal ${f.goal}: ${f.met ? 'met' : 'not met'})` : ''}`,
    );
  return { scenario: name, ...r, load: { before, after }, seconds };
}

/** A number with three significant digits (at least), for logs and tables. */
export function fmt(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const a = Math.abs(n);
  if (a >= 100) return n.toFixed(0);
  if (a >= 10) return n.toFixed(1);
  if (a >= 1) return n.toFixed(2);
  return n.toPrecision(3);
}

/** Median of some numbers. */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** The `p`-th percentile (0–100, nearest rank) of some numbers. */
export function percentile(xs: readonly number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
}

/** Seconds since `t0` (a `performance.now()` reading). */
export const since = (t0: number) => (performance.now() - t0) / 1000;
