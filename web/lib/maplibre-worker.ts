import { setWorkerUrl } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?worker&url';

// MapLibre looks for its worker next to its own module; once bundled, Vite emits the worker as a
// separate asset, so point MapLibre at that asset (same origin, no CDN).
setWorkerUrl(workerUrl);
