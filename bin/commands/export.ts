import { readFileSync, writeFileSync } from 'node:fs';
import type { z } from 'zod';
import { AnyLevelSchema, LensSchema, PeriodSchema, ScenarioSchema } from '../../api/schemas.ts';
import {
  createScoreExporter,
  SCORE_EXPORT_FORMATS,
  type ScoreExportFormat,
} from '../../api/services/export/score-export.ts';
import { scoredPeriods } from '../../db/queries/scores.ts';
import { getScenario, SCENARIOS } from '../../indicators/index.ts';
import { stringOption, UsageError, type ParsedArgs } from '../args.ts';
import { openCliDb } from '../db.ts';
import type { Command } from '../registry.ts';

const OPTIONS = ['period', 'lens', 'level', 'scenario', 'format', 'out'];

/** Vigil's version, which the GeoJSON metadata names as its generator (as the server does). */
const version = () =>
  (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/** An option read through the API's own zod schema, so the command accepts exactly what the route does. */
function option<S extends z.ZodType>(args: ParsedArgs, name: string, schema: S, fallback: string): z.output<S> {
  const r = schema.safeParse(stringOption(args, name) ?? fallback);
  if (!r.success) throw new UsageError(`--${name} ${r.error.issues[0]?.message ?? 'is not valid'}`);
  return r.data;
}

/** Reads and checks `vigil export scores` arguments; every mistake is a usage error naming the option. */
function scoresArgs(args: ParsedArgs) {
  const unknown = Object.keys(args.options).filter((k) => !OPTIONS.includes(k));
  if (unknown.length)
    throw new UsageError(`unknown option${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => `--${k}`).join(', ')}`);
  if (args.positionals.length > 1) throw new UsageError(`unexpected argument '${args.positionals[1]}'`);
  const period = stringOption(args, 'period');
  const scenario = option(args, 'scenario', ScenarioSchema, 'baseline');
  if (!getScenario(scenario))
    throw new UsageError(`--scenario '${scenario}' is unknown; one of ${SCENARIOS.map((s) => s.id).join(', ')}`);
  const format = stringOption(args, 'format') ?? 'csv';
  if (!(SCORE_EXPORT_FORMATS as readonly string[]).includes(format))
    throw new UsageError(`--format must be one of ${SCORE_EXPORT_FORMATS.join(', ')}`);
  return {
    query: {
      period: period === undefined ? undefined : option(args, 'period', PeriodSchema, period),
      lens: option(args, 'lens', LensSchema, 'overall'),
      level: option(args, 'level', AnyLevelSchema, '0'),
      scenario,
    },
    format: format as ScoreExportFormat,
    out: stringOption(args, 'out'),
  };
}

/**
 * `vigil export scores`: the files of `GET /api/export/scores.{csv,geojson}` (same service, same
 * writers, same bytes), for one month, lens, level and scenario, to stdout or `--out`.
 */
export const exportCommand: Command = {
  name: 'export',
  summary: 'Export scores as CSV, HXL CSV or GeoJSON: the files of GET /api/export/scores.* (stdout, or --out)',
  usage:
    'scores [--period YYYY-MM] [--lens overall|crsv|osce|afac|tip] [--level 0|1|2] [--scenario baseline] [--format csv|hxl|geojson] [--out file]\n' +
    '  Defaults as in the API: the latest scored month, lens overall, level 0 (countries), the baseline weights, csv.',
  async run(args, io) {
    const what = args.positionals[0];
    if (what !== 'scores')
      throw new UsageError(what ? `cannot export '${what}'; only scores` : 'say what to export: scores');
    const { query, format, out } = scoresArgs(args);
    const { db } = openCliDb(io.env);
    try {
      const scored = scoredPeriods(db);
      if (query.period && !scored.includes(query.period)) {
        io.err(
          `note: nothing is scored in ${query.period} (scored months: ${scored.length ? `${scored[0]} to ${scored.at(-1)}` : 'none'}); every region is written as no-data`,
        );
      }
      const file = createScoreExporter(db, version()).file(query, format);
      if (out === undefined || out === '-') {
        io.write(file.body);
        return 0;
      }
      writeFileSync(out, file.body);
      const v = file.view;
      io.out(
        `Wrote ${out} (${format}): ${file.rows.toLocaleString('en')} regions of level ${v.level}, ${v.period}, ${v.lens} lens, ${v.scenario} weights`,
      );
      return 0;
    } finally {
      db.$client.close();
    }
  },
};
