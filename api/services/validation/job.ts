import { openDb } from '../../../db/client.ts';
import { computeValidation } from './validation.ts';

// `node --import tsx api/services/validation/job.ts <database>`, started by the validation runner in
// a process of its own so that the server keeps answering: prints one JSON line per step
// (`{"done":n,"total":m}`), then `{"ok":true}` or `{"ok":false,"error":"…"}`.

const path = process.argv[2];
if (!path) {
  console.log(JSON.stringify({ ok: false, error: 'usage: job.ts <database>' }));
  process.exit(2);
}
const db = openDb(path);
try {
  const stored = computeValidation(db, (done, total) => console.log(JSON.stringify({ done, total })));
  console.log(JSON.stringify(stored ? { ok: true } : { ok: false, error: 'nothing to validate: no observation' }));
} catch (e) {
  console.log(JSON.stringify({ ok: false, error: e instanceof Error ? e.message : String(e) }));
  process.exitCode = 1;
} finally {
  db.$client.close();
}
