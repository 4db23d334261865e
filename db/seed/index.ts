import { readFileSync, existsSync } from 'node:fs';
import type { Topology } from 'topojson-specification';
import type { Confidence } from '../../indicators/index.ts';
import type { Db } from '../client.ts';
import { insertObservations, type NewObservation } from '../queries/observations.ts';
import { countRegions, insertBoundarySet, listRegions } from '../queries/regions.ts';
import { getSetting, setSetting } from '../queries/settings.ts';
import { prepareAdmin0, prepareAdmin1 } from './boundaries.ts';
import { bundledSteps, updateBundledCatalogue, type BundledStep, type CatalogueUpdate } from './catalogue.ts';

/** One documented historical observation as bundled in `historical-observations.json`. */
export interface SeedObservation {
  region: string;
  indicator: string;
  period: string;
  value: number;
  confidence: Confidence;
  source: { citation: string; locator: string; url?: string };
  note?: string;
}

/** Who the bundled data are attributed to in the audit trail. */
export const SEED_ACTOR = 'vigil-bundled-data';

const file = (name: string) => new URL(`./${name}`, import.meta.url);

/** The bundled historical observations (documented 2014–2017 cases), or none if the file is absent. */
export function readHistoricalObservations(): SeedObservation[] {
  const url = file('historical-observations.json');
  return existsSync(url) ? (JSON.parse(readFileSync(url, 'utf8')) as SeedObservation[]) : [];
}

/**
 * Loads the bundled defaults into a database: Natural Earth boundaries and regions, the default
 * indicator catalogue, and the historical observations. Each step runs once (idempotent): boundaries
 * when no region exists, observations when the `seed.historical` setting is unset; the catalogue is
 * brought up to the bundled version unless an admin imported one (see `updateBundledCatalogue`).
 * Returns what it loaded: `catalogue` is true when a catalogue version was saved (scores are then out
 * of date), and `catalogueUpdate` says which and why not. `steps` are the bundled catalogue versions
 * (all of them; a test passes fewer to build the database an earlier release left).
 */
export function seedDefaults(
  db: Db,
  at = new Date().toISOString(),
  steps: readonly BundledStep[] = bundledSteps(),
): { boundaries: boolean; catalogue: boolean; catalogueUpdate: CatalogueUpdate; observations: number } {
  const done = { boundaries: false, observations: 0 };
  if (countRegions(db) === 0) {
    const a0 = prepareAdmin0(JSON.parse(readFileSync(file('boundaries/admin0.topojson'), 'utf8')) as Topology, at);
    const a1 = prepareAdmin1(
      JSON.parse(readFileSync(file('boundaries/admin1.topojson'), 'utf8')) as Topology,
      new Set(a0.regions.map((r) => r.code)),
      at,
    );
    db.transaction((tx) => {
      insertBoundarySet(tx, a0.set, a0.regions, a0.aliases);
      insertBoundarySet(tx, a1.set, a1.regions, a1.aliases);
    });
    done.boundaries = true;
  }
  const catalogueUpdate = updateBundledCatalogue(db, SEED_ACTOR, at, steps);
  if (!getSetting(db, 'seed.historical')) {
    const known = new Set(listRegions(db).map((r) => r.code));
    const rows: NewObservation[] = readHistoricalObservations().map((o) => {
      if (!known.has(o.region)) throw new Error(`historical observation names unknown region ${o.region}`);
      return {
        regionCode: o.region,
        indicatorId: o.indicator,
        period: o.period,
        value: o.value,
        confidence: o.confidence,
        sourceCitation: o.source.citation,
        sourceLocator: o.source.locator,
        sourceUrl: o.source.url ?? null,
        note: o.note ?? null,
        enteredBy: SEED_ACTOR,
        enteredAt: at,
      };
    });
    db.transaction((tx) => {
      insertObservations(tx, rows);
      setSetting(tx, 'seed.historical', at);
    });
    done.observations = rows.length;
  }
  return { ...done, catalogue: catalogueUpdate.applied.length > 0, catalogueUpdate };
}
