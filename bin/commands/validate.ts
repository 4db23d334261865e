import type { BacktestRow, MethodBacktest } from '../../indicators/index.ts';
import {
  computeValidation,
  computeValidationAsync,
  type StoredValidation,
} from '../../api/services/validation/validation.ts';
import { UsageError } from '../args.ts';
import { sqliteHandleOf } from '../../db/async.ts';
import { openCliData } from '../db.ts';
import { startProgress, type Progress } from '../progress.ts';
import type { Command } from '../registry.ts';

const rank = (s: MethodBacktest['at']) => (s.rank === null ? '—' : `${s.rank}/${s.of}`);
const fixed = (n: number | null, digits = 2) => (n === null ? '—' : n.toFixed(digits));

function backtestLine(r: BacktestRow): string {
  const m = (name: 'v2' | 'v1') => {
    const b = r.byMethod[name];
    const lead = b.leadMonths === null ? 'no lead' : `lead ${b.leadMonths} mo`;
    return `${name} ${rank(b.before)} before, ${rank(b.at)} at onset (${b.at.class}), ${lead}`;
  };
  const dated = r.onset.dated === 'year' ? ' (year only)' : '';
  return `  ${r.onset.place}, ${r.onset.month}${dated}: ${m('v2')}; ${m('v1')}`;
}

/** The report printed after a validation: what the page shows, as plain lines. */
export function validationReport(v: StoredValidation): string[] {
  const s = v.sensitivity;
  return [
    `Validation of model ${v.modelVersion}, computed ${v.computedAt} in ${v.seconds.toFixed(1)} s.`,
    `Backtest, trafficking lens (rank/of among scored regions of the level; lead = months in the top decile within ${v.backtest.leadWindow} before onset):`,
    ...v.backtest.rows.map(backtestLine),
    `Structural sensitivity, top ${s.top}, ${s.months} months, ${s.weightRuns} weight draws ±${Math.round(s.weightSpread * 100)} % (seed ${s.seed}):`,
    ...s.variants.map(
      (x) =>
        `  ${x.label}: median shift ${fixed(x.medianTopShift, 1)}, worst ${fixed(x.worstTopShift, 0)}, Spearman median ${fixed(x.medianSpearman)}, lowest ${fixed(x.worstSpearman)}`,
    ),
    `  all variants: median shift ${fixed(s.overall.medianTopShift, 1)}, worst ${fixed(s.overall.worstTopShift, 0)}, Spearman median ${fixed(s.overall.medianSpearman)}, lowest ${fixed(s.overall.worstSpearman)}`,
    'Region-months changing class from v1 to v2:',
    ...v.classChanges.map(
      (c) => `  ${c.lens}: ${c.changed.toLocaleString('en')} of ${c.regionMonths.toLocaleString('en')}`,
    ),
  ];
}

/**
 * `vigil validate [--database-url postgres://…]`: computes and stores the model's validation (what
 * `/validation` shows), with progress, in the SQLite file `VIGIL_DB` or, with `--database-url` or
 * VIGIL_DATABASE_URL, in PostgreSQL (read and stored as the server's validation job does there).
 */
export const validateCommand: Command = {
  name: 'validate',
  summary:
    'Validate the risk model (backtest, structural sensitivity, class changes) and store the result for /validation',
  usage: '[--json] [--database-url postgres://… (default VIGIL_DATABASE_URL)]',
  flags: ['json'],
  async run(args, io) {
    const unknown = Object.keys(args.options).find((k) => k !== 'json' && k !== 'database-url');
    if (unknown) throw new UsageError(`unknown option --${unknown}`);
    if (args.positionals.length > 0) throw new UsageError(`unexpected argument '${args.positionals[0]}'`);
    const { data, where, close } = await openCliData(args, io.env);
    try {
      io.err(`Validating the risk model on ${where}…`);
      let bar: Progress | null = null;
      const progress = (done: number, total: number) => {
        bar ??= startProgress('Validate', total, io.interactive, 'steps');
        bar.update(done, done);
      };
      const file = sqliteHandleOf(data);
      const stored = file ? computeValidation(file, progress) : await computeValidationAsync(data, progress);
      (bar as Progress | null)?.stop();
      if (!stored) {
        io.err('Nothing to validate: no current observation.');
        return 1;
      }
      if (args.options.json === true) io.out(JSON.stringify(stored));
      else for (const line of validationReport(stored)) io.out(line);
      return 0;
    } finally {
      await close();
    }
  },
};
