import { isPeriod, LENSES } from '../../indicators/index.ts';
import type { Lens } from '../../indicators/index.ts';
import { translated } from '../i18n/messages.ts';

/** Admin level of a score set: 0 = countries, 1 = first-level regions. */
export type Level = 0 | 1;

/** The region level the user asked for: one level, or `auto` (countries, regions once zoomed in). */
export type LevelMode = Level | 'auto';

/** Zoom from which the `auto` level shows first-level regions instead of countries. */
export const AUTO_LEVEL_ZOOM = 3.5;

/** A map view as held in the URL. */
export interface MapView {
  zoom: number;
  center: [number, number];
}

/** Lens names as users know them, in the current language. */
export const LENS_LABELS: Readonly<Record<Lens, string>> = translated(LENSES, (l) => `lens.${l}`);

/** The view state every page reads from the URL, so that any view can be shared as a link. */
export interface ViewState {
  lens: Lens;
  levelMode: LevelMode;
  /** The month asked for, or null for "latest". */
  period: string | null;
  region: string | null;
  scenario: string;
  view: MapView | null;
}

const num = (s: string | null) => (s === null || s.trim() === '' ? NaN : Number(s));

/** Reads a {@link ViewState} from query parameters, ignoring malformed values. */
export function parseViewState(
  params: URLSearchParams,
  defaults: { lens?: Lens; levelMode?: LevelMode } = {},
): ViewState {
  const lens = params.get('lens');
  const level = params.get('level');
  const period = params.get('period');
  const scenario = params.get('scenario');
  const zoom = num(params.get('z'));
  const [lng, lat] = (params.get('c') ?? '').split(',').map((s) => num(s));
  const view =
    Number.isFinite(zoom) &&
    Number.isFinite(lng) &&
    Number.isFinite(lat) &&
    Math.abs(lat!) <= 85 &&
    Math.abs(lng!) <= 360
      ? { zoom: Math.min(12, Math.max(0, zoom)), center: [lng!, lat!] as [number, number] }
      : null;
  return {
    lens: LENSES.includes(lens as Lens) ? (lens as Lens) : (defaults.lens ?? 'tip'),
    levelMode: level === '0' ? 0 : level === '1' ? 1 : level === 'auto' ? 'auto' : (defaults.levelMode ?? 'auto'),
    period: period && isPeriod(period) ? period : null,
    region: params.get('region') || null,
    scenario: scenario && /^[a-z0-9-]{1,40}$/.test(scenario) ? scenario : 'baseline',
    view,
  };
}

/** The level shown for a level mode at a zoom. */
export function effectiveLevel(mode: LevelMode, zoom: number): Level {
  if (mode !== 'auto') return mode;
  return zoom >= AUTO_LEVEL_ZOOM ? 1 : 0;
}

/** The URL parameters of a map view (zoom to 2 decimals, centre to 3). */
export function viewParams(v: MapView): { z: string; c: string } {
  return { z: v.zoom.toFixed(2), c: `${v.center[0].toFixed(3)},${v.center[1].toFixed(3)}` };
}

/** The admin level of a region code: countries use ISO 3166-1 alpha-3, regions a longer code. */
export function levelOfCode(code: string): Level {
  return /^[A-Z]{3}$/.test(code) ? 0 : 1;
}
