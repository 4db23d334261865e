import { queryOptions } from '@tanstack/react-query';
import type { Lens } from '../../indicators/vocabulary.ts';
import { api, unwrap } from '../lib/api-client.ts';
import type { Level } from '../lib/view-state.ts';

export type { Level } from '../lib/view-state.ts';

/** One row of `/api/scores`. */
export type MapScore = Awaited<ReturnType<typeof fetchScores>>[number];

/** One month of `/api/regions/{code}/scores`. */
export type SeriesPoint = Awaited<ReturnType<typeof fetchSeries>>[number];

/** A whole map's scores, labelled with what they are scores of (so a placeholder is never applied to the wrong level). */
export interface ScoreSet {
  period: string;
  lens: Lens;
  level: Level;
  scenario: string;
  rows: MapScore[];
}

async function fetchScores(period: string, lens: Lens, level: Level, scenario: string) {
  return unwrap(await api.scores.$get({ query: { period, lens, level: String(level) as '0' | '1', scenario } }));
}

async function fetchSeries(code: string, lens: Lens, scenario: string) {
  return unwrap(await api.regions[':code'].scores.$get({ param: { code }, query: { lens, scenario } }));
}

/** Query factories for score reads, with hierarchical keys so a write can invalidate `['scores']`. */
export const scoreQueries = {
  periods: () =>
    queryOptions({ queryKey: ['scores', 'periods'], queryFn: async () => unwrap(await api.periods.$get()) }),
  map: (period: string, lens: Lens, level: Level, scenario = 'baseline') =>
    queryOptions({
      queryKey: ['scores', 'map', { period, lens, level, scenario }],
      queryFn: async (): Promise<ScoreSet> => ({
        period,
        lens,
        level,
        scenario,
        rows: await fetchScores(period, lens, level, scenario),
      }),
    }),
  series: (code: string, lens: Lens, scenario = 'baseline') =>
    queryOptions({
      queryKey: ['scores', 'series', { code, lens, scenario }],
      queryFn: () => fetchSeries(code, lens, scenario),
    }),
};
