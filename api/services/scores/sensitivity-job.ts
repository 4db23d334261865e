import { sqliteHandleOf } from '../../../db/async.ts';
import { openJobDatabase } from '../../../db/child-job.ts';
import { modelInputs, modelInputsAsync } from './model-inputs.ts';
import { sensitivityAt, type SensitivityQuery } from './sensitivity.ts';

// `node --import tsx api/services/scores/sensitivity-job.ts <database> <query as JSON>`, started by
// `sensitivityReport` in a low-priority process of its own so that the server keeps answering: prints
// `{"ok":true,"report":…}` (report null when there is nothing to score) or `{"ok":false,"error":"…"}`.
// `<database>` is the SQLite file (read one family at a time) or a PostgreSQL URL (`jobDatabaseOf`:
// the child opens a pool of its own and reads every current observation up front).

const [where, query] = process.argv.slice(2);
if (!where || !query) {
  console.log(JSON.stringify({ ok: false, error: 'usage: sensitivity-job.ts <database> <query as JSON>' }));
  process.exit(2);
}
const { data, close } = openJobDatabase(where);
try {
  const file = sqliteHandleOf(data);
  const inputs = file ? modelInputs(file) : await modelInputsAsync(data);
  const report = inputs ? sensitivityAt(inputs, JSON.parse(query) as SensitivityQuery) : null;
  console.log(JSON.stringify({ ok: true, report }));
} catch (e) {
  console.log(JSON.stringify({ ok: false, error: e instanceof Error ? e.message : String(e) }));
  process.exitCode = 1;
} finally {
  await close();
}
