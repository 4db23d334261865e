import { beforeAll } from 'vitest';
import { createApp } from '../../api/app.ts';
import type { Engine, seededOnBothEngines } from './engines.ts';

export type App = ReturnType<typeof createApp>;

/**
 * One app per engine over the same data (`seededOnBothEngines()`), built before the file's tests:
 * `apps()[engine].request(…)` answers in process, so one set of assertions compares the engines.
 */
export function appsOnBothEngines(both: ReturnType<typeof seededOnBothEngines>): () => Record<Engine, App> {
  let apps: Record<Engine, App>;
  beforeAll(() => {
    apps = {
      sqlite: createApp({ db: both.seeded(), data: both.engines.sqlite(), version: 'test' }),
      postgres: createApp({ db: both.seeded(), data: both.engines.postgres(), version: 'test' }),
    };
  });
  return () => apps;
}
