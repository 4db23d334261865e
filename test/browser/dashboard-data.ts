import { insertObservations, type NewObservation } from '../../db/queries/observations.ts';
import { filledDbCopy } from '../helpers/seeded-db.ts';

/** The month the dashboard tests treat as "this month". */
export const TEST_MONTH = '2017-12';

/** The region whose sharp rise in {@link TEST_MONTH} the monitoring view must list as an alert. */
export const ALERT_REGION = { code: 'YE-TA', name: "Ta'izz" };

/** A region whose data stop in March 2017: a coverage gap by the test month. */
export const GAP_REGION = { code: 'SO-BY', name: 'Bay' };

/** A region that falls in {@link TEST_MONTH}. */
export const FALLER_REGION = { code: 'SS-UY', name: 'Unity' };

type Obs = [region: string, indicator: string, period: string, value: number];

/**
 * Synthetic test observations (not a claim about any place): a steady hotspot, a sharp riser in the
 * test month, a faller and a region whose data stopped. Severities are 0–4.
 */
const OBSERVATIONS: Obs[] = [
  ...['2016-01', '2016-07', '2017-01', '2017-07'].flatMap((p): Obs[] => [
    ['IQ-NI', 'tip.slave-markets', p, 4],
    ['IQ-NI', 'tip.enslavement-policy', p, 4],
    ['IQ-NI', 'tip.abduction-women-girls', p, 4],
    ['IQ-NI', 'tip.child-recruitment', p, 3],
    ['IQ-NI', 'afac.7.9', p, 4],
    ['NG-BO', 'tip.abduction-women-girls', p, 4],
    ['NG-BO', 'tip.child-recruitment', p, 4],
    ['NG-BO', 'tip.mass-displacement', p, 3],
    ['SY-RA', 'tip.slave-markets', p, 3],
    ['SY-RA', 'tip.captives-to-fighters', p, 3],
  ]),
  ['LBY', 'tip.ransom-captivity', '2017-06', 3],
  ['LBY', 'tip.slave-markets', '2017-11', 4],
  ['LBY', 'tip.debt-bondage', '2017-11', 3],
  ['YE-TA', 'tip.mass-displacement', '2017-06', 1],
  ['YE-TA', 'tip.mass-displacement', '2017-09', 1],
  ['YE-TA', 'tip.child-recruitment', TEST_MONTH, 4],
  ['YE-TA', 'tip.abduction-women-girls', TEST_MONTH, 4],
  ['YE-TA', 'tip.slave-markets', TEST_MONTH, 3],
  ['YE-TA', 'tip.mass-displacement', TEST_MONTH, 4],
  ['SS-UY', 'tip.child-recruitment', '2017-09', 4],
  ['SS-UY', 'tip.abduction-women-girls', '2017-09', 4],
  ['SS-UY', 'tip.child-recruitment', TEST_MONTH, 1],
  ['SS-UY', 'tip.abduction-women-girls', TEST_MONTH, 0],
  ['SO-BY', 'tip.child-recruitment', '2017-03', 3],
  ['SO-BY', 'tip.mass-displacement', '2017-03', 3],
  ['SO-BY', 'tip.child-recruitment', '2016-09', 3],
  ['SO-BY', 'tip.mass-displacement', '2016-09', 3],
];

/**
 * A private copy of a database with the bundled defaults plus the synthetic test observations, scored
 * as a server's first start leaves it (built once per version of the code and of this file).
 */
export function dashboardDbCopy(): Promise<string> {
  const at = '2018-01-05T09:00:00.000Z';
  // Three synthetic reports in turn, so that each place rests on more than one independent source.
  const rows: NewObservation[] = OBSERVATIONS.map(([regionCode, indicatorId, period, value], i) => ({
    regionCode,
    indicatorId,
    period,
    value,
    confidence: 'medium',
    sourceCitation: `Vigil browser-test fixture (synthetic), report ${'ABC'[i % 3]}`,
    sourceLocator: 'test/browser/dashboard-data.ts',
    enteredBy: 'browser-test',
    enteredAt: at,
  }));
  return filledDbCopy('dashboard', import.meta.url, (db) => insertObservations(db, rows));
}
