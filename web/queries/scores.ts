import { queryOptions } from '@tanstack/react-query';
import type { InferResponseType } from 'hono/client';
import type { Lens } from '../../indicators/index.ts';
import { api } from '../lib/api-client.ts';
import { unwrap } from '../lib/http.ts';
import type { Level } from '../lib/view-state.ts';
import { currentLanguage } from '../i18n/messages.ts';
import type { Language } from '../i18n/languages.ts';

export type { Level } from '../lib/view-state.ts';

/** One row of `/api/scores`. */
export type MapScore = InferResponseType<typeof api.scores.$get, 200>[number];

/** One month of `/api/regions/{code}/scores`. */
export type SeriesPoint = InferResponseType<(typeof api.regions)[':code']['scores']['$get'], 200>[number];

/** `GET /api/regions/{code}/explain`: a score taken apart. */
export type Explanation = InferResponseType<(typeof api.regions)[':code']['explain']['$get'], 200>;

/** One indicator's part in a score. */
export type ContributionRow = Explanation['contributions'][number];

/** A whole map's scores, labelled with what they are scores of (so a placeholder is never applied to the wrong level). */
export interface ScoreSet {
  period: string;
  lens: Lens;
  /** 2: districts. */
  level: Level | 2;
  scenario: string;
  rows: MapScore[];
}

/** `GET /api/scores/map`: one month of a level as aligned arrays. */
type MapScores = InferResponseType<typeof api.scores.map.$get, 200>;

/**
 * One region of the map's compact scores, decoded: what the map, its hover card and its hotspot
 * list read (a name is not sent: the caller fills it from the regions it has).
 */
export interface MapRow {
  region: string;
  name: string;
  score: number | null;
  class: string;
  trend: number | null;
  /** `own`: scored on its own evidence; `country`: its country's records only; `none`: nothing. */
  basis: 'own' | 'country' | 'none';
  conditionsOnly: boolean;
  evidence: { indicators: number };
  /** The top driver, if any. */
  drivers: MapScores['drivers'];
}

/** A whole map's compact scores, decoded, labelled like a {@link ScoreSet} (level 2: districts). */
export interface MapRowSet extends Omit<ScoreSet, 'rows'> {
  rows: MapRow[];
}

/** Rows from the aligned arrays of `/api/scores/map` (flags: 1 country-level records only, 2 conditions only). */
export function decodeMapScores(m: MapScores): MapRow[] {
  return m.regions.map((region, i) => {
    const flags = m.flags[i] ?? 0;
    const score = m.score[i] ?? null;
    const top = m.drivers[m.driver[i] ?? -1];
    return {
      region,
      name: '',
      score,
      class: m.classes[m.class[i] ?? -1] ?? 'no-data',
      trend: m.trend[i] ?? null,
      basis: score !== null ? 'own' : flags & 1 ? 'country' : 'none',
      conditionsOnly: (flags & 2) !== 0,
      evidence: { indicators: m.indicators[i] ?? 0 },
      drivers: top ? [top] : [],
    };
  });
}

/** A level as the query string writes it (2: districts, where a route serves them). */
export const levelParam = <L extends Level | 2>(l: L) => String(l) as L extends 2 ? '2' : '0' | '1';

/** Query factories for score reads, with hierarchical keys so a write can invalidate `['scores']`. */
export const scoreQueries = {
  periods: () =>
    queryOptions({ queryKey: ['scores', 'periods'], queryFn: async () => unwrap(await api.periods.$get()) }),
  map: (period: string, lens: Lens, level: Level | 2, scenario = 'baseline') =>
    queryOptions({
      queryKey: ['scores', 'map', { period, lens, level, scenario }],
      queryFn: async (): Promise<ScoreSet> => ({
        period,
        lens,
        level,
        scenario,
        rows: await unwrap(await api.scores.$get({ query: { period, lens, level: levelParam(level), scenario } })),
      }),
    }),
  /** The map's scores for a month, in the compact form (a tenth of the bytes of {@link scoreQueries.map}). */
  mapCompact: (period: string, lens: Lens, level: Level | 2, scenario = 'baseline') =>
    queryOptions({
      queryKey: ['scores', 'map-compact', { period, lens, level, scenario }],
      queryFn: async (): Promise<MapRowSet> => ({
        period,
        lens,
        level,
        scenario,
        rows: decodeMapScores(
          await unwrap(await api.scores.map.$get({ query: { period, lens, level: levelParam(level), scenario } })),
        ),
      }),
    }),
  series: (code: string, lens: Lens, scenario = 'baseline') =>
    queryOptions({
      queryKey: ['scores', 'series', { code, lens, scenario }],
      queryFn: async () =>
        unwrap(await api.regions[':code'].scores.$get({ param: { code }, query: { lens, scenario } })),
    }),
  /** Labels, values and notes written by the API in `lang` (the page's language by default). */
  explain: (code: string, period: string, lens: Lens, scenario = 'baseline', lang: Language = currentLanguage()) =>
    queryOptions({
      queryKey: ['scores', 'explain', { code, period, lens, scenario, lang }],
      queryFn: async () =>
        unwrap(await api.regions[':code'].explain.$get({ param: { code }, query: { period, lens, scenario, lang } })),
    }),
};
