import { sqliteAsync } from '../../db/async.ts';
import { readFileSync } from 'node:fs';
import { openDb } from '../../db/client.ts';
import { importBoundarySet } from '../../api/services/boundaries/import-set.ts';
import { readBoundaryFile } from '../../api/services/boundaries/read-file.ts';

// The boundary upload benchmark's two children: `parse FILE` reads the file as the upload does
// (bytes, JSON, features) and nothing else; `upload FILE` (VIGIL_DB set) reads, checks, places and
// stores it as `POST /api/boundary-sets` does.
const [mode, file] = process.argv.slice(2);
const t0 = performance.now();
const bytes = new Uint8Array(readFileSync(file!));
let out: Record<string, unknown>;
if (mode === 'parse') {
  const read = await readBoundaryFile(bytes);
  out = { features: read.collection.features.length };
} else {
  const db = openDb(process.env.VIGIL_DB!);
  const r = await importBoundarySet(sqliteAsync(db), bytes, {
    fileName: 'adm2.geojson',
    dryRun: false,
    licence: 'Generated benchmark data',
    validFrom: '2016-01-01',
    actor: { id: null, name: 'bench', role: 'admin' },
  });
  db.$client.close();
  out = {
    features: r.features,
    status: r.status,
    problems: r.problems.slice(0, 5),
    byOverlap: r.parents.filter((p) => p.by === 'overlap').length,
  };
}
console.log(JSON.stringify({ ...out, seconds: (performance.now() - t0) / 1000 }));
