import type { Scenario } from '../types.ts';
import { baseline } from './baseline.ts';
import { childrenFocus } from './children-focus.ts';
import { directEvidence } from './direct-evidence.ts';
import { sexualExploitationFocus } from './sexual-exploitation-focus.ts';
import { structuralDrivers } from './structural-drivers.ts';

/** Every bundled weighting scenario, baseline first. Adding one is adding a data file here. */
export const SCENARIOS: readonly Scenario[] = [
  baseline,
  childrenFocus,
  sexualExploitationFocus,
  structuralDrivers,
  directEvidence,
];

/** The id of the scenario stored scores are computed under. */
export const BASELINE_SCENARIO = 'baseline';

/** A scenario by id, or undefined. */
export function getScenario(id: string): Scenario | undefined {
  return SCENARIOS.find((s) => s.id === id);
}

export { baseline, childrenFocus, directEvidence, sexualExploitationFocus, structuralDrivers };
