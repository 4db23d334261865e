import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fmt, type ScenarioResult } from './figures.ts';

const START = '<!-- bench:table:start (written by npm run bench; edit outside these markers) -->';
const END = '<!-- bench:table:end -->';

interface RunSummary {
  name: string;
  startedAt: string;
  seconds: number;
  machine: { cpus: number; cpuModel: string; node: string; loadavg: number[]; uptimeSeconds: string };
  /** Null when the run's scenarios needed no synthetic database. */
  data: {
    observations: number;
    current: number;
    superseded: number;
    retracted: number;
    regionsWithData: number;
  } | null;
  results: ScenarioResult[];
}

const cell = (s: string) => s.replace(/\|/g, '\\|');

/** The results of one run as a Markdown table: each figure, its baseline, the ratio and the goal. */
export function resultsTable(run: RunSummary): string {
  const lines = [
    `Run \`${run.name}\` of ${run.startedAt.slice(0, 16).replace('T', ' ')} UTC, ${(run.seconds / 60).toFixed(0)} min; ${run.machine.cpus} × ${run.machine.cpuModel}, Node ${run.machine.node}; ` +
      (run.data
        ? `synthetic data: ${run.data.observations.toLocaleString('en')} observations (${run.data.current.toLocaleString('en')} current, ${run.data.superseded.toLocaleString('en')} superseded, ${run.data.retracted.toLocaleString('en')} retracted) in ${run.data.regionsWithData.toLocaleString('en')} first-level regions. `
        : 'no synthetic database (the scenarios run used the base database only). ') +
      `Load average at start ${run.machine.loadavg.join(' / ')} (1/5/15 min).`,
    '',
    '| figure | Vigil | baseline (same run) | ratio | goal | met | load (1 min) before → after |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const r of run.results) {
    for (const f of r.figures) {
      lines.push(
        `| ${cell(f.what)} | ${fmt(f.value)} ${f.unit} | ${cell(f.baseline.what)}: ${fmt(f.baseline.value)} ${f.baseline.unit} | ×${fmt(f.ratio)} | ${cell(f.goal ?? '—')} | ${f.met === undefined ? '—' : f.met ? 'yes' : 'no'} | ${r.load.before[0]} → ${r.load.after[0]} |`,
      );
    }
  }
  const notes = run.results.flatMap((r) => [
    ...(typeof r.details.failed === 'string'
      ? [`- scenario ${r.scenario} FAILED, no figures: ${cell(r.details.failed.split('\n')[0] ?? '')}`]
      : []),
    ...r.figures.filter((f) => f.note).map((f) => `- ${f.id}: ${f.note}`),
  ]);
  if (notes.length) lines.push('', ...notes);
  return lines.join('\n');
}

/** Replaces the generated table in BENCHMARKS.md (between its markers), creating the markers at the end when absent. */
export function writeBenchmarksTable(path: string, run: RunSummary): void {
  const text = existsSync(path) ? readFileSync(path, 'utf8') : '# Benchmarks\n';
  const block = `${START}\n${resultsTable(run)}\n${END}`;
  const a = text.indexOf(START);
  const b = text.indexOf(END);
  const next =
    a >= 0 && b > a ? `${text.slice(0, a)}${block}${text.slice(b + END.length)}` : `${text.trimEnd()}\n\n${block}\n`;
  writeFileSync(path, next);
}
