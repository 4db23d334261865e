import { readFileSync, existsSync } from 'node:fs';
import type { Topology } from 'topojson-specification';
import { defaultCatalogue } from '../../indicators/catalogue/index.ts';
import type { Confidence } from '../../indicators/vocabulary.ts';
import type { Db } from '../client.ts';
import { currentCatalogueVersion, saveCatalogueVersion } from '../queries/catalogue.ts';
import { insertObservations, type NewObservation } from '../queries/observations.ts';
import { countRegions, insertBoundarySet, listRegions } from '../queries/regions.ts';
import { getSetting, setSetting } from '../queries/settings.ts';
import { prepareAdmin0, prepareAdmin1 } from './boundaries.ts';

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
 * Loads the bundled defaults into an empty database: Natural Earth boundaries and regions, the
 * default indicator catalogue, and the historical observations. Each step runs once (idempotent):
 * boundaries when no region exists, the catalogue when no version is current, observations when the
 * `seed.historical` setting is unset. Returns what it loaded.
 */
export function seedDefaults(
  db: Db,
  at = new Date().toISOString(),
): { boundaries: boolean; catalogue: boolean; observations: number } {
  const done = { boundaries: false, catalogue: false, observations: 0 };
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
  if (!currentCatalogueVersion(db)) {
    saveCatalogueVersion(db, defaultCatalogue, 'bundled', SEED_ACTOR, at);
    done.catalogue = true;
  }
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
  return done;
}
