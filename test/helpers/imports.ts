import type { TestApp } from './app.ts';
import type { Credentials } from './auth.ts';

/**
 * What an import test needs against an app in process: `post(query, csv)` to `/api/imports` as
 * `who`, and `written()`, the observations plus import batches in the database, which a refused
 * import must leave as they were.
 */
export function importsOf(server: TestApp, who: () => Credentials) {
  return {
    post: (query: string, body: string) =>
      server.request(`/api/imports?${query}`, {
        method: 'POST',
        headers: { ...who().bearer, 'Content-Type': 'text/csv' },
        body,
      }),
    written: () =>
      (server.db.$client.prepare(`select count(*) as n from observations`).get() as { n: number }).n +
      (server.db.$client.prepare(`select count(*) as n from import_batches`).get() as { n: number }).n,
  };
}
