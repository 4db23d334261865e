import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { writeEventsCsv } from '../generate-events.ts';
import { figure, scenario, type BenchContext, type ScenarioResult } from '../lib/figures.ts';
import { fresh, timed } from './import.ts';

/** What bench/lib/import-events-child.ts prints. */
interface EventsChildReport {
  status: string;
  rowsRead: number;
  rowsOk: number;
  rejected: number;
  dropped: Record<string, number>;
  byPolygon: number;
  byAdminName: number;
  derivedObservations: number;
  /** The whole dry run. */
  seconds: number;
  /** Until the importer starts planning the batch: reading, placing, counting, deriving and checking. */
  deriveSeconds: number;
  placementSeconds: number;
  derivationSeconds: number;
}

/** What bench/lib/csv-read-child.ts prints. */
interface ReadChildReport {
  records: number;
  seconds: number;
}

/**
 * Import of a generated GED-shaped events file (scale.events events over the scale's first-level
 * regions, world-wide at full scale) through the `ucdp-ged` profile as a dry run, in a child process:
 * what `vigil import --profile ucdp-ged FILE --dry-run` runs (decode, parse, read every event, place
 * it in a first-level region, count, derive and check the monthly values, plan the batch; nothing is
 * written). Against the same file streamed through csv-parse alone (Vigil's parser options), in a
 * child process, in the same run. Seconds are measured inside each child (process start-up and, for
 * Vigil, opening the database left out); peak memory is the whole child's (GNU time).
 */
export function benchImportEvents(ctx: BenchContext): Promise<ScenarioResult> {
  return scenario('import-events', ctx.log, async () => {
    const csv = await writeEventsCsv(join(ctx.dir, 'events.csv'), ctx.scale, ctx.baseDb);
    ctx.log(
      `  ${csv.rows.toLocaleString('en')} events in ${csv.regions.toLocaleString('en')} regions of ${csv.countries} countries, ${(csv.bytes / 1e6).toFixed(1)} MB, generated in ${csv.seconds.toFixed(1)} s (${csv.regionsWithoutPoint} regions without an interior point left out)`,
    );
    const vigilDb = join(ctx.dir, 'import-events.db');
    const bare: { report: ReadChildReport; maxRssMb: number }[] = [];
    const vigil: { report: EventsChildReport; maxRssMb: number }[] = [];
    // Runs of each child, alternating (bare read, then Vigil): each figure takes the fastest.
    const runs = ctx.scale.childRuns;
    for (let k = 0; k < runs; k++) {
      const b = await timed(process.execPath, ['--import', 'tsx', 'bench/lib/csv-read-child.ts', csv.path]);
      bare.push({ report: JSON.parse(b.stdout.trim().split('\n').at(-1)!) as ReadChildReport, maxRssMb: b.maxRssMb });
      fresh(ctx.baseDb, vigilDb);
      const v = await timed(process.execPath, ['--import', 'tsx', 'bench/lib/import-events-child.ts', csv.path], {
        VIGIL_DB: vigilDb,
      });
      vigil.push({
        report: JSON.parse(v.stdout.trim().split('\n').at(-1)!) as EventsChildReport,
        maxRssMb: v.maxRssMb,
      });
    }
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${vigilDb}${suffix}`, { force: true });
    const b = bare.reduce((x, y) => (y.report.seconds < x.report.seconds ? y : x));
    const v = vigil.reduce((x, y) => (y.report.seconds < x.report.seconds ? y : x));
    const r = v.report;
    if (b.report.records !== csv.rows + 1) throw new Error(`bare read saw ${b.report.records} records`);
    if (r.status !== 'dry-run' || r.rowsRead !== csv.rows || r.rejected !== 0)
      throw new Error(`events dry run not clean: ${JSON.stringify(r)}`);
    if (r.derivedObservations === 0) throw new Error('events dry run derived nothing');
    const bareRssMb = Math.max(...bare.map((x) => x.maxRssMb));
    const vigilRssMb = Math.max(...vigil.map((x) => x.maxRssMb));
    ctx.log(
      `  Vigil dry run ${r.seconds.toFixed(2)} s, up to the batch ${r.deriveSeconds.toFixed(2)} s (placement ${r.placementSeconds.toFixed(2)} s, derivation ${r.derivationSeconds.toFixed(2)} s; ${r.byPolygon.toLocaleString('en')} placed by polygon, ${r.byAdminName} by name, dropped ${JSON.stringify(r.dropped)}; ${r.derivedObservations.toLocaleString('en')} observations), peak ${vigilRssMb.toFixed(0)} MB; csv-parse ${b.report.seconds.toFixed(2)} s, peak ${bareRssMb.toFixed(0)} MB`,
    );
    const bareWhat = 'the same file streamed through csv-parse alone (Vigil’s parser options), in a child process';
    const n = csv.rows.toLocaleString('en');
    return {
      figures: [
        figure(
          {
            id: 'import.events',
            what: `import of ${n} GED events (ucdp-ged profile) up to the batch: read, place in admin-1 regions, count, derive and check the monthly values (fastest of ${runs})`,
            value: r.deriveSeconds,
            unit: 's',
            baseline: { what: `${bareWhat} (fastest of ${runs})`, value: b.report.seconds, unit: 's' },
            goal: '≤ 3×',
          },
          (f) => f.ratio <= 3,
        ),
        figure({
          id: 'import.events-dry-run',
          what: 'the whole dry run: the same, then the batch planned against the stored observations (what --dry-run waits for)',
          value: r.seconds,
          unit: 's',
          baseline: { what: bareWhat, value: b.report.seconds, unit: 's' },
        }),
        figure({
          id: 'import.events-rows-per-s',
          what: 'events per second of the import up to the batch',
          value: csv.rows / r.deriveSeconds,
          unit: 'rows/s',
          baseline: { what: 'records per second of the bare read', value: csv.rows / b.report.seconds, unit: 'rows/s' },
        }),
        figure({
          id: 'import.events-placement-share',
          what: 'time the same import spends in spatial placement (building the point index and placing each event)',
          value: r.placementSeconds,
          unit: 's',
          baseline: {
            what: 'the import up to the batch (ratio = placement’s share)',
            value: r.deriveSeconds,
            unit: 's',
          },
          note: `derivation and checks: ${r.derivationSeconds.toFixed(2)} s`,
        }),
        figure({
          id: 'import.events-memory',
          what: 'peak memory (RSS) of the events import process',
          value: vigilRssMb,
          unit: 'MB',
          baseline: { what: 'the bare read’s process', value: bareRssMb, unit: 'MB' },
        }),
      ],
      details: { csv, vigil: vigil.map((x) => ({ ...x.report, maxRssMb: x.maxRssMb })), bare },
    };
  });
}
