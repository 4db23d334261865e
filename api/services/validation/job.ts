import { sqliteHandleOf } from '../../../db/async.ts';
import { openJobDatabase } from '../../../db/child-job.ts';
import { computeValidation, computeValidationAsync } from './validation.ts';

// `node --import tsx api/services/validation/job.ts <database>`, started by the validation runner in
// a process of its own so that the server keeps answering: prints one JSON line per step
// (`{"done":n,"total":m}`), then `{"ok":true}` or `{"ok":false,"error":"…"}`. `<database>` is the
// SQLite file or a PostgreSQL URL (`jobDatabaseOf`: the child opens a pool of its own); the result is
// stored in that database.

const where = process.argv[2];
if (!where) {
  console.log(JSON.stringify({ ok: false, error: 'usage: job.ts <database>' }));
  process.exit(2);
}
const { data, close } = openJobDatabase(where, { writable: true });
try {
  const progress = (done: number, total: number) => console.log(JSON.stringify({ done, total }));
  const file = sqliteHandleOf(data);
  const stored = file ? computeValidation(file, progress) : await computeValidationAsync(data, progress);
  console.log(JSON.stringify(stored ? { ok: true } : { ok: false, error: 'nothing to validate: no observation' }));
} catch (e) {
  console.log(JSON.stringify({ ok: false, error: e instanceof Error ? e.message : String(e) }));
  process.exitCode = 1;
} finally {
  await close();
}
