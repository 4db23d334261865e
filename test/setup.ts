import { beforeEach } from 'vitest';
import { parseEnv } from '../api/env.ts';
import { setScryptCost } from '../api/services/auth/password.ts';

// Every test file: password hashes made in this process take the suite's scrypt cost
// (VIGIL_SCRYPT_COST, set in vite.config.ts and inherited by the servers and CLIs the tests start).
setScryptCost(parseEnv(process.env).VIGIL_SCRYPT_COST);

declare module 'vitest' {
  interface TaskMeta {
    /** The project's engine (`testEngine()`, test/helpers/test-engine.ts): the JSON report names it, as a file runs in both projects. */
    engine?: string;
  }
}

// A file runs in both projects (vite.config.ts): each test says in the JSON report which engine it ran on.
beforeEach(({ task }) => {
  task.meta.engine = process.env.VIGIL_TEST_ENGINE ?? 'sqlite';
});
