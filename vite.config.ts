import { configDefaults, defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { LongestFirstSequencer } from './test/sequencer.ts';
import { POSTGRES_EXCLUSIONS } from './test/postgres-exclusions.ts';

/** Test folders of pure code (indicators/, web/ components and helpers): see the `unit` project below. */
const UNIT_FOLDERS = ['test/indicators/**/*.test.ts', 'test/web/**/*.test.ts'];
/** The browser tests: see the `browser` project below. */
const BROWSER_FOLDER = 'test/browser/**/*.test.ts';

export default defineConfig({
  root: 'web',
  publicDir: false,
  plugins: [react()],
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    // indicators/ is pure (no I/O, nothing done at import): the dashboard imports it through its
    // public surface, index.ts, and only what it uses may reach the bundle — not the catalogue, the
    // import rules or zod (whose eval probe breaks the CSP).
    rolldownOptions: { treeshake: { moduleSideEffects: (id: string) => !/\/indicators\//.test(id) } },
  },
  server: { proxy: { '/api': 'http://localhost:8787' } },
  test: {
    root: '.',
    environment: 'node',
    // Password hashes at a low scrypt cost (production: 16): signing in is not what the tests time.
    // Servers and CLIs the tests start inherit both; test/setup.ts applies it in each test process.
    // NODE_ENV=test is what lets a cost under 14 through (api/env.ts refuses it otherwise).
    env: { VIGIL_SCRYPT_COST: '10', NODE_ENV: 'test' },
    setupFiles: ['test/setup.ts'],
    // One Chromium per worker, started when a browser test first asks (test/global-browser.ts).
    globalSetup: ['test/global-browser.ts'],
    // A ceiling for a hung test, not a speed check: browser tests take 30 s on a loaded machine.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // expect.poll waits for something a server or the browser does in its own time (a scheduled
    // backup, a map render): its default of 1 s failed in CI on two loaded cores. A ceiling, not a goal.
    expect: { poll: { timeout: 90_000, interval: 100 } },
    // Two files at a time (API tests run in process; browser and CLI tests wait on other processes).
    maxWorkers: 2,
    sequence: { sequencer: LongestFirstSequencer },
    reporters: ['default', ['json', { outputFile: 'test/artifacts/vitest-report.json' }]],
    // One run, two projects (issue 18): `sqlite` is the whole suite as it always ran; `postgres` runs
    // the API and reliability tests a second time with the same assertions, each app over a database of
    // its own on one private PostgreSQL server (test/global-postgres.ts, test/helpers/app.ts), minus the
    // files test/postgres-exclusions.ts lists with their reasons. `vitest run --project postgres` runs it alone.
    // `unit`: the pure folders (no database, server or process) in one module registry per worker
    // (isolate: false), as most of their time went on importing the same modules afresh for each file;
    // their tests name no engine and count as sqlite in .ci/run's summary, as before.
    projects: [
      {
        extends: true,
        test: {
          name: 'sqlite',
          include: ['test/**/*.test.ts'],
          exclude: [...configDefaults.exclude, ...UNIT_FOLDERS, BROWSER_FOLDER],
        },
      },
      { extends: true, test: { name: 'unit', include: UNIT_FOLDERS, isolate: false } },
      // `browser`: each file starts its own server on a database of its own (test/helpers/browser-server.ts)
      // and asks for its worker's Chromium; without isolation a worker imports the app and Playwright once,
      // not once per file (a fifth of a browser file's time went on that).
      { extends: true, test: { name: 'browser', include: [BROWSER_FOLDER], isolate: false } },
      {
        extends: true,
        test: {
          name: 'postgres',
          include: ['test/api/**/*.test.ts', 'test/reliability/**/*.test.ts'],
          exclude: [...configDefaults.exclude, ...POSTGRES_EXCLUSIONS.map((e) => e.file)],
          env: { VIGIL_TEST_ENGINE: 'postgres' },
          globalSetup: ['test/global-postgres.ts'],
        },
      },
    ],
  },
});
