import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { LongestFirstSequencer } from './test/sequencer.ts';

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
    include: ['test/**/*.test.ts'],
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
  },
});
