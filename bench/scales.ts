/** How much synthetic data a benchmark run generates and how long its load tests last. */
export interface Scale {
  name: string;
  /** Countries with first-level regions taken in code order; null takes them all (about 4,600 regions). */
  countries: number | null;
  /** Months of data, from `firstMonth`. */
  months: number;
  firstMonth: string;
  /** Indicators each first-level region is assessed on (drawn per region between the two bounds). */
  indicatorsPerRegion: readonly [number, number];
  /** Indicators assessed for each country as a whole. */
  indicatorsPerCountry: number;
  /** Chance that an assessed indicator has an observation in a given month. */
  monthlyChance: number;
  /** Share of observations that were corrected once (the old version stays, superseded). */
  supersededShare: number;
  /** Share of observations that were retracted. */
  retractedShare: number;
  /** Rows of the CSV file imported in the import benchmark. */
  importRows: number;
  /** Events in the GED-shaped file of the events import benchmark (spread over the scale's countries). */
  events: number;
  /** Districts in the generated admin-2 boundary set of the boundary upload benchmark (in the scale's countries). */
  boundaryDistricts: number;
  /** Load test: seconds per run and concurrent connections. */
  load: { seconds: number; connections: number };
  /** Rescorings per sensitivity run in the health-under-load figure (a quarter of an anonymous visitor's ceiling at full scale). */
  heavyRuns: number;
  /** Sensitivity runs in flight at once in that figure. */
  heavyInFlight: number;
  /** Most `/api/health` requests in the health figures' quiet baseline (as many as were asked under load, 50 at least). */
  quietHealth: number;
  /**
   * Dashboard: fresh page loads timed (median), month changes per series, map moves for the label cost,
   * and whether one untimed page load warms the server first.
   */
  dashboard: {
    loads: number;
    steps: number;
    moves: number;
    warmUp: boolean;
    /** The browser window: the software-rendered map costs CPU by the pixel (a desktop layout at every scale). */
    viewport: { width: number; height: number };
  };
  /**
   * Months read in the admin-2 month-change figure, the first ones around its version change (January
   * 2016); null reads every month.
   */
  districtMonths: number | null;
  /** Observations added one at a time for the incremental benchmark. */
  incrementalRuns: number;
  /** Runs of each timed child process in the import-events and boundaries scenarios (each figure takes the fastest). */
  childRuns: number;
  /** Also time the model's reference implementation (every observation in memory): too slow at full scale. */
  referenceRecompute: boolean;
  seed: number;
}

/** A few seconds: what CI runs to keep the harness working (its timings mean nothing). */
export const TINY: Scale = {
  name: 'tiny',
  countries: 4,
  months: 12,
  firstMonth: '2024-01',
  indicatorsPerRegion: [6, 10],
  indicatorsPerCountry: 4,
  monthlyChance: 0.9,
  supersededShare: 0.03,
  retractedShare: 0.005,
  importRows: 1_000,
  events: 600,
  boundaryDistricts: 300,
  load: { seconds: 1, connections: 4 },
  heavyRuns: 1,
  heavyInFlight: 2,
  quietHealth: 200,
  // The fewest steps and moves that still give each dashboard figure (its timings mean nothing here).
  dashboard: { loads: 1, steps: 1, moves: 3, warmUp: false, viewport: { width: 960, height: 600 } },
  districtMonths: 6,
  incrementalRuns: 5,
  childRuns: 1,
  referenceRecompute: true,
  seed: 1,
};

/** A tenth of the full size, for trying changes quickly. */
export const SMALL: Scale = {
  ...TINY,
  name: 'small',
  countries: 25,
  months: 120,
  firstMonth: '2016-01',
  indicatorsPerRegion: [16, 24],
  indicatorsPerCountry: 8,
  importRows: 100_000,
  events: 30_000,
  boundaryDistricts: 10_000,
  load: { seconds: 5, connections: 10 },
  heavyRuns: 50,
  heavyInFlight: 8,
  quietHealth: 2_000,
  dashboard: { loads: 3, steps: 5, moves: 60, warmUp: true, viewport: { width: 1400, height: 860 } },
  districtMonths: null,
  incrementalRuns: 20,
  childRuns: 2,
};

/** Every admin-1 region of the world × 120 months × about 20 indicators: about 10 million observations. */
export const FULL: Scale = {
  ...SMALL,
  name: 'full',
  countries: null,
  importRows: 1_000_000,
  events: 300_000,
  boundaryDistricts: 50_000,
  load: { seconds: 10, connections: 10 },
  incrementalRuns: 30,
  referenceRecompute: false,
};

export const SCALES: Readonly<Record<string, Scale>> = { tiny: TINY, small: SMALL, full: FULL };
