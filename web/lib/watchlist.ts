import { useSyncExternalStore } from 'react';

const KEY = 'vigil.watchlist';
const listeners = new Set<() => void>();
let cache: { raw: string | null; codes: readonly string[] } = { raw: null, codes: [] };

function read(): readonly string[] {
  let raw: string | null = null;
  try {
    raw = window.localStorage.getItem(KEY);
  } catch {
    raw = null;
  }
  if (raw === cache.raw) return cache.codes;
  let codes: string[] = [];
  try {
    const parsed: unknown = raw ? JSON.parse(raw) : [];
    if (Array.isArray(parsed)) codes = parsed.filter((c): c is string => typeof c === 'string');
  } catch {
    codes = [];
  }
  cache = { raw, codes };
  return codes;
}

function write(codes: readonly string[]): void {
  try {
    window.localStorage.setItem(KEY, JSON.stringify(codes));
  } catch {
    // Storage can be full or disabled; the watchlist then lasts for this page only.
    cache = { raw: JSON.stringify(codes), codes };
  }
  listeners.forEach((l) => l());
}

function subscribe(l: () => void) {
  listeners.add(l);
  const onStorage = (e: StorageEvent) => e.key === KEY && l();
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(l);
    window.removeEventListener('storage', onStorage);
  };
}

/**
 * A visitor's watchlist of region codes, saved in this browser (localStorage) and shared by every
 * view and tab: the codes (oldest first) and a setter. Signed-in people keep theirs with their
 * account instead (features/monitoring/use-watchlist.ts).
 */
export function useLocalWatchlist(): { codes: readonly string[]; set(codes: readonly string[]): void } {
  return { codes: useSyncExternalStore(subscribe, read), set: write };
}
