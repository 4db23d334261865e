import type { Lens } from '../../indicators/index.ts';
import { setParams, useLocation } from './router.ts';
import { parseViewState, type LevelMode } from './view-params.ts';

export * from './view-params.ts';

/** The current view state and setters that write it to the URL (replacing the history entry). */
export function useViewState(defaults?: { lens?: Lens; levelMode?: LevelMode }) {
  const { params } = useLocation();
  const state = parseViewState(params, defaults);
  return {
    ...state,
    params,
    setLens: (l: Lens) => setParams({ lens: l }),
    setLevelMode: (l: LevelMode) => setParams({ level: String(l) }),
    setPeriod: (p: string | null) => setParams({ period: p }),
    setRegion: (r: string | null) => setParams({ region: r }),
    setScenario: (s: string) => setParams({ scenario: s === 'baseline' ? null : s }),
    /** The month range (`from`, `to`) of pages that show one: the region profile, the brief, the comparison. */
    setRange: (r: { from: string; to: string }) => setParams({ from: r.from, to: r.to }),
  };
}
