import { scoreRegion } from '../../../indicators/index.ts';
import type { Indicator, ModelObservation } from '../../../indicators/index.ts';

const base = { description: '', forms: [], level: 'area', citation: 'worked example', status: 'added' } as const;
const SEV = { kind: 'severity', max: 4 } as const;

/** A small made-up catalogue for the worked example: four indicators in three groups. */
export const EXAMPLE_INDICATORS: Indicator[] = [
  {
    ...base,
    id: 'tip.a',
    framework: 'tip',
    group: 'Sexual exploitation',
    label: 'People sold at markets',
    relevance: 'direct',
    measurement: SEV,
    weight: 2,
    persistenceMonths: 6,
  },
  {
    ...base,
    id: 'tip.b',
    framework: 'tip',
    group: 'Sexual exploitation',
    label: 'Abductions of women and girls',
    relevance: 'direct',
    measurement: SEV,
    weight: 1,
    persistenceMonths: 6,
  },
  {
    ...base,
    id: 'tip.c',
    framework: 'tip',
    group: 'Displacement',
    label: 'Crowded, unguarded camps',
    relevance: 'indirect',
    measurement: SEV,
    weight: 1,
    persistenceMonths: 3,
  },
  {
    ...base,
    id: 'afac.x',
    framework: 'afac',
    group: 'Atrocity risk factor 7',
    label: 'Conditions for sexual violence',
    relevance: 'direct',
    measurement: { kind: 'binary' },
    weight: 1.5,
    persistenceMonths: 12,
  },
  {
    ...base,
    id: 'crsv.y',
    framework: 'crsv',
    group: 'Mobility of women',
    label: 'Women withdrawing from public life',
    relevance: 'none',
    measurement: SEV,
    weight: 1,
    persistenceMonths: 3,
  },
];

/** Observations of the worked example; the binary one was recorded for the whole country. */
export const EXAMPLE_OBSERVATIONS: ModelObservation[] = [
  {
    id: 1,
    regionCode: 'Region A',
    indicatorId: 'tip.a',
    period: '2015-04',
    value: 3,
    confidence: 'high',
    source: 'cite:report a',
  },
  {
    id: 2,
    regionCode: 'Region A',
    indicatorId: 'tip.b',
    period: '2015-02',
    value: 4,
    confidence: 'medium',
    source: 'cite:report b',
  },
  {
    id: 3,
    regionCode: 'Region A',
    indicatorId: 'tip.c',
    period: '2015-03',
    value: 2,
    confidence: 'low',
    source: 'cite:report a',
  },
  {
    id: 4,
    regionCode: 'Country',
    indicatorId: 'afac.x',
    period: '2015-01',
    value: 1,
    confidence: 'high',
    source: 'cite:country report',
    inherited: true,
  },
];

/** The worked example scored by the model itself, in April 2015, overall lens. */
export function workedExample() {
  return scoreRegion({
    region: 'Region A',
    period: '2015-04',
    lens: 'overall',
    observations: EXAMPLE_OBSERVATIONS,
    catalogue: { indicators: EXAMPLE_INDICATORS },
  });
}
