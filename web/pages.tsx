import type { ComponentType } from 'react';
import { MapPage } from './features/map/map-page.tsx';

/** The dashboard's pages: one line each. The first is the home page and the fallback. */
export const PAGES: { path: string; label: string; Component: ComponentType }[] = [{ path: '/', label: 'Map', Component: MapPage }];
