import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useLocalWatchlist } from '../../lib/watchlist.ts';
import { accountQueries, changeWatchlist } from '../../queries/account.ts';

const serverList = accountQueries.watchlist;

/** Regions watched in this browser before signing in are moved to the account once (per page load). */
let moving = false;

/**
 * The watchlist of region codes (oldest first) and functions to change it: kept with the account
 * when signed in (so it follows the person to another browser), in this browser otherwise. What a
 * visitor watched before signing in moves to the account.
 */
export function useWatchlist(): {
  codes: readonly string[];
  has(code: string): boolean;
  toggle(code: string): void;
  remove(code: string): void;
} {
  const qc = useQueryClient();
  const local = useLocalWatchlist();
  const signedIn = Boolean(useQuery(accountQueries.me()).data?.user);
  const remote = useQuery({ ...serverList(), enabled: signedIn });
  const change = useMutation({
    mutationFn: ({ code, watch }: { code: string; watch: boolean }) => changeWatchlist(code, watch),
    // Shown at once; the server's answer (the list after the change) replaces the guess.
    onMutate: ({ code, watch }) =>
      qc.setQueryData<string[]>(serverList().queryKey, (old = []) =>
        watch ? [...old.filter((c) => c !== code), code] : old.filter((c) => c !== code),
      ),
    onSuccess: (list) => qc.setQueryData(serverList().queryKey, list),
    onError: () => qc.invalidateQueries({ queryKey: serverList().queryKey }),
  });

  useEffect(() => {
    if (!signedIn || !remote.data || local.codes.length === 0 || moving) return;
    moving = true;
    const missing = local.codes.filter((c) => !remote.data.includes(c));
    void Promise.all(missing.map((code) => change.mutateAsync({ code, watch: true }).catch(() => undefined))).then(
      () => {
        local.set([]);
        moving = false;
      },
    );
  }, [signedIn, remote.data, local, change]);

  const codes = signedIn ? (remote.data ?? []) : local.codes;
  const set = (code: string, watch: boolean) => {
    if (signedIn) change.mutate({ code, watch });
    else local.set(watch ? [...local.codes.filter((c) => c !== code), code] : local.codes.filter((c) => c !== code));
  };
  return {
    codes,
    has: (code) => codes.includes(code),
    toggle: (code) => set(code, !codes.includes(code)),
    remove: (code) => set(code, false),
  };
}
