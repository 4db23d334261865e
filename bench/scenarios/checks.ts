import { sqliteAsync } from '../../db/async.ts';
import { copyFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { openDb } from '../../db/client.ts';
import { runImport } from '../../api/services/imports/run-import.ts';
import { personalDataIn } from '../../api/services/observations/personal-data.ts';
import { listRegions } from '../../db/queries/regions.ts';
import { loadCatalogue } from '../../db/queries/catalogue.ts';
import { figure, median, scenario, since, type BenchContext, type ScenarioResult } from '../lib/figures.ts';

const ROWS = 3_000;
const LENGTH = 500;

/**
 * Texts built to make a backtracking pattern slow, none of them personal data: long runs of the
 * characters an address or a number is made of, with the one character that would complete a match
 * missing or misplaced.
 */
const ADVERSARIAL = [
  'a',
  'a@',
  'a.',
  '+1',
  '0 ',
  '01 23a ',
  '1-',
  'Aa ',
  'Ab Cd ',
  'x(at)',
  ' at x',
  'passport ',
  'born ',
  '12/',
].map((unit) => unit.repeat(Math.ceil(LENGTH / unit.length)).slice(0, LENGTH));

const AREA =
  'Displacement continued in the north of the governorate; humanitarian access limited since March. Reports from two camps describe recruitment of adolescents by armed groups and confiscation of identity documents by employers. Figures for 2016-2017 remain incomplete (IOM DTM round 23, p. 4; UN S/2017/249, para. 12). ';
const ordinary = (i: number) => `${AREA.slice(i % 40)}${AREA}`.slice(0, LENGTH);

/** Milliseconds to check every text, best of three passes (the check is pure; the best pass is the least disturbed). */
function timeChecks(texts: readonly string[]): number {
  const runs: number[] = [];
  for (let k = 0; k < 3; k++) {
    const t0 = performance.now();
    for (const t of texts) personalDataIn(t);
    runs.push(since(t0) * 1000);
  }
  return Math.min(...runs);
}

/** A CSV of `notes.length` valid rows, each carrying one of `notes`. */
function csvWith(notes: readonly string[], regions: readonly string[], indicator: string): string {
  const lines = ['region,indicator,period,value,confidence,source,note'];
  notes.forEach((note, i) => {
    const period = `${2000 + Math.floor((i % 240) / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
    lines.push(`${regions[Math.floor(i / 240)]},${indicator},${period},1,low,Benchmark source,"${note}"`);
  });
  return `${lines.join('\n')}\n`;
}

/**
 * The personal-data check on hostile input (issue 16: a 3,000-row import of 500-character notes held
 * the server 4.6 s): the check alone on 3,000 adversarial notes against 3,000 ordinary notes of the
 * same length; the same adversarial bytes as 300 notes ten times longer (a linear check takes the
 * same time, a quadratic one ten times more); and a dry-run import of each 3,000-row file.
 */
export function benchChecks(ctx: BenchContext): Promise<ScenarioResult> {
  return scenario('checks', ctx.log, async () => {
    const hostile = Array.from({ length: ROWS }, (_, i) => ADVERSARIAL[i % ADVERSARIAL.length]!);
    const plain = Array.from({ length: ROWS }, (_, i) => ordinary(i));
    const long = ADVERSARIAL.map((t) => t.repeat(10));
    const longTexts = Array.from({ length: ROWS / 10 }, (_, i) => long[i % long.length]!);
    const found = hostile.filter((t) => personalDataIn(t) !== null).length + plain.filter(personalDataIn).length;
    if (found) throw new Error(`${found} benchmark texts were taken for personal data: the figures would be wrong`);
    const hostileMs = timeChecks(hostile);
    const plainMs = timeChecks(plain);
    const longMs = timeChecks(longTexts);

    const path = join(ctx.dir, 'checks.db');
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
    copyFileSync(ctx.baseDb, path);
    const db = openDb(path);
    const regions = listRegions(db)
      .filter((r) => r.level === 1 && /^[A-Z]{2}-[A-Z0-9]{1,3}$/.test(r.code))
      .map((r) => r.code);
    const indicator = loadCatalogue(db)!.indicators.find((i) => i.measurement.kind === 'severity')!.id;
    const importMs = async (notes: readonly string[]) => {
      const text = csvWith(notes, regions, indicator);
      const runs: number[] = [];
      for (let k = 0; k < 3; k++) {
        const t0 = performance.now();
        const r = await runImport(sqliteAsync(db), { id: null, name: 'bench', role: 'admin' }, Readable.from([text]), {
          fileName: 'bench.csv',
          dryRun: true,
        });
        runs.push(since(t0) * 1000);
        if (r.rowsOk !== notes.length) throw new Error(`dry run rejected rows: ${JSON.stringify(r.rowsRejected[0])}`);
      }
      return median(runs);
    };
    const hostileImport = await importMs(hostile);
    const plainImport = await importMs(plain);
    db.$client.close();
    rmSync(path, { force: true });
    ctx.log(
      `  check: ${hostileMs.toFixed(1)} ms adversarial, ${plainMs.toFixed(1)} ms ordinary, ${longMs.toFixed(1)} ms ×10 long`,
    );
    return {
      figures: [
        figure(
          {
            id: 'checks.personal-data',
            what: `personal-data check of ${ROWS.toLocaleString('en')} adversarial ${LENGTH}-character notes (${ADVERSARIAL.length} shapes built against backtracking)`,
            value: hostileMs,
            unit: 'ms',
            baseline: {
              what: `the same check of ${ROWS.toLocaleString('en')} ordinary ${LENGTH}-character area notes`,
              value: plainMs,
              unit: 'ms',
            },
            goal: '≤ 3× ordinary text',
          },
          (f) => f.ratio <= 3,
        ),
        figure(
          {
            id: 'checks.personal-data-linear',
            what: `the same adversarial bytes as ${(ROWS / 10).toLocaleString('en')} notes ten times longer`,
            value: longMs,
            unit: 'ms',
            baseline: {
              what: `${ROWS.toLocaleString('en')} notes of ${LENGTH} characters`,
              value: hostileMs,
              unit: 'ms',
            },
            goal: '≤ 2× (linear: the same bytes take the same time; quadratic would be ×10)',
          },
          (f) => f.ratio <= 2,
        ),
        figure({
          id: 'checks.adversarial-import',
          what: `dry-run import of ${ROWS.toLocaleString('en')} rows with adversarial ${LENGTH}-character notes (median of 3)`,
          value: hostileImport,
          unit: 'ms',
          baseline: { what: 'the same import with ordinary notes', value: plainImport, unit: 'ms' },
        }),
      ],
      details: { hostileMs, plainMs, longMs, hostileImport, plainImport, shapes: ADVERSARIAL.length },
    };
  });
}
