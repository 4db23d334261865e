import { useSyncExternalStore } from 'react';

/**
 * A minimal router over the History API: the path picks the page, the query string holds the view
 * state (period, lens, level, region…) so any view can be shared as a link.
 */
const listeners = new Set<() => void>();
const notify = () => listeners.forEach((l) => l());
window.addEventListener('popstate', notify);

function subscribe(l: () => void) {
  listeners.add(l);
  return () => listeners.delete(l);
}

/** The current location (`pathname` + `search`), re-rendering on navigation. */
export function useLocation(): { path: string; params: URLSearchParams } {
  const href = useSyncExternalStore(subscribe, () => window.location.pathname + window.location.search);
  const url = new URL(href, window.location.origin);
  return { path: url.pathname, params: url.searchParams };
}

/** Goes to `to` (a path with optional query); `replace` avoids a history entry for small state changes. */
export function navigate(to: string, { replace = false } = {}): void {
  if (to === window.location.pathname + window.location.search) return;
  if (replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  notify();
}

/** Updates some query parameters of the current page (null removes one), keeping the others. */
export function setParams(patch: Record<string, string | null>, opts: { replace?: boolean } = { replace: true }): void {
  const url = new URL(window.location.href);
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) url.searchParams.delete(k);
    else url.searchParams.set(k, v);
  }
  navigate(url.pathname + url.search, opts);
}
