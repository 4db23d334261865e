/** One catalogue version that Vigil has shipped, and the ids it renumbered. */
export interface BundledVersion {
  version: string;
  /**
   * Retired ids whose meaning this version keeps under a new id (old → new). When an installation
   * moves to this version, the current observations of an old id are carried over to the new one
   * (copied and superseded, so the history stays). Ids retired without a successor are not listed:
   * their observations stay where they are and stop counting.
   */
  successors: Readonly<Record<string, string>>;
}

/**
 * Every catalogue version bundled with Vigil, oldest first; the last is `CATALOGUE_VERSION`. A
 * database is brought from the bundled version it holds through each later one in turn, and a new
 * database goes through all of them, so both end with the same catalogue and the same history.
 */
export const BUNDLED_VERSIONS: readonly BundledVersion[] = [
  { version: '2026.1', successors: {} },
  {
    version: '2026.2',
    // Risk factor 8 numbered 8.5–8.12; 8.5 covers both attacks on leaders and other serious violence.
    successors: {
      'afac.8.x-attacks-on-leaders': 'afac.8.5',
      'afac.8.x-serious-violence': 'afac.8.5',
      'afac.8.x-religious-events': 'afac.8.6',
      'afac.8.x-incitement': 'afac.8.7',
      'afac.8.x-census-elections': 'afac.8.8',
      'afac.8.x-economic-shock': 'afac.8.9',
      'afac.8.x-resource-exploitation': 'afac.8.10',
      'afac.8.x-commemorations': 'afac.8.11',
      'afac.8.x-accountability': 'afac.8.12',
    },
  },
];
