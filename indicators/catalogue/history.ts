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
export const BUNDLED_VERSIONS: readonly BundledVersion[] = [{ version: '2026.1', successors: {} }];
