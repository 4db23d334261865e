import { queryOptions } from '@tanstack/react-query';
import type { Lens } from '../../indicators/vocabulary.ts';
import { api, unwrap } from '../lib/api-client.ts';
import type { Level } from '../lib/view-state.ts';

const lv = (l: Level) => String(l) as '0' | '1';

/** Reads of the risk model's explanations, alerts and weighting scenarios. */
export const modelQueries = {
  explain: (code: string, period: string, lens: Lens, scenario = 'baseline') =>
    queryOptions({
      queryKey: ['scores', 'explain', { code, period, lens, scenario }],
      queryFn: async () =>
        unwrap(await api.regions[':code'].explain.$get({ param: { code }, query: { period, lens, scenario } })),
    }),
  alerts: (period: string, lens: Lens, scenario = 'baseline') =>
    queryOptions({
      queryKey: ['scores', 'alerts', { period, lens, scenario }],
      queryFn: async () => unwrap(await api.alerts.$get({ query: { period, lens, scenario } })),
    }),
  regionAlerts: (code: string, lens: Lens, scenario: string, from: string, to: string) =>
    queryOptions({
      queryKey: ['scores', 'region-alerts', { code, lens, scenario, from, to }],
      queryFn: async () =>
        unwrap(await api.regions[':code'].alerts.$get({ param: { code }, query: { lens, scenario, from, to } })),
    }),
  scenarios: () =>
    queryOptions({
      queryKey: ['scenarios'],
      staleTime: 5 * 60_000,
      queryFn: async () => unwrap(await api.scenarios.$get()),
    }),
  scenarioCompare: (id: string, period: string, lens: Lens, level: Level) =>
    queryOptions({
      queryKey: ['scores', 'scenario-compare', { id, period, lens, level }],
      queryFn: async () =>
        unwrap(await api.scenarios[':id'].compare.$get({ param: { id }, query: { period, lens, level: lv(level) } })),
    }),
};

type Data<F extends (...a: never[]) => { queryFn?: unknown }> = Awaited<
  ReturnType<NonNullable<Extract<ReturnType<F>['queryFn'], (...a: never[]) => unknown>>>
>;

/** `GET /api/regions/{code}/explain`: a score taken apart. */
export type Explanation = Data<typeof modelQueries.explain>;
/** One indicator's part in a score. */
export type ContributionRow = Explanation['contributions'][number];
/** One alert of `GET /api/alerts`. */
export type AlertRow = Data<typeof modelQueries.alerts>[number];
/** A weighting scenario of `GET /api/scenarios`. */
export type ScenarioRow = Data<typeof modelQueries.scenarios>[number];
