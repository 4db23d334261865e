/**
 * The API and reliability test files the `postgres` project (vite.config.ts) does NOT run a second
 * time on PostgreSQL, each with its reason: the one place that says what the PostgreSQL run leaves out
 * (no `it.skip` or `skipIf` in the files). Paths are globs from the repository's root.
 *  (a) it runs on both engines itself;
 *  (b) it is about the SQLite file itself: `covered` names the PostgreSQL test of the same ground;
 *  (c) it builds no app through `startApp()` or `spawnServer()` (services over a SQLite connection, pure
 *      functions, its own `createApp` over SQLite): a second run would test SQLite again.
 */
export interface Exclusion {
  file: string;
  kind: 'a' | 'b' | 'c';
  reason: string;
  covered?: string;
}

export const POSTGRES_EXCLUSIONS: readonly Exclusion[] = [
  // (a) both engines in the file itself
  { file: 'test/api/*-engines.test.ts', kind: 'a', reason: 'compares both engines in one file' },
  { file: 'test/reliability/pg-*.test.ts', kind: 'a', reason: 'starts its own PostgreSQL server' },
  { file: 'test/api/*-pg.test.ts', kind: 'a', reason: 'runs on its own PostgreSQL server (e.g. catalogue-upgrade-pg)' },
  { file: 'test/api/not-on-postgresql.test.ts', kind: 'a', reason: 'checks both route lists and the 503 itself' },

  // (b) the SQLite file itself
  {
    file: 'test/reliability/crash.test.ts',
    kind: 'b',
    reason: 'kill -9 during a write: the SQLite WAL recovers on the next start',
    covered: 'test/reliability/pg-import-kill.test.ts',
  },
  {
    file: 'test/reliability/backup.test.ts',
    kind: 'b',
    reason: 'vigil backup/restore of the SQLite file under a running server',
    covered: 'test/cli/backup-pg.test.ts',
  },
  {
    file: 'test/reliability/scheduled-backup.test.ts',
    kind: 'b',
    reason: "the server's scheduled backups copy the SQLite file (VIGIL_BACKUP_DIR)",
    covered: 'test/reliability/pg-scheduled-backup.test.ts (scheduled pg_dump backups of a server on PostgreSQL)',
  },
  {
    file: 'test/api/ucdp-seed.test.ts',
    kind: 'b',
    reason: "the bundled UCDP sample loaded into the SQLite file on a server's first start",
    covered: 'test/reliability/pg-server.test.ts (a first start on PostgreSQL copies the prepared SQLite data)',
  },
  {
    file: 'test/reliability/writes-during-recompute.test.ts',
    kind: 'b',
    reason:
      "SQLite's write gate and file lock during a full recompute (run off the loop, the gate file, busy_timeout): PostgreSQL has neither; its writers wait on the scores lock",
    covered: 'test/api/rescore-engines.test.ts, test/reliability/pg-two-writers.test.ts',
  },
  {
    file: 'test/api/catalogue-upgrade.test.ts',
    kind: 'b',
    reason:
      'the bundled catalogue upgrade of a SQLite file a 2026.1 release left (its services run on the opened file; one server start on it)',
    covered: 'test/api/catalogue-upgrade-pg.test.ts',
  },

  // (e) set-up through SQLite, to move to app.data or the API

  // (c) no app on the test engine
  ...[
    'test/api/auth-errors.test.ts',
    'test/api/auth-password-policy.test.ts',
    'test/api/auth-proxy.test.ts',
    'test/api/auth-tokens.test.ts',
    'test/api/boundary-conventions.test.ts',
    'test/api/boundary-geometry.test.ts',
    'test/api/boundary-parents.test.ts',
    'test/api/explain-stored.test.ts',
    'test/api/export-writers.test.ts',
    'test/api/i18n-catalogues.test.ts',
    'test/api/openapi.test.ts',
    'test/api/ownership.test.ts',
    'test/api/personal-data.test.ts',
    'test/api/personal-data-paths.test.ts',
    'test/api/region-matcher-cache.test.ts',
    'test/api/scores-incremental.test.ts',
    'test/api/scores-recompute.test.ts',
    'test/api/scores-sweep.test.ts',
    'test/reliability/fuzz.test.ts',
  ].map((file) => ({ file, kind: 'c' as const, reason: 'services, pure functions or its own createApp over SQLite' })),
];
