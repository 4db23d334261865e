import type { Indicator } from '../types.ts';
import {
  tipEconomyIndicators,
  tipDisplacementIndicators,
  tipGovernanceIndicators,
  tipIdentificationIndicators,
  tipSocioEconomicIndicators,
} from './tip-context.ts';
import { tipChildrenIndicators, tipLabourIndicators, tipSexualSlaveryIndicators } from './tip-exploitation.ts';
import { tipAnnexIndicators } from './tip-annex-ii.ts';

/**
 * Vigil's own trafficking-specific indicators: about 110 candidate signals from the source documents,
 * merged into area-level indicators that never describe an individual, and the area-level forms of
 * the UNODC paper's annex II signals.
 */
export const tipIndicators: readonly Indicator[] = [
  ...tipSexualSlaveryIndicators,
  ...tipChildrenIndicators,
  ...tipLabourIndicators,
  ...tipEconomyIndicators,
  ...tipDisplacementIndicators,
  ...tipSocioEconomicIndicators,
  ...tipGovernanceIndicators,
  ...tipIdentificationIndicators,
  ...tipAnnexIndicators,
];
