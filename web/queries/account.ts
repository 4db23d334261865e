import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../lib/api-client.ts';
import { ensureOk, unwrap } from '../lib/http.ts';

/** Query factories for the signed-in account: who is there, their API tokens and their watchlist. */
export const accountQueries = {
  all: ['account'] as const,
  me: () =>
    queryOptions({
      queryKey: [...accountQueries.all, 'me'],
      queryFn: async () => unwrap(await api.auth.me.$get()),
      staleTime: 30_000,
    }),
  tokens: () =>
    queryOptions({
      queryKey: [...accountQueries.all, 'tokens'],
      queryFn: async () => unwrap(await api.auth.tokens.$get()),
    }),
  watchlist: () =>
    queryOptions({
      queryKey: [...accountQueries.all, 'watchlist'],
      queryFn: async () => unwrap(await api.watchlist.$get()),
    }),
};

/** Adds a region to the account's watchlist, or removes it; resolves to the list after the change. */
export async function changeWatchlist(code: string, watch: boolean) {
  const route = api.watchlist[':code'];
  return unwrap(watch ? await route.$put({ param: { code } }) : await route.$delete({ param: { code } }));
}

/** Signs in; on success every query refetches, since what one may read can change. */
export function useSignIn() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (body: { email: string; password: string }) => unwrap(await api.auth.login.$post({ json: body })),
    onSuccess: () => qc.invalidateQueries(),
  });
}

/** Signs out and drops everything cached for the account. */
export function useSignOut() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      await ensureOk(await api.auth.logout.$post());
    },
    // Reset (not remove) the account's queries: every mounted view of them is told and refetches, so a
    // page showing the account does not keep showing it after signing out from the top bar.
    onSuccess: async () => {
      await qc.resetQueries({ queryKey: accountQueries.all });
      return qc.invalidateQueries();
    },
  });
}

/** Creates an API token; the response holds the token itself, shown once. */
export function useCreateToken() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (json: { label: string; expiresInDays: number | null }) =>
      unwrap(await api.auth.tokens.$post({ json })),
    onSuccess: () => qc.invalidateQueries({ queryKey: accountQueries.tokens().queryKey }),
  });
}

/** Revokes one of the account's API tokens. */
export function useRevokeToken() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (id: number) => unwrap(await api.auth.tokens[':id'].$delete({ param: { id: String(id) } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: accountQueries.tokens().queryKey }),
  });
}

/** Changes the signed-in person's password; this session stays, the account's others end and its API tokens are revoked. */
export function useChangePassword() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (body: { current: string; password: string }) =>
      unwrap(await api.auth.password.$post({ json: body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: accountQueries.tokens().queryKey }),
  });
}
