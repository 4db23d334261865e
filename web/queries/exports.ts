import { queryOptions } from '@tanstack/react-query';
import type { InferResponseType } from 'hono/client';
import type { Lens } from '../../indicators/index.ts';
import { api } from '../lib/api-client.ts';
import { unwrap } from '../lib/http.ts';
import type { Level } from '../lib/view-state.ts';
import { levelParam } from './scores.ts';

/** Reads behind the exports: an export's metadata (sources, credits, disclaimer) and a region's printable brief. */
export const exportQueries = {
  metadata: (v: { period: string; lens: Lens; level: Level; scenario: string }) =>
    queryOptions({
      queryKey: ['export', 'metadata', v],
      // Read afresh for every export: it carries the time it was generated.
      staleTime: 0,
      queryFn: async () => unwrap(await api.export.metadata.$get({ query: { ...v, level: levelParam(v.level) } })),
    }),
  brief: (v: {
    region: string;
    period: string | null;
    lens: Lens;
    scenario: string;
    range?: { from: string; to: string } | null;
  }) =>
    queryOptions({
      queryKey: ['export', 'brief', v],
      queryFn: async ({ signal }) =>
        unwrap(
          await api.export.brief.$get(
            {
              query: {
                region: v.region,
                lens: v.lens,
                scenario: v.scenario,
                ...(v.period ? { period: v.period } : {}),
                ...(v.range ? { from: v.range.from, to: v.range.to } : {}),
              },
            },
            { init: { signal } },
          ),
        ),
    }),
};

/** An export's metadata, as `GET /api/export/metadata` returns it. */
export type ExportMetadata = InferResponseType<typeof api.export.metadata.$get, 200>;

/** A region's brief, as `GET /api/export/brief` returns it. */
export type BriefDocument = InferResponseType<typeof api.export.brief.$get, 200>;
