import { readFileSync } from 'node:fs';
import { BUNDLED_VERSIONS, CATALOGUE_VERSION, defaultCatalogue } from '../../indicators/index.ts';
import type { Catalogue } from '../../indicators/index.ts';
import type { Db } from '../client.ts';
import { appendAudit } from '../queries/audit.ts';
import { catalogueVersionIds, currentCatalogueOrigin, saveCatalogueVersion } from '../queries/catalogue.ts';
import { carryObservations } from '../queries/observations.ts';

/** The `source` of a catalogue version that Vigil loaded itself (an admin's import names its file or upload). */
export const BUNDLED_SOURCE = 'bundled';

/** One bundled catalogue version: its label, the ids it renumbered, and (read on demand) the catalogue. */
export interface BundledStep {
  version: string;
  successors: Readonly<Record<string, string>>;
  catalogue: () => Catalogue;
}

/**
 * The catalogue versions Vigil has shipped, oldest first: the current one from the code, each earlier
 * one from its frozen snapshot `db/seed/catalogue-<version>.json` (read only when a step needs it).
 */
export function bundledSteps(): BundledStep[] {
  return BUNDLED_VERSIONS.map((v) => ({
    ...v,
    catalogue: () =>
      v.version === CATALOGUE_VERSION
        ? defaultCatalogue
        : (JSON.parse(readFileSync(new URL(`./catalogue-${v.version}.json`, import.meta.url), 'utf8')) as Catalogue),
  }));
}

/** What {@link updateBundledCatalogue} did. */
export interface CatalogueUpdate {
  /** Versions saved now, oldest first: empty when the database was up to date or kept its own catalogue. */
  applied: string[];
  /** Version in force before, or null for a new database. */
  from: string | null;
  /** Current observations carried over to renumbered indicators. */
  carried: number;
  /** Why the bundled catalogue was left unapplied (an admin's catalogue is in force), for the log; else null. */
  kept: string | null;
}

/**
 * Brings the database's catalogue up to the bundled one. A new database goes through every bundled
 * version in turn; a database whose version in force is an earlier bundled one goes through the later
 * ones. Each step is one transaction: the version is saved (indicators it drops are retired, never
 * deleted), the current observations of ids it renumbered are carried over to their new ids, and the
 * upgrade is written to the audit log as an action of `actor`. A catalogue an admin imported is never
 * replaced: it is left in force and `kept` says why. Running it again changes nothing. The caller
 * recomputes the scores when `applied` is not empty.
 */
export function updateBundledCatalogue(
  db: Db,
  actor: string,
  at: string,
  steps: readonly BundledStep[] = bundledSteps(),
): CatalogueUpdate {
  const latest = steps.at(-1)?.version;
  const current = currentCatalogueOrigin(db);
  const result: CatalogueUpdate = { applied: [], from: current?.id ?? null, carried: 0, kept: null };
  const keep = (why: string) => ({
    ...result,
    kept: `The bundled indicator catalogue ${latest} was not applied: ${why}`,
  });
  let next = 0;
  if (current) {
    if (current.source !== BUNDLED_SOURCE)
      return keep(
        `the version in force, ${current.id}, was imported from '${current.source}'${current.loadedBy ? ` by ${current.loadedBy}` : ''} on ${current.loadedAt.slice(0, 10)}, and an imported catalogue is never replaced at start-up. ` +
          `To adopt the bundled one, an admin exports it (npx vigil catalogue export --bundled > bundled.json) and imports it as a new version.`,
      );
    const held = steps.findIndex((s) => s.version === current.id);
    if (held < 0)
      return keep(
        `the version in force, ${current.id}, is bundled with another release of Vigil (this one knows ${steps.map((s) => s.version).join(', ')}).`,
      );
    next = held + 1;
  }
  const taken = new Set(catalogueVersionIds(db));
  for (const step of steps.slice(next)) {
    if (taken.has(step.version))
      return keep(
        `the label ${step.version} is already used by another loaded version; an admin can import it under another label.`,
      );
    db.transaction((tx) => {
      const diff = saveCatalogueVersion(tx, step.catalogue(), BUNDLED_SOURCE, actor, at);
      if (diff.from === null) return;
      const carried = carryObservations(tx, step.successors, step.version, actor, at);
      appendAudit(tx, {
        at,
        actor,
        action: 'upgrade',
        entity: 'catalogue_version',
        entityId: step.version,
        before: { version: diff.from },
        after: { source: BUNDLED_SOURCE, diff, carried, successors: step.successors },
      });
      result.carried += carried;
    });
    result.applied.push(step.version);
  }
  return result;
}

/**
 * One line for the log about a {@link CatalogueUpdate}, or null when there is nothing to say (nothing
 * changed, or a new database got its first catalogue).
 */
export function catalogueUpdateNote(u: CatalogueUpdate): string | null {
  if (u.kept) return u.kept;
  if (u.applied.length === 0 || u.from === null) return null;
  const carried = u.carried === 1 ? '1 observation' : `${u.carried.toLocaleString('en')} observations`;
  return `Brought the indicator catalogue from ${u.from} up to the bundled ${u.applied.join(', then ')} (${carried} carried over to renumbered indicators); scores are recomputed. The Catalogue page's Versions tab shows what changed.`;
}
