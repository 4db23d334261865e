import { openDb } from '../../../db/client.ts';
import { modelInputs } from './model-inputs.ts';
import { sensitivityAt, type SensitivityQuery } from './sensitivity.ts';

// `node --import tsx api/services/scores/sensitivity-job.ts <database> <query as JSON>`, started by
// `sensitivityReport` in a low-priority process of its own so that the server keeps answering: prints
// `{"ok":true,"report":…}` (report null when there is nothing to score) or `{"ok":false,"error":"…"}`.

const [path, query] = process.argv.slice(2);
if (!path || !query) {
  console.log(JSON.stringify({ ok: false, error: 'usage: sensitivity-job.ts <database> <query as JSON>' }));
  process.exit(2);
}
const db = openDb(path, { readonly: true });
try {
  const inputs = modelInputs(db);
  const report = inputs ? sensitivityAt(inputs, JSON.parse(query) as SensitivityQuery) : null;
  console.log(JSON.stringify({ ok: true, report }));
} catch (e) {
  console.log(JSON.stringify({ ok: false, error: e instanceof Error ? e.message : String(e) }));
  process.exitCode = 1;
} finally {
  db.$client.close();
}
