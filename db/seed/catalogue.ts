import { readFileSync } from 'node:fs';
import { BUNDLED_VERSIONS, CATALOGUE_VERSION, defaultCatalogue } from '../../indicators/index.ts';
import type { Catalogue } from '../../indicators/index.ts';
import type { Db } from '../client.ts';
import type { AsyncDb } from '../async.ts';
import { appendAudit, auditAsync } from '../queries/audit.ts';
import {
  CATALOGUE_LOCK,
  catalogueAsync,
  catalogueVersionIds,
  catalogueWritesAsync,
  currentCatalogueOrigin,
  saveCatalogueVersion,
  type CatalogueDiff,
  type CatalogueOrigin,
} from '../queries/catalogue.ts';
import { carryObservations, carryObservationsAsync } from '../queries/observations.ts';
import { withWriteLock } from '../write-lock.ts';

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
  const plan = planBundledUpdate(currentCatalogueOrigin(db), new Set(catalogueVersionIds(db)), steps);
  const result = plan.update;
  for (const step of plan.steps) {
    db.transaction((tx) => {
      const diff = saveCatalogueVersion(tx, step.catalogue(), BUNDLED_SOURCE, actor, at);
      if (diff.from === null) return;
      const carried = carryObservations(tx, step.successors, step.version, actor, at);
      appendAudit(tx, upgradeEntry(step, diff, carried, actor, at));
      result.carried += carried;
    });
    result.applied.push(step.version);
  }
  return { ...result, kept: plan.kept };
}

/**
 * {@link updateBundledCatalogue} on the awaited interface (either engine; a later start on
 * PostgreSQL): the same checks, versions, carried observations and audit entries, every step in one
 * transaction holding the catalogue write lock, so that of two processes starting at once the second
 * finds the catalogue up to date. The caller recomputes the scores when `applied` is not empty.
 */
export async function updateBundledCatalogueAsync(
  data: AsyncDb,
  actor: string,
  at: string,
  steps: readonly BundledStep[] = bundledSteps(),
): Promise<CatalogueUpdate> {
  return withWriteLock(data, CATALOGUE_LOCK, async (tx) => {
    const [origin, taken] = [await catalogueAsync.currentOrigin(tx), await catalogueAsync.versionIds(tx)];
    const plan = planBundledUpdate(origin, new Set(taken), steps);
    const result = plan.update;
    for (const step of plan.steps) {
      const diff = await catalogueWritesAsync.save(tx, step.catalogue(), BUNDLED_SOURCE, actor, at);
      if (diff.from !== null) {
        const carried = await carryObservationsAsync(tx, step.successors, step.version, actor, at);
        await auditAsync.append(tx, upgradeEntry(step, diff, carried, actor, at));
        result.carried += carried;
      }
      result.applied.push(step.version);
    }
    return { ...result, kept: plan.kept };
  });
}

/** The audit entry of one bundled step saved over an earlier version. */
const upgradeEntry = (step: BundledStep, diff: CatalogueDiff, carried: number, actor: string, at: string) => ({
  at,
  actor,
  action: 'upgrade',
  entity: 'catalogue_version',
  entityId: step.version,
  before: { version: diff.from },
  after: { source: BUNDLED_SOURCE, diff, carried, successors: step.successors },
});

/**
 * The bundled steps to save over the version in force (`current`, with the labels `taken`), and why
 * the later ones are not saved (`kept`: an imported catalogue, another release's, a label in use;
 * the steps before a label in use are saved). Pure.
 */
function planBundledUpdate(
  current: CatalogueOrigin | undefined,
  taken: ReadonlySet<string>,
  steps: readonly BundledStep[],
): { update: CatalogueUpdate; steps: BundledStep[]; kept: string | null } {
  const latest = steps.at(-1)?.version;
  const update: CatalogueUpdate = { applied: [], from: current?.id ?? null, carried: 0, kept: null };
  const keep = (why: string, before: BundledStep[] = []) => ({
    update,
    steps: before,
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
  const todo = steps.slice(next);
  const used = todo.findIndex((step) => taken.has(step.version));
  if (used >= 0)
    return keep(
      `the label ${todo[used]!.version} is already used by another loaded version; an admin can import it under another label.`,
      todo.slice(0, used),
    );
  return { update, steps: todo, kept: null };
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
