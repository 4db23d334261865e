import { SingleBar } from 'cli-progress';

/** A progress display for one phase of long work: bar, percentage, rows, rows per second and ETA. */
export interface Progress {
  update(value: number, rows: number): void;
  stop(): void;
}

/**
 * A cli-progress bar on stderr when it is a terminal; otherwise a quiet no-op (logs and CI stay
 * clean, the summary still prints). `total` is in the unit of `value` (bytes while reading, rows while writing).
 */
export function startProgress(phase: string, total: number, interactive: boolean, unit = 'rows'): Progress {
  if (!interactive) return { update: () => {}, stop: () => {} };
  const bar = new SingleBar({
    format: `${phase.padEnd(8)} [{bar}] {percentage}% | {rows} ${unit} | {rate} ${unit}/s | ETA {eta_formatted}`,
    barCompleteChar: '█',
    barIncompleteChar: '░',
    hideCursor: true,
    stream: process.stderr,
    etaBuffer: 50,
  });
  const t0 = performance.now();
  bar.start(Math.max(total, 1), 0, { rows: '0', rate: '0' });
  return {
    update(value, rows) {
      const secs = (performance.now() - t0) / 1000;
      bar.update(value, {
        rows: rows.toLocaleString('en'),
        rate: secs > 0 ? Math.round(rows / secs).toLocaleString('en') : '0',
      });
    },
    stop() {
      bar.stop();
    },
  };
}
