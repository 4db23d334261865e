import { queryOptions } from '@tanstack/react-query';
import type { InferResponseType } from 'hono/client';
import type { Lens } from '../../indicators/index.ts';
import { api } from '../lib/api-client.ts';
import { unwrap } from '../lib/http.ts';
import type { Level } from '../lib/view-state.ts';
import { levelParam } from './scores.ts';
import { currentLanguage } from '../i18n/messages.ts';
import type { Language } from '../i18n/languages.ts';

/**
 * Reads behind the exports: an export's metadata (sources, credits, disclaimer) and a region's
 * printable brief, their texts written by the API in `lang` (the page's language by default), which
 * is part of the query key.
 */
export const exportQueries = {
  metadata: (
    v: { period: string; lens: Lens; level: Level | 2; scenario: string },
    lang: Language = currentLanguage(),
  ) =>
    queryOptions({
      queryKey: ['export', 'metadata', v, lang],
      // Read afresh for every export: it carries the time it was generated.
      staleTime: 0,
      queryFn: async () =>
        unwrap(await api.export.metadata.$get({ query: { ...v, level: levelParam(v.level), lang } })),
    }),
  brief: (
    v: {
      region: string;
      period: string | null;
      lens: Lens;
      scenario: string;
      range?: { from: string; to: string } | null;
    },
    lang: Language = currentLanguage(),
  ) =>
    queryOptions({
      queryKey: ['export', 'brief', v, lang],
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
                lang,
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

/**
 * The `lang` of a score download link (CSV header row, GeoJSON metadata): the page's language. A file
 * follows only an explicit `?lang=`, not the account's; English links stay as they were.
 */
export function downloadLang(): { lang?: Language } {
  const lang = currentLanguage();
  return lang === 'en' ? {} : { lang };
}
