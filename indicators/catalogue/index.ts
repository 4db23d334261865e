import type { Catalogue } from '../types.ts';
import { afacIndicators } from './afac.ts';
import { crsvIndicators } from './crsv.ts';
import { exploitationForms } from './exploitation-forms.ts';
import { frameworks } from './frameworks.ts';
import { groups } from './groups.ts';
import { osceIndicators } from './osce.ts';
import { tipIndicators } from './tip.ts';

/**
 * Version of the bundled catalogue; bump it whenever an indicator's meaning or defaults change, and add
 * the new version to `BUNDLED_VERSIONS` (history.ts) so that existing databases are brought up to it.
 */
export const CATALOGUE_VERSION = '2026.2';

/**
 * The catalogue shipped with Vigil: the four frameworks, their groups, every indicator and the
 * exploitation forms they signal. Start-up brings a database up to it (db/seed/catalogue.ts) unless an
 * admin imported a catalogue of their own; an admin can import a newer one (checked with
 * `validateCatalogue`) without code changes.
 */
export const defaultCatalogue: Catalogue = {
  version: CATALOGUE_VERSION,
  frameworks,
  groups,
  indicators: [...afacIndicators, ...crsvIndicators, ...osceIndicators, ...tipIndicators],
  forms: exploitationForms,
};

export { afacIndicators, afacNumberedIndicators, afacRiskFactorIndicators } from './afac.ts';
export { crsvIndicators } from './crsv.ts';
export { osceIndicators } from './osce.ts';
export { tipIndicators } from './tip.ts';
export { exploitationForms } from './exploitation-forms.ts';
export { frameworks } from './frameworks.ts';
export { groups, afacGroups, crsvGroups, osceGroups, tipGroups } from './groups.ts';
export { SOURCES } from './sources.ts';
export { BUNDLED_VERSIONS, type BundledVersion } from './history.ts';
export {
  CatalogueSchema,
  FormSchema,
  FrameworkSchema,
  GroupSchema,
  IndicatorSchema,
  MeasurementSchema,
  validateCatalogue,
} from './schema.ts';
export type { CatalogueError, CatalogueValidation } from './schema.ts';
