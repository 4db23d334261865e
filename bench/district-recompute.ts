import { bundledAdmin1, generateBoundarySet } from './generate-boundaries.ts';
import { recomputeAll } from '../api/services/scores/recompute.ts';
import { startApp, type TestApp } from '../test/helpers/app.ts';
import { createUserAndLogin } from '../test/helpers/auth.ts';

/**
 * The full recompute of the bundled data with and without a generated admin-2 set for Iraq and
 * Nigeria (10–20 districts per first-level region, about the size of the real COD sets), in one run:
 * CPU time of `recomputeAll` on this thread alone (no worker threads, so the figure is the work, not
 * the scheduling), the stored rows by level, alternating the two databases `ROUNDS` times.
 * Run: `TZ=UTC npx tsx bench/district-recompute.ts [rounds]`.
 */
const ROUNDS = Number(process.argv[2] ?? 3);

function rowsByLevel(app: TestApp) {
  return app.db.$client.prepare('SELECT level, count(*) AS n FROM scores GROUP BY level ORDER BY level').all() as {
    level: number;
    n: number;
  }[];
}

async function main() {
  const plain = await startApp();
  const withDistricts = await startApp();
  const admin = await createUserAndLogin(withDistricts, 'admin');
  const set = generateBoundarySet(bundledAdmin1(), {
    seed: 11,
    flaws: false,
    parentCodes: 'vigil',
    districts: [10, 20],
  });
  const res = await withDistricts.request(
    '/api/boundary-sets?licence=Test%20data%2C%20made%20up&validFrom=2014-01-01&source=Generated%20districts',
    {
      method: 'POST',
      headers: { ...admin.bearer, 'Content-Type': 'application/json' },
      body: JSON.stringify(set.collection),
    },
  );
  if (res.status !== 201) throw new Error(`upload: ${res.status} ${await res.text()}`);
  const times: Record<'plain' | 'districts', number[]> = { plain: [], districts: [] };
  const rows: Record<'plain' | 'districts', number> = { plain: 0, districts: 0 };
  for (let i = 0; i < ROUNDS; i++)
    for (const [name, app] of [
      ['plain', plain],
      ['districts', withDistricts],
    ] as const) {
      const t0 = process.cpuUsage();
      rows[name] = recomputeAll(app.db, { threads: 0 });
      const dt = process.cpuUsage(t0);
      times[name].push((dt.user + dt.system) / 1000);
    }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  console.log(
    JSON.stringify(
      {
        districts: set.collection.features.length,
        rounds: ROUNDS,
        cpuMs: times,
        medianCpuMs: { plain: median(times.plain), districts: median(times.districts) },
        ratio: median(times.districts) / median(times.plain),
        rowsWritten: rows,
        rowsByLevel: { plain: rowsByLevel(plain), districts: rowsByLevel(withDistricts) },
      },
      null,
      1,
    ),
  );
  plain.close();
  withDistricts.close();
}

await main();
